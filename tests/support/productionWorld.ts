import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { startTemporalServer, type RunningTemporalServer } from '../../infra/temporal/temporalServer';
import { temporalPostgresFromUrl } from '../../infra/temporal/temporalSchema';
import { startSmtpReceiver, type SmtpReceiver } from '../../mail/smtpReceiver';
import { bundleWorkflows } from '../../worker/workflowBundle';
import { createTestDatabase, type TestDatabase } from './database';
import { engineDataConverter } from './engineHarness';
import { TEST_ENV, requiredTestEnv } from './testDatabaseEnv';
import { killHard, startCliWorker } from '../../infra/cliWorker';

/**
 * Stammkunde as production runs it, on one machine: Temporal's real server on PostgreSQL (its two databases on the
 * test PostgreSQL server, beside the engine's own test database), a prebuilt workflow bundle, and `stammkunde worker`
 * processes (the CLI command, as deployed) that a test can add, SIGTERM or SIGKILL. SMTP is a real receiver.
 */
export type ProductionWorld = {
  server: RunningTemporalServer;
  client: Client;
  db: TestDatabase;
  smtp: SmtpReceiver;
  taskQueue: string;
  /** Starts one more `stammkunde worker` process on the world's task queue; resolves once it polls. */
  startWorker(extraEnv?: Record<string, string>): Promise<ChildProcess>;
};

export function useProductionWorld(label: string): ProductionWorld {
  const workers: ChildProcess[] = [];
  let connection: Connection | undefined;
  let bundleDir: string | undefined;
  let bundleFile = '';
  const world = {
    taskQueue: `${label}-${crypto.randomUUID()}`,
    startWorker: async (extraEnv: Record<string, string> = {}) => {
      const worker = await startCliWorker({
        DATABASE_URL: world.db.url,
        SMTP_URL: world.smtp.url,
        TEMPORAL_ADDRESS: world.server.address,
        TEMPORAL_TASK_QUEUE: world.taskQueue,
        WORKFLOW_BUNDLE: bundleFile,
        SENDING_WINDOW: 'always', // the test must not depend on the hour CI runs at
        ...extraEnv,
      });
      workers.push(worker);
      return worker;
    },
  } as ProductionWorld;

  beforeAll(async () => {
    world.db = await createTestDatabase();
    const postgres = temporalPostgresFromUrl(requiredTestEnv(TEST_ENV.serverUrl), {
      database: `${world.db.name}_temporal`,
      visibilityDatabase: `${world.db.name}_temporal_visibility`,
    });
    world.server = await startTemporalServer({ postgres, port: 0 });
    connection = await Connection.connect({ address: world.server.address });
    world.client = new Client({ connection, namespace: world.server.namespace, dataConverter: engineDataConverter(world.db.prisma) });
    world.smtp = await startSmtpReceiver();
    bundleDir = await fs.mkdtemp(path.join(os.tmpdir(), 'stammkunde-bundle-'));
    bundleFile = path.join(bundleDir, 'workflow-bundle.js');
    await fs.writeFile(bundleFile, (await bundleWorkflows()).code); // as `npm run build` does, once for every worker
  }, 300_000);
  afterAll(async () => {
    for (const worker of workers) await killHard(worker);
    await connection?.close();
    await world.server?.stop();
    await world.smtp?.close();
    await world.db?.drop();
    if (bundleDir) await fs.rm(bundleDir, { recursive: true, force: true });
  }, 60_000);
  return world;
}

export { exitOf, startCliWorker } from '../../infra/cliWorker';
