import fs from 'node:fs';
import path from 'node:path';

/**
 * Who has the embedded PGlite database open. PGlite allows one process per data directory, so
 * whoever opens it writes `<pgliteDir>.owner.json` beside it first (created exclusively) and
 * removes it when done. The running engine (`stammkunde start`) also serves the database over the PostgreSQL wire
 * protocol and writes where (and its Temporal frontend), so a CLI command beside it connects there.
 * A file left by a process that died is taken over.
 */
export type EmbeddedOwner = {
  pid: number;
  role: 'engine' | 'command';
  /** postgresql://… of the engine's database server (role engine, once it listens). */
  databaseUrl?: string;
  /** host:port of the engine's Temporal frontend. */
  temporalAddress?: string;
  startedAt: string;
};

export type OwnerClaim = { owner: EmbeddedOwner; update(fields: Partial<EmbeddedOwner>): void; release(): void };

export const ownerFile = (pgliteDir: string) => `${path.resolve(pgliteDir)}.owner.json`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live owner of the data dir, if any (a file of a dead process is removed). */
export function currentOwner(dataDir: string): EmbeddedOwner | undefined {
  const file = ownerFile(dataDir);
  let owner: EmbeddedOwner;
  try {
    owner = JSON.parse(fs.readFileSync(file, 'utf8')) as EmbeddedOwner;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return undefined; // half-written by its creator a moment ago: treated like no owner, the exclusive create decides
  }
  if (owner.pid !== process.pid && isAlive(owner.pid)) return owner;
  fs.rmSync(file, { force: true });
  return undefined;
}

/** Claims the data dir for this process, or returns the live owner that has it. */
export function claimEmbedded(dataDir: string, role: EmbeddedOwner['role']): OwnerClaim | { heldBy: EmbeddedOwner } {
  fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const file = ownerFile(dataDir);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const owner: EmbeddedOwner = { pid: process.pid, role, startedAt: new Date().toISOString() };
    try {
      fs.writeFileSync(file, JSON.stringify(owner), { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = currentOwner(dataDir);
      if (holder) return { heldBy: holder };
      continue; // stale file removed: try again
    }
    let released = false;
    return {
      owner,
      update(fields) {
        Object.assign(owner, fields);
        const temporary = `${file}.${process.pid}`;
        fs.writeFileSync(temporary, JSON.stringify(owner));
        fs.renameSync(temporary, file);
      },
      release() {
        if (released) return;
        released = true;
        if (currentOwnerPid(file) === process.pid) fs.rmSync(file, { force: true });
      },
    };
  }
  throw new Error(`Cannot claim the embedded database in ${dataDir}: ${file} keeps changing`);
}

function currentOwnerPid(file: string): number | undefined {
  try {
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as EmbeddedOwner).pid;
  } catch {
    return undefined;
  }
}

export function describeOwner(owner: EmbeddedOwner): string {
  return owner.role === 'engine'
    ? `the running engine ("stammkunde start", pid ${owner.pid})`
    : `another stammkunde command (pid ${owner.pid})`;
}
