import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const WORKER_ENTRY = path.resolve(__dirname, 'workerProcess.ts');
const REPO_ROOT = path.resolve(__dirname, '../..');

/** Starts tests/support/workerProcess.ts as a child process and resolves once it polls its task queue. */
export function startWorkerProcess(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER_ENTRY], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker process not ready after 60 s: ${stderr}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('worker ready')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`worker process exited early (${code ?? signal}): ${stderr}`));
    });
  });
}

export { exitOf, killHard } from '../../infra/cliWorker';
