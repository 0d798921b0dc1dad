import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { spawnUntilReady } from '../../infra/cliWorker';

const WORKER_ENTRY = path.resolve(__dirname, 'workerProcess.ts');

/** Starts tests/support/workerProcess.ts as a child process and resolves once it polls its task queue. */
export function startWorkerProcess(env: Record<string, string>): Promise<ChildProcess> {
  return spawnUntilReady({
    name: 'worker process',
    args: ['--import', 'tsx', WORKER_ENTRY],
    env: { LOG_LEVEL: 'error', ...env },
    readyLine: 'worker ready',
    timeoutMs: 60_000,
  });
}

export { exitOf, killHard } from '../../infra/cliWorker';
