import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { payloadEncryption } from '../privacy/payloadEncryption';
import { prebuiltBundlePath } from './prebuiltBundle';
import { bundleWorkflowsInChildProcess } from './workflowBundle';

export type EngineWorkerOptions = {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /**
   * A workflow bundle in memory (tests build it once per run); otherwise the prebuilt bundle file (WORKFLOW_BUNDLE or
   * dist/workflow-bundle.js, see prebuiltBundle.ts), otherwise workflows/ is bundled at start, in a child process.
   */
  workflowBundle?: WorkerOptions['workflowBundle'];
  maxConcurrentActivityTaskExecutions?: number;
  /** Overrides WORKER_MAX_CACHED_WORKFLOWS (the simulation wakes every customer each simulated week and keeps more). */
  maxCachedWorkflows?: number;
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
    workflowBundle: options.workflowBundle ?? (await workflowCode(options.deps.settings.WORKFLOW_BUNDLE)),
    maxConcurrentActivityTaskExecutions: options.maxConcurrentActivityTaskExecutions ?? 50,
    maxCachedWorkflows: options.maxCachedWorkflows ?? options.deps.settings.WORKER_MAX_CACHED_WORKFLOWS,
    // SIGTERM (a deploy, a scale-down): stop polling, let running activities finish for the grace period, then cancel
    // them; their tasks go back to the server and another worker retries them (every send is idempotent by its key).
    shutdownGraceTime: options.deps.settings.WORKER_SHUTDOWN_GRACE_SECONDS * 1000,
    shutdownForceTime: (options.deps.settings.WORKER_SHUTDOWN_GRACE_SECONDS + 15) * 1000,
    ...(options.interceptors ? { interceptors: options.interceptors } : {}),
  });
}

async function workflowCode(configured: string | undefined): Promise<WorkerOptions['workflowBundle']> {
  const codePath = prebuiltBundlePath(configured);
  return codePath ? { codePath } : bundleWorkflowsInChildProcess();
}
