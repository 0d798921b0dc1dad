import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '..');

/** The compiled CLI that `npm run build` writes, as production runs it. */
export const COMPILED_CLI = path.join(REPO_ROOT, 'dist', 'cli', 'main.js');

/**
 * `stammkunde worker` (the CLI command) in a child process; ready when it logs "worker running". From the sources
 * through tsx, or `compiled` from dist/ (`npm run build` first) as a deployment runs it.
 * Shared by the production-topology tests (tests/support/productionWorld.ts) and the scale benches.
 */
export function startCliWorker(env: Record<string, string>, options: { compiled?: boolean } = {}): Promise<ChildProcess> {
  return spawnUntilReady({
    name: 'stammkunde worker',
    args: options.compiled ? [COMPILED_CLI, 'worker'] : ['--import', 'tsx', path.join(REPO_ROOT, 'cli', 'main.ts'), 'worker'],
    env: { LOG_LEVEL: 'info', ...env },
    readyLine: '"msg":"worker running"',
    timeoutMs: 120_000,
  });
}

/**
 * A Node process (tsx `args`) started from the repository root, resolved once its stdout shows `readyLine`; rejected
 * with its last output if it exits first or stays silent past `timeoutMs`.
 */
export function spawnUntilReady(options: {
  name: string;
  args: string[];
  env: Record<string, string>;
  readyLine: string;
  timeoutMs: number;
}): Promise<ChildProcess> {
  const child = spawn(process.execPath, options.args, {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_OPTIONS: '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-6000));
  child.stderr!.on('data', keep);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${options.name} not ready after ${options.timeoutMs / 1000} s: ${output}`)),
      options.timeoutMs,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      keep(chunk);
      if (output.includes(options.readyLine)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited early (${code ?? signal}): ${output}`));
    });
  });
}

/** SIGKILL: no shutdown hooks, no outbox write, SMTP connections cut mid-conversation. */
export function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** The exit code once the process ended (null when a signal ended it). */
export function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}
