import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A lock file in the cache dir, so that two processes (jest workers, a test run next to `npm start`)
 * never build the same server at once. The holder writes its pid; a lock whose pid is gone is stale and is broken.
 */
interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

export interface LockOptions {
  /** How long to wait for another holder before giving up. */
  timeoutMs?: number;
  pollMs?: number;
  /** Called once when we start waiting for another process. */
  onWait?: (holder: LockHolder | undefined) => void;
}

/** Locks from another host that are older than this are treated as abandoned. */
const FOREIGN_LOCK_MAX_AGE_MS = 2 * 60 * 60 * 1000;
/** A lock file we cannot parse (its writer may be mid-write) is broken only after this grace period. */
const UNREADABLE_LOCK_GRACE_MS = 10_000;

export async function withFileLock<T>(file: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const { timeoutMs = 60 * 60 * 1000, pollMs = 500, onWait } = options;
  await fs.mkdir(path.dirname(file), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  let waiting = false;
  while (!(await tryCreate(file))) {
    const holder = await readHolder(file);
    if (await isAbandoned(file, holder)) {
      await removeIfUnchanged(file, holder);
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${Math.round(timeoutMs / 1000)} s waiting for the lock ${file}` +
          (holder ? ` held by pid ${holder.pid} on ${holder.host} since ${holder.since}` : '') +
          '. If no build is running, delete that file.',
      );
    }
    if (!waiting) {
      waiting = true;
      onWait?.(holder);
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
  try {
    return await work();
  } finally {
    await fs.rm(file, { force: true });
  }
}

async function tryCreate(file: string): Promise<boolean> {
  const holder: LockHolder = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
  try {
    await fs.writeFile(file, JSON.stringify(holder), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function readHolder(file: string): Promise<LockHolder | undefined> {
  try {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string' && typeof parsed.since === 'string') {
      return parsed as LockHolder;
    }
  } catch {
    // missing or half-written: handled by the caller
  }
  return undefined;
}

async function isAbandoned(file: string, holder: LockHolder | undefined): Promise<boolean> {
  if (!holder) {
    const stat = await fs.stat(file).catch(() => undefined);
    return stat !== undefined && Date.now() - stat.mtimeMs > UNREADABLE_LOCK_GRACE_MS;
  }
  if (holder.host !== os.hostname()) return Date.now() - Date.parse(holder.since) > FOREIGN_LOCK_MAX_AGE_MS;
  return !processIsAlive(holder.pid);
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes a stale lock only if it still names the same holder, so we never delete a fresh lock by accident. */
async function removeIfUnchanged(file: string, staleHolder: LockHolder | undefined): Promise<void> {
  const current = await readHolder(file);
  if (JSON.stringify(current) === JSON.stringify(staleHolder)) await fs.rm(file, { force: true });
}
