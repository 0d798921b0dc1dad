import { Command } from 'commander';
import { componentLogger } from '../config/logger';
import { settings } from '../config/settings';
import { accessDatabaseForCommand } from './commandAccess';
import { describeTarget, type DatabaseTarget } from './databaseTarget';
import { createDevMigration, deployMigrations } from './migrationRunner';
import { findNativeSchemaEngine, runPrismaCli } from './nativeSchemaEngine';

/**
 * Database migrations, from the command line:
 *   npx tsx db/migrate.ts deploy               apply pending migrations (like `prisma migrate deploy`)
 *   npx tsx db/migrate.ts dev --name <name>    create a migration from schema changes and apply it
 * Against DATABASE_URL, or the embedded PGlite database in <STAMMKUNDE_DATA_DIR>/pglite when it is unset.
 * Uses Prisma's own CLI when its native schema engine is installed, and the wasm engine otherwise.
 */
const log = componentLogger('migrate');

function nativeEngineFor(target: DatabaseTarget): string | undefined {
  return target.kind === 'postgres' ? findNativeSchemaEngine() : undefined; // the native engine cannot open PGlite
}

/** The database to migrate, claimed for this process (or the running engine's, see commandAccess). */
async function withTarget(work: (target: DatabaseTarget, besideEngine: boolean) => Promise<void>): Promise<void> {
  const access = await accessDatabaseForCommand(settings());
  try {
    await work(access.target, access.engine !== undefined);
  } finally {
    access.release();
  }
}

const deploy = () => withTarget(deployTo);

async function deployTo(target: DatabaseTarget): Promise<void> {
  const native = nativeEngineFor(target);
  if (native && target.kind === 'postgres') {
    log.info({ engine: native }, 'native schema engine found, running prisma migrate deploy');
    return runPrismaCli(['migrate', 'deploy'], target.url, native);
  }
  const started = Date.now();
  const applied = await deployMigrations(target);
  log.info(
    { database: describeTarget(target), applied, ms: Date.now() - started },
    applied.length ? 'migrations applied' : 'database already up to date',
  );
}

const dev = (options: DevOptions) =>
  withTarget((target, besideEngine) => {
    if (besideEngine)
      throw new Error('migrate dev: the engine ("stammkunde start") is running on the embedded database; stop it first (Ctrl-C)');
    return devOn(target, options);
  });

type DevOptions = { name: string; reset?: boolean; acceptDataLoss?: boolean };

async function devOn(target: DatabaseTarget, options: DevOptions): Promise<void> {
  const native = nativeEngineFor(target);
  if (native && target.kind === 'postgres') {
    log.info({ engine: native }, 'native schema engine found, running prisma migrate dev');
    return runPrismaCli(['migrate', 'dev', '--name', options.name], target.url, native);
  }
  const result = await createDevMigration(target, options);
  log.info(
    { database: describeTarget(target), created: result.createdFolder ?? null, applied: result.appliedMigrationNames },
    result.createdFolder ? 'migration created and applied' : 'schema already in sync, no migration created',
  );
}

export function migrateCommand(): Command {
  const program = new Command('migrate').description('Apply or create database migrations');
  program.command('deploy').description('Apply every pending migration').action(deploy);
  program
    .command('dev')
    .description('Create a migration from changes to prisma/schema.prisma, then apply it')
    .requiredOption('--name <name>', 'what the migration does, e.g. add_lead_status')
    .option('--reset', 'wipe the development database if its migration history has drifted')
    .option('--accept-data-loss', 'create the migration even if it drops data in the development database')
    .action(dev);
  return program;
}

if (require.main === module) {
  migrateCommand()
    .parseAsync(process.argv)
    .catch((error: unknown) => {
      log.error({ err: error }, (error as Error).message);
      process.exitCode = 1;
    });
}
