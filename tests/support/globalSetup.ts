import { readSettings } from '../../config/settings';
import { runAdminStatement, urlForDatabase } from '../../db/migrationAdapters';
import { deployMigrations } from '../../db/migrationRunner';
import { startThrowawayCluster, type ThrowawayCluster } from '../../infra/postgres/throwawayCluster';
import { TEST_ENV } from './testDatabaseEnv';

/**
 * Integration tests get a real PostgreSQL: the server in DATABASE_URL when set, otherwise a throwaway
 * cluster started here. One template database gets every migration; each test file clones it
 * (tests/support/database.ts), which takes milliseconds.
 */
export interface TestDatabaseServer {
  cluster?: ThrowawayCluster;
  serverUrl: string;
  prefix: string;
}

declare global {
  // Read by globalTeardown, which jest runs in the same process.
  var __STAMMKUNDE_TEST_DATABASE_SERVER__: TestDatabaseServer | undefined;
}

export default async function globalSetup(): Promise<void> {
  const configuredUrl = readSettings().DATABASE_URL;
  const cluster = configuredUrl ? undefined : await startThrowawayCluster();
  const serverUrl = configuredUrl ?? cluster!.url;
  const prefix = `stammkunde_test_${process.pid}_${Date.now().toString(36)}`;
  globalThis.__STAMMKUNDE_TEST_DATABASE_SERVER__ = { cluster, serverUrl, prefix };

  const template = `${prefix}_template`;
  await runAdminStatement(serverUrl, `CREATE DATABASE "${template}"`);
  await deployMigrations({ kind: 'postgres', url: urlForDatabase(serverUrl, template) });

  process.env[TEST_ENV.serverUrl] = serverUrl;
  process.env[TEST_ENV.templateDatabase] = template;
  process.env[TEST_ENV.databasePrefix] = prefix;
}
