import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { settings as readSettings, type Settings } from '../config/settings';

/**
 * Where the data lives. One switch: DATABASE_URL set means that PostgreSQL server,
 * unset means the embedded PGlite database in <STAMMKUNDE_DATA_DIR>/pglite (zero install).
 */
export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

export function databaseTarget(settings: Pick<Settings, 'DATABASE_URL' | 'STAMMKUNDE_DATA_DIR'> = readSettings()): DatabaseTarget {
  if (settings.DATABASE_URL) {
    if (!/^postgres(ql)?:\/\//.test(settings.DATABASE_URL)) {
      throw new Error(`DATABASE_URL must start with postgresql:// (got "${redactUrl(settings.DATABASE_URL)}")`);
    }
    return { kind: 'postgres', url: settings.DATABASE_URL };
  }
  return { kind: 'pglite', dataDir: path.join(settings.STAMMKUNDE_DATA_DIR, 'pglite') };
}

/**
 * Opens (creating if needed) the PGlite database in a directory. Only one process may have it open.
 * Under jest this needs --experimental-vm-modules (PGlite loads node:fs with `import()`), as the Prisma client does.
 */
export async function openPglite(dataDir: string): Promise<PGlite> {
  fs.mkdirSync(dataDir, { recursive: true });
  return PGlite.create(dataDir);
}

/** A target for log lines: the URL without its password. */
export function describeTarget(target: DatabaseTarget): string {
  return target.kind === 'postgres' ? redactUrl(target.url) : `PGlite in ${target.dataDir}`;
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable URL>';
  }
}
