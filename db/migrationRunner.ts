import fs from 'node:fs';
import { componentLogger } from '../config/logger';
import type { DatabaseTarget } from './databaseTarget';
import { pgliteMigrationAdapter, postgresMigrationAdapter } from './migrationAdapters';
import { openPgliteNatively } from './nativeRequire';
import { MIGRATIONS_DIR, NO_EXTERNAL_ENTITIES, migrationSlug, readMigrationsList, writeMigration } from './migrations';
import { SCHEMA_PATH, engineError, openSchemaEngine, type SchemaEngine } from './schemaEngine';

/**
 * `prisma migrate deploy` and `prisma migrate dev`, driven through the wasm schema engine.
 * The engine records `_prisma_migrations` exactly like the native tool (same rows, SHA-256 checksums).
 */
const log = componentLogger('migrate');

export interface MigrationPaths {
  migrationsDir?: string;
  schemaPath?: string;
}

/** Opens the engine on the target, runs the work, and closes everything it opened. */
export async function withSchemaEngine<T>(
  target: DatabaseTarget,
  work: (engine: SchemaEngine) => Promise<T>,
  schemaPath = SCHEMA_PATH,
): Promise<T> {
  const pglite = target.kind === 'pglite' ? await openPgliteNatively(target.dataDir) : undefined;
  try {
    const adapter = pglite ? pgliteMigrationAdapter(pglite) : postgresMigrationAdapter((target as { url: string }).url);
    const session = await openSchemaEngine(adapter, schemaPath);
    try {
      return await work(session.engine).catch((error: unknown) => {
        throw engineError(error);
      });
    } finally {
      await session.close();
    }
  } finally {
    await pglite?.close();
  }
}

/** Applies every migration not yet applied; returns their names (empty when up to date). */
export async function deployMigrations(target: DatabaseTarget, paths: MigrationPaths = {}): Promise<string[]> {
  const migrationsList = readMigrationsList(paths.migrationsDir ?? MIGRATIONS_DIR);
  const { appliedMigrationNames } = await withSchemaEngine(
    target,
    (engine) => engine.applyMigrations({ migrationsList, filters: NO_EXTERNAL_ENTITIES }),
    paths.schemaPath,
  );
  return appliedMigrationNames;
}

export interface DevMigrationOptions extends MigrationPaths {
  /** Migration name, e.g. "add_lead_status". */
  name: string;
  /** Reset the development database when its history has drifted (it is wiped!). */
  reset?: boolean;
  /** Create the migration even though it drops data in the development database. */
  acceptDataLoss?: boolean;
}

export interface DevMigrationResult {
  /** Folder of the new migration, or undefined when the schema was already in sync. */
  createdFolder?: string;
  appliedMigrationNames: string[];
}

/**
 * `migrate dev`: devDiagnostic → applyMigrations → evaluateDataLoss → createMigration → write files → applyMigrations.
 * Quirk of the wasm engine: evaluateDataLoss only finds the shadow database after a devDiagnostic in
 * the same engine, and not once that engine has applied a migration ("PostgreSQL shadow DB must be
 * provided through an external factory"). So steps 1–2 run in one engine, and the rest in a second
 * engine that starts with its own devDiagnostic.
 */
export async function createDevMigration(target: DatabaseTarget, options: DevMigrationOptions): Promise<DevMigrationResult> {
  const migrationsDir = options.migrationsDir ?? MIGRATIONS_DIR;
  const schemaPath = options.schemaPath ?? SCHEMA_PATH;
  const migrationName = migrationSlug(options.name);
  const applied = await withSchemaEngine(target, (engine) => catchUpDevDatabase(engine, migrationsDir, options.reset ?? false), schemaPath);
  const created = await withSchemaEngine(
    target,
    (engine) =>
      createAndApplyMigration(engine, { migrationsDir, schemaPath, migrationName, acceptDataLoss: options.acceptDataLoss ?? false }),
    schemaPath,
  );
  return { createdFolder: created.createdFolder, appliedMigrationNames: [...applied, ...created.appliedMigrationNames] };
}

/** Steps 1–2: check the history (resetting when asked) and apply what is pending. */
async function catchUpDevDatabase(engine: SchemaEngine, migrationsDir: string, reset: boolean): Promise<string[]> {
  const migrationsList = readMigrationsList(migrationsDir);
  const filters = NO_EXTERNAL_ENTITIES;
  const { action } = await engine.devDiagnostic({ migrationsList, filters });
  if (action.tag === 'reset') {
    if (!reset) throw new Error(`The development database must be reset: ${action.reason}. Re-run with --reset (this wipes it).`);
    log.warn({ reason: action.reason }, 'resetting the development database');
    await engine.reset({ filter: filters });
  }
  return (await engine.applyMigrations({ migrationsList, filters })).appliedMigrationNames;
}

interface CreateStep {
  migrationsDir: string;
  schemaPath: string;
  migrationName: string;
  acceptDataLoss: boolean;
}

/** Steps 3–5: check for data loss, let the engine write the SQL, save it, apply it. */
async function createAndApplyMigration(engine: SchemaEngine, step: CreateStep): Promise<DevMigrationResult> {
  const migrationsList = readMigrationsList(step.migrationsDir);
  const filters = NO_EXTERNAL_ENTITIES;
  const schema = { files: [{ path: step.schemaPath, content: fs.readFileSync(step.schemaPath, 'utf8') }] };

  await engine.devDiagnostic({ migrationsList, filters }); // connects the shadow database for evaluateDataLoss
  const dataLoss = await engine.evaluateDataLoss({ migrationsList, schema, filters });
  if (dataLoss.unexecutableSteps.length > 0) {
    throw new Error(`The migration cannot run on this database: ${dataLoss.unexecutableSteps.map((s) => s.message).join('; ')}`);
  }
  if (dataLoss.warnings.length > 0 && !step.acceptDataLoss) {
    throw new Error(
      `The migration would lose data: ${dataLoss.warnings.map((w) => w.message).join('; ')}. Re-run with --accept-data-loss.`,
    );
  }
  if (dataLoss.migrationSteps === 0) return { appliedMigrationNames: [] };

  const created = await engine.createMigration({ draft: false, migrationName: step.migrationName, migrationsList, schema, filters });
  if (!created.migrationScript) return { appliedMigrationNames: [] };
  const createdFolder = writeMigration(created.generatedMigrationName, created.migrationScript, step.migrationsDir);
  log.info({ folder: createdFolder }, 'migration created');

  const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: readMigrationsList(step.migrationsDir), filters });
  return { createdFolder, appliedMigrationNames };
}
