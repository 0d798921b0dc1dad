import crypto from 'node:crypto';
import { spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { readSettings } from '../../config/settings';
import { connectDatabase, type Database } from '../../db/client';
import { runAdminStatement, urlForDatabase } from '../../db/migrationAdapters';
import { deployMigrations } from '../../db/migrationRunner';
import { COMPILED_CLI, killHard, startCliWorker } from '../../infra/cliWorker';
import { startThrowawayCluster, type ThrowawayCluster } from '../../infra/postgres/throwawayCluster';
import { startSmtpReceiver, type SmtpReceiver } from '../../mail/smtpReceiver';
import { payloadEncryption } from '../../privacy/payloadEncryption';
import { temporalLauncher, type RunningTemporal, type TemporalKind } from './scaleTemporal';

/**
 * The production topology of tests/support/productionWorld.ts, outside jest: a throwaway PostgreSQL cluster holding
 * Stammkunde's database (and, on the real server, Temporal's two), Temporal's real server on it or the CLI dev server
 * on SQLite, a prebuilt workflow bundle, `stammkunde worker` processes and a real SMTP receiver. Workers can be
 * SIGKILLed and restarted, the Temporal server restarted on the same ports and state.
 */
const REPO_ROOT = path.resolve(__dirname, '../..');

export type ScaleDatabases = { stammkunde: string; temporal: string; visibility: string };
export const DATABASES = { stammkunde: 'stammkunde_bench', temporal: 'temporal', visibility: 'temporal_visibility' } as const;

export type ScaleWorld = {
  cluster: ThrowawayCluster;
  /** The names in `cluster` this world uses (the dev server keeps its state in SQLite, not in the two Temporal ones). */
  databases: ScaleDatabases;
  temporalKind: TemporalKind;
  database: Database;
  server: RunningTemporal;
  client: Client;
  smtp: SmtpReceiver;
  workers: ChildProcess[];
  /** SIGKILL worker `index` and start a new one in its place; resolves when the new one polls. */
  crashWorker(index: number): Promise<void>;
  /** SIGTERM the Temporal server and start it again on the same ports and state. */
  restartServer(): Promise<void>;
  /** Stops everything it started; a cluster passed in stays up. */
  close(): Promise<void>;
};

let built: string | undefined;

/**
 * As a deployment does: `npm run build` once (tsc → dist/, the workflow bundle), then every worker runs the compiled
 * CLI from the prebuilt bundle, without tsx or webpack. Once per process: a bench with several worlds builds once.
 */
function buildOnce(log: (line: string) => void): string {
  if (built) return built;
  const build = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  built = path.join(REPO_ROOT, 'dist', 'workflow-bundle.js');
  log(`npm run build: ${COMPILED_CLI} and ${built}`);
  return built;
}

export async function startScaleWorld(options: {
  workers: number;
  log: (line: string) => void;
  /** V8's old-space ceiling for each worker process (node --max-old-space-size), as a deployment would set it; default: Node's own. */
  workerHeapMb?: number;
  /** Where the workers send mail instead of the world's own receiver (e.g. a counting receiver in another process). */
  workerSmtpUrl?: string;
  /** Temporal's real server on the cluster (default), or the CLI dev server `npm start` uses. */
  temporal?: TemporalKind;
  /** A running cluster to create the databases in, which close() leaves up; default: a throwaway cluster of its own. */
  cluster?: ThrowawayCluster;
  /** Names for the databases, which must not exist yet in the cluster (default DATABASES). */
  databases?: ScaleDatabases;
}): Promise<ScaleWorld> {
  const { log } = options;
  const temporalKind = options.temporal ?? 'server';
  const databases = options.databases ?? DATABASES;
  // As a deployment must: fresh secrets (the workers refuse the public development defaults); this process's client shares them.
  process.env.LINK_SIGNING_SECRET ??= crypto.randomBytes(48).toString('base64');
  process.env.PAYLOAD_MASTER_KEY ??= crypto.randomBytes(32).toString('base64');
  const cluster = options.cluster ?? (await startThrowawayCluster());
  const url = urlForDatabase(cluster.url, databases.stammkunde);
  await runAdminStatement(cluster.url, `CREATE DATABASE "${databases.stammkunde}"`);
  await deployMigrations({ kind: 'postgres', url });
  const database = await connectDatabase({ kind: 'postgres', url });
  log(`PostgreSQL ${cluster.url}: migrations applied to ${databases.stammkunde}`);
  const temporal = await temporalLauncher(temporalKind, { clusterUrl: cluster.url, databases });
  let server = await temporal.start();
  log(`${temporal.description} at ${server.address} (pid ${server.pid})`);
  const connection = await Connection.connect({ address: server.address });
  const settings = readSettings();
  const client = new Client({
    connection,
    namespace: server.namespace,
    dataConverter: payloadEncryption(database.prisma, settings).dataConverter,
  });
  const smtp = await startSmtpReceiver();
  const bundleFile = buildOnce(log);
  const workerEnv = () => ({
    DATABASE_URL: url,
    SMTP_URL: options.workerSmtpUrl ?? smtp.url,
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_NAMESPACE: server.namespace,
    TEMPORAL_TASK_QUEUE: settings.TEMPORAL_TASK_QUEUE,
    WORKFLOW_BUNDLE: bundleFile,
    SENDING_WINDOW: 'always', // the figures must not depend on the hour the bench runs at
    ...(options.workerHeapMb ? { NODE_OPTIONS: `--max-old-space-size=${options.workerHeapMb}` } : {}),
  });
  const workers = await Promise.all(Array.from({ length: options.workers }, () => startCliWorker(workerEnv(), { compiled: true })));
  log(`${workers.length} stammkunde worker processes: pids ${workers.map((w) => w.pid).join(', ')}`);
  return {
    cluster,
    databases,
    temporalKind,
    database,
    get server() {
      return server;
    },
    client,
    smtp,
    workers,
    async crashWorker(index) {
      await killHard(workers[index]);
      log(`  SIGKILL worker pid ${workers[index].pid}`);
      workers[index] = await startCliWorker(workerEnv(), { compiled: true });
      log(`  worker restarted: pid ${workers[index].pid}`);
    },
    async restartServer() {
      await server.stop();
      log(`  Temporal server stopped (SIGTERM)`);
      server = await temporal.start();
      log(`  Temporal server up again: pid ${server.pid}`);
    },
    async close() {
      for (const worker of workers) await killHard(worker);
      await connection.close();
      await server.stop();
      temporal.cleanup();
      await smtp.close();
      await database.close();
      if (!options.cluster) await cluster.stop();
    },
  } as ScaleWorld;
}
