import type { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaPg } from '@prisma/adapter-pg';
import type { Settings } from '../config/settings';
import { databaseTarget, openPglite, type DatabaseTarget } from './databaseTarget';
import { Prisma, PrismaClient } from './generated/client';

export { Prisma, PrismaClient };

/**
 * The engine's database handle. DATABASE_URL set → that PostgreSQL server (@prisma/adapter-pg);
 * unset → the embedded PGlite database in <STAMMKUNDE_DATA_DIR>/pglite. Nothing else changes.
 * Generate the client first: `npm run db:generate`.
 */
export interface Database {
  prisma: PrismaClient;
  target: DatabaseTarget;
  /** The embedded database itself (PGlite targets only), e.g. to serve it to other processes. */
  pglite?: PGlite;
  /** Disconnects Prisma and closes the pool or PGlite it opened, so the process can exit. */
  close(): Promise<void>;
}

export async function createDatabase(settings?: Pick<Settings, 'DATABASE_URL' | 'STAMMKUNDE_DATA_DIR'>): Promise<Database> {
  return connectDatabase(databaseTarget(settings));
}

/** The same, for an explicit target (tests, tools that open a second database). */
export async function connectDatabase(target: DatabaseTarget, options: { maxConnections?: number } = {}): Promise<Database> {
  if (target.kind === 'postgres') return connectPostgres(target, options.maxConnections);
  return connectPglite(target, await openPglite(target.dataDir));
}

function connectPostgres(target: DatabaseTarget & { kind: 'postgres' }, max?: number): Database {
  // With a connection string the adapter owns its pool and ends it on $disconnect.
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: target.url, ...(max ? { max } : {}) }) });
  return { prisma, target, close: onceOnly(() => prisma.$disconnect()) };
}

function connectPglite(target: DatabaseTarget, pglite: PGlite): Database {
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const close = onceOnly(async () => {
    await prisma.$disconnect();
    await pglite.close();
  });
  return { prisma, target, pglite, close };
}

function onceOnly(action: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= action());
}
