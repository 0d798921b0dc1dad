import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startSmtpReceiver, type SmtpReceiver, type SmtpReceiverOptions } from '../../mail/smtpReceiver';
import { createTestDatabase, type TestDatabase } from './database';
import { engineDataConverter } from './engineHarness';
import { createLocalTestEnv } from './temporalEnv';
import { killHard, startWorkerProcess } from './workerProcessControl';

/**
 * A dealership whose worker runs in a child process that a test can SIGKILL: the Temporal dev server
 * (real time), a PostgreSQL test database and an SMTP receiver, all real. The fields are set in
 * beforeAll; `startWorker()` starts one more worker process on the world's task queue.
 */
export type KillableWorkerWorld = {
  env: TestWorkflowEnvironment;
  db: TestDatabase;
  smtp: SmtpReceiver;
  taskQueue: string;
  /** `settings` adds to the worker's environment (e.g. WORKER_SHUTDOWN_GRACE_SECONDS). */
  startWorker(settings?: Record<string, string>): Promise<ChildProcess>;
};

/** Registers the world's beforeAll/afterAll in the calling describe block; afterAll kills every worker it started. */
export function useKillableWorkerWorld(label: string, smtpOptions: SmtpReceiverOptions = {}): KillableWorkerWorld {
  const workers: ChildProcess[] = [];
  const world = {
    taskQueue: `${label}-${crypto.randomUUID()}`,
    startWorker: async (settings: Record<string, string> = {}) => {
      const worker = await startWorkerProcess({
        ...settings,
        DATABASE_URL: world.db.url,
        SMTP_URL: world.smtp.url,
        TEMPORAL_ADDRESS: world.env.address,
        TEMPORAL_TASK_QUEUE: world.taskQueue,
      });
      workers.push(worker);
      return worker;
    },
  } as KillableWorkerWorld;

  beforeAll(async () => {
    world.db = await createTestDatabase();
    // The worker process has its own key store on the same database and master key.
    world.env = await createLocalTestEnv({ dataConverter: engineDataConverter(world.db.prisma) });
    world.smtp = await startSmtpReceiver(smtpOptions);
  }, 120_000);
  afterAll(async () => {
    for (const worker of workers) await killHard(worker);
    await world.smtp?.close();
    await world.env?.teardown();
    await world.db?.drop();
  });
  return world;
}
