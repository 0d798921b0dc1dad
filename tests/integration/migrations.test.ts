import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createDevMigration, deployMigrations } from '../../db/migrationRunner';
import { openPgliteNatively } from '../../db/nativeRequire';
import { SCHEMA_PATH } from '../../db/schemaEngine';
import { createEmptyDatabase } from '../support/database';
import {
  DOMAIN_TABLES,
  inspectPglite,
  inspectPostgres,
  migrationChecksum,
  migrationFolders,
  migrationsCopyWith,
  shadowDatabasesLeftOn,
  tempDir,
} from '../support/migrationFixtures';

const repoRoot = path.resolve(__dirname, '..', '..');

function expectRecordedLikePrismaMigrateDeploy(applied: Awaited<ReturnType<typeof inspectPostgres>>['applied']) {
  expect(applied.map((m) => m.migration_name)).toEqual(migrationFolders());
  for (const migration of applied) {
    expect(migration.checksum).toBe(migrationChecksum(migration.migration_name));
    expect(migration.finished_at).not.toBeNull();
    expect(migration.rolled_back_at).toBeNull();
    expect(migration.applied_steps_count).toBe(1);
  }
}

describe('setting up the database of a new dealer installation', () => {
  it('applies every migration to an empty PostgreSQL database, recorded exactly like prisma migrate deploy', async () => {
    const database = await createEmptyDatabase();
    try {
      const target = { kind: 'postgres' as const, url: database.url };
      expect(await deployMigrations(target)).toEqual(migrationFolders());

      const { applied, tables } = await inspectPostgres(database.url);
      expectRecordedLikePrismaMigrateDeploy(applied);
      expect(tables).toEqual(expect.arrayContaining([...DOMAIN_TABLES, '_prisma_migrations']));

      expect(await deployMigrations(target)).toEqual([]); // a second deploy has nothing to do
    } finally {
      await database.drop();
    }
  });

  it('applies the same migrations to a fresh embedded PGlite database (no DATABASE_URL)', async () => {
    const dataDir = path.join(tempDir('stammkunde-pglite-'), 'pglite');
    try {
      const target = { kind: 'pglite' as const, dataDir };
      expect(await deployMigrations(target)).toEqual(migrationFolders());
      expect(await deployMigrations(target)).toEqual([]);

      const pglite = await openPgliteNatively(dataDir);
      try {
        const { applied, tables } = await inspectPglite(pglite);
        expectRecordedLikePrismaMigrateDeploy(applied);
        expect(tables).toEqual(expect.arrayContaining(DOMAIN_TABLES));
      } finally {
        await pglite.close();
      }
    } finally {
      fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
    }
  });

  it('is what `npx tsx db/migrate.ts deploy` does against DATABASE_URL', async () => {
    const database = await createEmptyDatabase();
    try {
      const deploy = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'db/migrate.ts', 'deploy'], {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: database.url, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/false', LOG_LEVEL: 'info' },
        timeout: 120_000,
      });
      expect(deploy.stderr).toBe('');
      expect(deploy.status).toBe(0);
      expect(deploy.stdout).toContain('migrations applied');
      expectRecordedLikePrismaMigrateDeploy((await inspectPostgres(database.url)).applied);
    } finally {
      await database.drop();
    }
  });
});

describe('a developer adding a field to the schema (migrate dev)', () => {
  it('gets the next migration generated through a shadow database, written to disk and applied', async () => {
    const database = await createEmptyDatabase();
    const migrationsDir = migrationsCopyWith({});
    const schemaPath = path.join(migrationsDir, 'schema.prisma');
    const schema = fs
      .readFileSync(SCHEMA_PATH, 'utf8')
      .replace('  tags                  String[]', '  nickname              String?\n  tags                  String[]');
    fs.writeFileSync(schemaPath, schema);
    try {
      const target = { kind: 'postgres' as const, url: database.url };
      const result = await createDevMigration(target, { name: 'Add customer nickname', migrationsDir, schemaPath });

      expect(result.createdFolder).toMatch(/\/\d{14}_add_customer_nickname$/);
      const sql = fs.readFileSync(path.join(result.createdFolder!, 'migration.sql'), 'utf8');
      expect(sql).toContain('ALTER TABLE "customers" ADD COLUMN     "nickname" TEXT;');
      expect(result.appliedMigrationNames).toEqual([...migrationFolders(), path.basename(result.createdFolder!)]);

      const again = await createDevMigration(target, { name: 'nothing changed', migrationsDir, schemaPath });
      expect(again).toEqual({ appliedMigrationNames: [] });
      expect(await shadowDatabasesLeftOn(database.url)).toEqual([]);
    } finally {
      await database.drop();
      fs.rmSync(migrationsDir, { recursive: true, force: true });
    }
  });

  it('keeps the committed migrations in step with prisma/schema.prisma', async () => {
    const database = await createEmptyDatabase();
    const migrationsDir = migrationsCopyWith({});
    try {
      const result = await createDevMigration({ kind: 'postgres', url: database.url }, { name: 'drift check', migrationsDir });
      expect(result.createdFolder).toBeUndefined(); // otherwise: run `npm run db:migrate:dev -- --name <change>`
    } finally {
      await database.drop();
      fs.rmSync(migrationsDir, { recursive: true, force: true });
    }
  });
});

describe('a migration that contains semicolons in strings and comments, or fails half-way', () => {
  const semicolons = `-- a comment; with a semicolon
COMMENT ON TABLE "dealers" IS 'Autohaus; Stammkunden';
CREATE FUNCTION stammkunde_test_fn() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END; $$;
`;
  const failing = `CREATE TABLE "half_done" (id int);
SELECT 1 / 0;
`;
  const migrationsDir = migrationsCopyWith({
    '29990101000000_semicolons': semicolons,
    '29990101000001_failing': failing,
  });
  afterAll(() => fs.rmSync(migrationsDir, { recursive: true, force: true }));

  it('on PostgreSQL runs the migration whole and rolls the failing one back completely', async () => {
    const database = await createEmptyDatabase();
    try {
      await expect(deployMigrations({ kind: 'postgres', url: database.url }, { migrationsDir })).rejects.toThrow(/division by zero/);
      const { applied, tables } = await inspectPostgres(database.url);
      expect(tables).not.toContain('half_done');
      const failed = applied.find((m) => m.migration_name === '29990101000001_failing');
      expect(failed?.finished_at).toBeNull();
      expect(applied.find((m) => m.migration_name === '29990101000000_semicolons')?.finished_at).not.toBeNull();
    } finally {
      await database.drop();
    }
  });

  it('on PGlite records the failure instead of marking the migration applied', async () => {
    const dataDir = tempDir('stammkunde-pglite-');
    try {
      await expect(deployMigrations({ kind: 'pglite', dataDir }, { migrationsDir })).rejects.toThrow(/division by zero/);
      const pglite = await openPgliteNatively(dataDir);
      try {
        const { applied, tables } = await inspectPglite(pglite);
        expect(tables).not.toContain('half_done');
        expect(applied.find((m) => m.migration_name === '29990101000001_failing')?.finished_at).toBeNull();
      } finally {
        await pglite.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
