import pg from 'pg';

/** Drops every database this run created, and stops the throwaway cluster if globalSetup started one. */
export default async function globalTeardown(): Promise<void> {
  const server = globalThis.__STAMMKUNDE_TEST_DATABASE_SERVER__;
  if (!server) return;
  globalThis.__STAMMKUNDE_TEST_DATABASE_SERVER__ = undefined;
  if (server.cluster) return server.cluster.stop(); // deletes the whole data directory
  await dropDatabasesStartingWith(server.serverUrl, server.prefix);
}

async function dropDatabasesStartingWith(serverUrl: string, prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
