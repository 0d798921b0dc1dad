import { randomUUID } from 'node:crypto';
import { connectDatabase, type PrismaClient } from '../../db/client';
import { runAdminStatement, urlForDatabase } from '../../db/migrationAdapters';
import { TEST_ENV, requiredTestEnv } from './testDatabaseEnv';

/** A database of its own for one test file, with every migration applied. */
export interface TestDatabase {
  name: string;
  /** postgresql://… of this database, e.g. for DATABASE_URL of a worker under test. */
  url: string;
  prisma: PrismaClient;
  /** Disconnects and drops the database. */
  drop(): Promise<void>;
}

/** Clones the migrated template database that globalSetup prepared (CREATE DATABASE … TEMPLATE …). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = requiredTestEnv(TEST_ENV.serverUrl);
  const template = requiredTestEnv(TEST_ENV.templateDatabase);
  const name = `${requiredTestEnv(TEST_ENV.databasePrefix)}_${randomUUID().slice(0, 8)}`;
  await cloneDatabase(serverUrl, template, name);
  const url = urlForDatabase(serverUrl, name);
  const database = await connectDatabase({ kind: 'postgres', url });
  return {
    name,
    url,
    prisma: database.prisma,
    async drop() {
      await database.close();
      await runAdminStatement(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** Creates an empty database (no migrations), for tests of the migrations themselves. */
export async function createEmptyDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const serverUrl = requiredTestEnv(TEST_ENV.serverUrl);
  const name = `${requiredTestEnv(TEST_ENV.databasePrefix)}_${randomUUID().slice(0, 8)}`;
  await runAdminStatement(serverUrl, `CREATE DATABASE "${name}"`);
  return {
    name,
    url: urlForDatabase(serverUrl, name),
    drop: () => runAdminStatement(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** Parallel clones of one template can briefly see each other as "other users" of it; retry then. */
async function cloneDatabase(serverUrl: string, template: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runAdminStatement(serverUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    } catch (error) {
      const busy = (error as { code?: string }).code === '55006';
      if (!busy || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}
