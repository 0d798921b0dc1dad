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
import { startTemporalServer, type RunningTemporalServer } from '../../infra/temporal/temporalServer';
import { temporalPostgresFromUrl, type TemporalPostgres } from '../../infra/temporal/temporalSchema';
import { startSmtpReceiver, type SmtpReceiver } from '../../mail/smtpReceiver';
import { payloadEncryption } from '../../privacy/payloadEncryption';

/**
 * The production topology of tests/support/productionWorld.ts, outside jest: a throwaway PostgreSQL cluster holding
 * Stammkunde's database and Temporal's two, Temporal's real server on it, a prebuilt workflow bundle, `stammkunde worker`
 * processes and a real SMTP receiver. Workers can be SIGKILLed and restarted, the server restarted on the same ports.
 */
const REPO_ROOT = path.resolve(__dirname, '../..');

export const DATABASES = { stammkunde: 'stammkunde_bench', temporal: 'temporal', visibility: 'temporal_visibility' } as const;

export type ScaleWorld = {
  cluster: ThrowawayCluster;
  database: Database;
  server: RunningTemporalServer;
  client: Client;
  smtp: SmtpReceiver;
  workers: ChildProcess[];
  /** SIGKILL worker `index` and start a new one in its place; resolves when the new one polls. */
  crashWorker(index: number): Promise<void>;
  /** SIGTERM the Temporal server and start it again on the same ports and databases. */
  restartServer(): Promise<void>;
  close(): Promise<void>;
};

export async function startScaleWorld(options: {
  workers: number;
  log: (line: string) => void;
  /** Where the workers send mail instead of the world's own receiver (e.g. a counting receiver in another process). */
  workerSmtpUrl?: string;
}): Promise<ScaleWorld> {
  const { log } = options;
  // As a deployment must: fresh secrets (the workers refuse the public development defaults); this process's client shares them.
  process.env.LINK_SIGNING_SECRET ??= crypto.randomBytes(48).toString('base64');
  process.env.PAYLOAD_MASTER_KEY ??= crypto.randomBytes(32).toString('base64');
  const cluster = await startThrowawayCluster();
  const url = urlForDatabase(cluster.url, DATABASES.stammkunde);
  await runAdminStatement(cluster.url, `CREATE DATABASE "${DATABASES.stammkunde}"`);
  await deployMigrations({ kind: 'postgres', url });
  const database = await connectDatabase({ kind: 'postgres', url });
  log(`PostgreSQL ${cluster.url}: migrations applied to ${DATABASES.stammkunde}`);
  const postgres: TemporalPostgres = temporalPostgresFromUrl(cluster.url, {
    database: DATABASES.temporal,
    visibilityDatabase: DATABASES.visibility,
  });
  let server = await startTemporalServer({ postgres, port: 0 });
  log(`Temporal server ${server.address} (pid ${server.pid}) on PostgreSQL`);
  const connection = await Connection.connect({ address: server.address });
  const settings = readSettings();
  const client = new Client({
    connection,
    namespace: server.namespace,
    dataConverter: payloadEncryption(database.prisma, settings).dataConverter,
  });
  const smtp = await startSmtpReceiver();
  // As a deployment does: `npm run build` once (tsc → dist/, the workflow bundle), then every worker runs the
  // compiled CLI from the prebuilt bundle, without tsx or webpack.
  const build = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  const bundleFile = path.join(REPO_ROOT, 'dist', 'workflow-bundle.js');
  log(`npm run build: ${COMPILED_CLI} and ${bundleFile}`);
  const workerEnv = () => ({
    DATABASE_URL: url,
    SMTP_URL: options.workerSmtpUrl ?? smtp.url,
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_NAMESPACE: server.namespace,
    TEMPORAL_TASK_QUEUE: settings.TEMPORAL_TASK_QUEUE,
    WORKFLOW_BUNDLE: bundleFile,
    SENDING_WINDOW: 'always', // the figures must not depend on the hour the bench runs at
  });
  const workers = await Promise.all(Array.from({ length: options.workers }, () => startCliWorker(workerEnv(), { compiled: true })));
  log(`${workers.length} stammkunde worker processes: pids ${workers.map((w) => w.pid).join(', ')}`);
  return {
    cluster,
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
      const ports = server.ports;
      await server.stop();
      log(`  Temporal server stopped (SIGTERM)`);
      server = await startTemporalServer({ postgres, ports });
      log(`  Temporal server up again: pid ${server.pid}`);
    },
    async close() {
      for (const worker of workers) await killHard(worker);
      await connection.close();
      await server.stop();
      await smtp.close();
      await database.close();
      await cluster.stop();
    },
  } as ScaleWorld;
}
