import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { payloadEncryption } from '../privacy/payloadEncryption';
import { bundleWorkflowsInChildProcess } from './workflowBundle';

export type EngineWorkerOptions = {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** A prebuilt workflow bundle (tests build it once per run); otherwise workflows/ is bundled at start, in a child process. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  maxConcurrentActivityTaskExecutions?: number;
  /** Observers of activity calls (the simulation counts deferrals with one). */
  interceptors?: WorkerOptions['interceptors'];
};

/** The worker that runs every Stammkunde workflow and activity on one task queue. */
export async function createEngineWorker(options: EngineWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: createActivities(options.deps),
    // Every payload encrypted under its customer's key (privacy/payloadCodec.ts); the activities' client uses it too.
    dataConverter: payloadEncryption(options.deps.prisma, options.deps.settings).dataConverter,
    workflowBundle: options.workflowBundle ?? (await bundleWorkflowsInChildProcess()),
    maxConcurrentActivityTaskExecutions: options.maxConcurrentActivityTaskExecutions ?? 50,
    ...(options.interceptors ? { interceptors: options.interceptors } : {}),
  });
}
