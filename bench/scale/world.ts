import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { readSettings } from '../../config/settings';
import { connectDatabase, type Database } from '../../db/client';
import { runAdminStatement, urlForDatabase } from '../../db/migrationAdapters';
import { deployMigrations } from '../../db/migrationRunner';
import { killHard, startCliWorker } from '../../infra/cliWorker';
import { startThrowawayCluster, type ThrowawayCluster } from '../../infra/postgres/throwawayCluster';
import { startTemporalServer, type RunningTemporalServer } from '../../infra/temporal/temporalServer';
import { temporalPostgresFromUrl, type TemporalPostgres } from '../../infra/temporal/temporalSchema';
import { startSmtpReceiver, type SmtpReceiver } from '../../mail/smtpReceiver';
import { payloadEncryption } from '../../privacy/payloadEncryption';
import { bundleWorkflows } from '../../worker/workflowBundle';

/**
 * The production topology of tests/support/productionWorld.ts, outside jest: a throwaway PostgreSQL cluster holding
 * Stammkunde's database and Temporal's two, Temporal's real server on it, a prebuilt workflow bundle, `stammkunde worker`
 * processes and a real SMTP receiver. Workers can be SIGKILLed and restarted, the server restarted on the same ports.
 */
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

export async function startScaleWorld(options: { workers: number; log: (line: string) => void }): Promise<ScaleWorld> {
  const { log } = options;
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
  const bundleDir = await fs.mkdtemp(path.join(os.tmpdir(), 'stammkunde-scale-bundle-'));
  const bundleFile = path.join(bundleDir, 'workflow-bundle.js');
  await fs.writeFile(bundleFile, (await bundleWorkflows()).code); // as `npm run build` does, once for every worker
  const workerEnv = () => ({
    DATABASE_URL: url,
    SMTP_URL: smtp.url,
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_NAMESPACE: server.namespace,
    TEMPORAL_TASK_QUEUE: settings.TEMPORAL_TASK_QUEUE,
    WORKFLOW_BUNDLE: bundleFile,
    SENDING_WINDOW: 'always', // the figures must not depend on the hour the bench runs at
  });
  const workers = await Promise.all(Array.from({ length: options.workers }, () => startCliWorker(workerEnv())));
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
      workers[index] = await startCliWorker(workerEnv());
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
      await fs.rm(bundleDir, { recursive: true, force: true });
    },
  } as ScaleWorld;
}
