import pg from 'pg';
import type { Settings } from '../config/settings';
import { databaseTarget, type DatabaseTarget } from './databaseTarget';
import { claimEmbedded, currentOwner, describeOwner, type EmbeddedOwner } from './embeddedOwner';

/**
 * How a CLI command reaches the database:
 *  - DATABASE_URL set: that server;
 *  - the embedded PGlite database free: opened directly (claimed for the command's lifetime);
 *  - `stammkunde start` running on it: through the engine's database server (PostgreSQL wire protocol);
 *  - held by something that cannot share it: a clear error saying by whom and what to do.
 */
export type CommandAccess = { target: DatabaseTarget; engine?: EmbeddedOwner; release(): void };

const PROBE_TIMEOUT_MS = 5_000;

async function probe(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  try {
    await client.connect();
    await client.query('select 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function accessDatabaseForCommand(settings: Pick<Settings, 'DATABASE_URL' | 'STAMMKUNDE_DATA_DIR'>): Promise<CommandAccess> {
  const target = databaseTarget(settings);
  if (target.kind === 'postgres') return { target, release: () => undefined };
  const claim = claimEmbedded(target.dataDir, 'command');
  if ('owner' in claim) return { target, release: () => claim.release() };
  const owner = claim.heldBy;
  const where = `The embedded database in ${target.dataDir}`;
  if (owner.role !== 'engine') throw new Error(`${where} is open in ${describeOwner(owner)}; run this again when it has finished.`);
  if (!owner.databaseUrl)
    throw new Error(
      `${where} is in use by ${describeOwner(owner)}, which is still starting; run this again once it prints "Stammkunde is running."`,
    );
  try {
    await probe(owner.databaseUrl);
  } catch (error) {
    throw new Error(
      `${where} is in use by ${describeOwner(owner)}, but its database server at ${owner.databaseUrl} does not answer (${(error as Error).message}); stop it (Ctrl-C) or wait until it is up, then run this again.`,
    );
  }
  return { target: { kind: 'postgres', url: owner.databaseUrl }, engine: owner, release: () => undefined };
}

/** The running engine on this data dir, if there is one (for its Temporal address). */
export function runningEngine(settings: Pick<Settings, 'DATABASE_URL' | 'STAMMKUNDE_DATA_DIR'>): EmbeddedOwner | undefined {
  if (settings.DATABASE_URL) return undefined;
  const target = databaseTarget(settings);
  const owner = target.kind === 'pglite' ? currentOwner(target.dataDir) : undefined;
  return owner?.role === 'engine' ? owner : undefined;
}
