import path from 'node:path';
import pg from 'pg';
import { runAdminStatement, urlForDatabase } from '../../db/migrationAdapters';
import type { TemporalServerInstall } from './buildTemporalServer';
import type { ProvisionLog } from './provisionLog';
import { runBuild } from './systemTools';

/** Where Temporal keeps its state: a PostgreSQL server (from a postgresql:// URL) and the two database names. */
export interface TemporalPostgres {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Workflow histories, timers, task queues. */
  database: string;
  /** SQL visibility (list / count workflows). */
  visibilityDatabase: string;
  /** A URL to the server for CREATE DATABASE (the URL's own database). */
  adminUrl: string;
}

export function temporalPostgresFromUrl(url: string, names: { database?: string; visibilityDatabase?: string } = {}): TemporalPostgres {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`TEMPORAL_POSTGRES_URL: expected postgresql://user:password@host:port/database, got "${url}"`);
  }
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) {
    throw new Error(`TEMPORAL_POSTGRES_URL: expected a postgresql:// URL, got the protocol "${parsed.protocol}"`);
  }
  return {
    host: parsed.hostname || '127.0.0.1',
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username || 'postgres'),
    password: decodeURIComponent(parsed.password),
    database: names.database ?? 'temporal',
    visibilityDatabase: names.visibilityDatabase ?? 'temporal_visibility',
    adminUrl: url,
  };
}

/**
 * Creates both databases when missing and brings their schemas to the version this server needs, with the
 * server's own SQL tool and the schema files its module ships: `setup-schema -v 0.0` once (the version table),
 * then `update-schema` through schema/postgresql/v12/<temporal|visibility>/versioned, which applies only what is new.
 * Safe to run at every start, and the way to upgrade the schema before starting a newer server.
 */
export async function prepareTemporalDatabases(install: TemporalServerInstall, target: TemporalPostgres, log: ProvisionLog): Promise<void> {
  for (const [database, schema] of [
    [target.database, 'temporal'],
    [target.visibilityDatabase, 'visibility'],
  ] as const) {
    await createDatabaseIfMissing(target.adminUrl, database);
    const tool = (args: string[]) =>
      runBuild(
        install.sqlTool,
        [
          '--plugin',
          'postgres12',
          '--endpoint',
          target.host,
          '--port',
          String(target.port),
          '--user',
          target.user,
          '--password',
          target.password,
          '--database',
          database,
          ...args,
        ],
        { onLine: (line) => log.debug({ sqlTool: line }) },
      );
    if (!(await hasVersionTable(urlForDatabase(target.adminUrl, database)))) await tool(['setup-schema', '-v', '0.0']);
    await tool(['update-schema', '--schema-dir', path.join(install.postgresSchemaDir, schema, 'versioned')]);
    log.info({ database, schema }, 'Temporal schema is current');
  }
}

async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount) return;
  } finally {
    await client.end();
  }
  await runAdminStatement(adminUrl, `CREATE DATABASE "${database.replace(/"/g, '""')}"`);
}

async function hasVersionTable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const found = await client.query("SELECT to_regclass('public.schema_version') IS NOT NULL AS present");
    return found.rows[0]?.present === true;
  } finally {
    await client.end();
  }
}
