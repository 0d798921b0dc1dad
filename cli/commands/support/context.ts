import { Client } from '@temporalio/client';
import { settings, type Settings } from '../../../config/settings';
import { temporalConnectionOptions } from '../../../config/temporalConnection';
import { connectTemporalClient, type TemporalClientConnection } from '../../../infra/temporal/clientConnection';
import { connectDatabase, type Database } from '../../../db/client';
import { accessDatabaseForCommand, runningEngine } from '../../../db/commandAccess';
import type { PrismaClient } from '../../../db/generated/client';
import { payloadEncryption } from '../../../privacy/payloadEncryption';

/** What a CLI command opens, closed again when it is done so the process can exit. */
export type CliContext = { settings: Settings; database: Database; prisma: PrismaClient; close(): Promise<void> };

/** A command shares the engine's database server with others: a small pool is plenty. */
const COMMAND_POOL = 2;

/**
 * The settings a command runs with: the environment's, and beside a running `stammkunde start` on
 * the same data dir, that engine's Temporal frontend unless TEMPORAL_ADDRESS says otherwise.
 */
export function cliSettings(): Settings {
  const config = settings();
  if (process.env.TEMPORAL_ADDRESS) return config;
  const engine = runningEngine(config);
  return engine?.temporalAddress ? { ...config, TEMPORAL_ADDRESS: engine.temporalAddress } : config;
}

/**
 * Opens the database of DATABASE_URL, or the embedded PGlite (directly, or through the running
 * engine's database server), runs the action, closes everything.
 */
export async function withDatabase<T>(action: (context: CliContext) => Promise<T>): Promise<T> {
  const config = cliSettings();
  const access = await accessDatabaseForCommand(config);
  try {
    const database = await connectDatabase(access.target, { maxConnections: COMMAND_POOL });
    const context = { settings: config, database, prisma: database.prisma, close: () => database.close() };
    try {
      return await action(context);
    } finally {
      await database.close();
    }
  } finally {
    access.release();
  }
}

/**
 * A Temporal client for TEMPORAL_ADDRESS, with the payload codec of the given database (opened here
 * when the command has none open); fails fast with one clear line when nothing answers there.
 */
export async function withTemporalClient<T>(config: Settings, action: (client: Client) => Promise<T>, prisma?: PrismaClient): Promise<T> {
  if (!prisma) return withDatabase(({ prisma: opened }) => withTemporalClient(config, action, opened));
  let temporal: TemporalClientConnection;
  try {
    temporal = await connectTemporalClient({ ...temporalConnectionOptions(config), connectTimeout: 5_000 });
  } catch (error) {
    throw new Error(`Cannot reach Temporal at ${config.TEMPORAL_ADDRESS} (TEMPORAL_ADDRESS): ${(error as Error).message}`);
  }
  try {
    return await action(
      new Client({
        connection: temporal.connection,
        namespace: config.TEMPORAL_NAMESPACE,
        dataConverter: payloadEncryption(prisma, config).dataConverter,
      }),
    );
  } finally {
    await temporal.close();
  }
}

/** The dealer a command works for: --dealer, or the only dealer in the database. */
export async function resolveDealerId(prisma: PrismaClient, dealerOption?: string): Promise<string> {
  if (dealerOption) {
    const dealer = await prisma.dealer.findUnique({ where: { id: dealerOption } }).catch(() => null);
    if (!dealer) throw new Error(`--dealer: no dealer with id ${dealerOption}`);
    return dealer.id;
  }
  const dealers = await prisma.dealer.findMany({ select: { id: true, name: true }, take: 10 });
  if (dealers.length === 1) return dealers[0]!.id;
  if (dealers.length === 0) throw new Error('No dealer in the database yet: create one first');
  throw new Error(
    `Several dealers in the database; choose one with --dealer <id>: ${dealers.map((d) => `${d.id} (${d.name})`).join(', ')}`,
  );
}

/** A UUID argument, checked before it reaches the database. */
export function requireUuid(value: string, what: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) throw new Error(`${what}: "${value}" is not a UUID`);
  return value;
}

export { temporalConnectionOptions };
