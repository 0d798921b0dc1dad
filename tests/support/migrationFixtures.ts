import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { MIGRATIONS_DIR } from '../../db/migrations';

/** Helpers for tests of the migrations themselves. */

/** The tables every dealer installation needs (the domain model in prisma/schema.prisma). */
export const DOMAIN_TABLES = [
  'dealer_groups',
  'dealers',
  'locations',
  'staff',
  'staff_absences',
  'customers',
  'vehicles',
  'service_visits',
  'leads',
  'callback_tasks',
  'touchpoints',
  'messages',
  'suppressions',
  'campaign_enrollments',
  'staff_tasks',
  'newsletter_runs',
  'newsletter_recipients',
  'api_keys',
  'processed_events',
];

export function migrationFolders(dir = MIGRATIONS_DIR): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** Lowercase hex SHA-256 of a migration.sql, as `prisma migrate` stores it in _prisma_migrations.checksum. */
export function migrationChecksum(folder: string, dir = MIGRATIONS_DIR): string {
  return createHash('sha256')
    .update(fs.readFileSync(path.join(dir, folder, 'migration.sql')))
    .digest('hex');
}

export interface AppliedMigration {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
}

const APPLIED_SQL =
  'SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name';
const TABLES_SQL = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name";

/** Reads the migration table and table list of a PostgreSQL database. */
export async function inspectPostgres(url: string): Promise<{ applied: AppliedMigration[]; tables: string[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const applied = (await client.query<AppliedMigration>(APPLIED_SQL)).rows;
    const tables = (await client.query<{ table_name: string }>(TABLES_SQL)).rows.map((r) => r.table_name);
    return { applied, tables };
  } finally {
    await client.end();
  }
}

export async function inspectPglite(db: PGlite): Promise<{ applied: AppliedMigration[]; tables: string[] }> {
  const applied = (await db.query<AppliedMigration>(APPLIED_SQL)).rows;
  const tables = (await db.query<{ table_name: string }>(TABLES_SQL)).rows.map((r) => r.table_name);
  return { applied, tables };
}

/** Shadow databases the migration engine left behind on a server (there should be none). */
export async function shadowDatabasesLeftOn(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'stammkunde_shadow_%'");
    return rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}

/** A temp copy of the migrations folder plus extra migrations, for tests that add to the history. */
export function migrationsCopyWith(extra: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stammkunde-migrations-'));
  fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  for (const [folder, sql] of Object.entries(extra)) {
    fs.mkdirSync(path.join(dir, folder));
    fs.writeFileSync(path.join(dir, folder, 'migration.sql'), sql);
  }
  return dir;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
