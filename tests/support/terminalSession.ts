import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import type { CliResult } from './cliProcess';
import { startEnvironment, watchedStart, type StartConfig, type StartedProcess } from './npmStartProcess';

const ROOT = path.resolve(__dirname, '../..');

/**
 * `npm start` as typed at a terminal: npm, tsx and the engine in one process group of their own,
 * so `ctrlC` reaches all of them at once, as the terminal's Ctrl-C does.
 */
export function npmStartAtTerminal(config: StartConfig): StartedProcess {
  const child = spawn('npm', ['start'], { cwd: ROOT, env: startEnvironment(config), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ? 128 + 2 : code)));
  return watchedStart(child, exited, 'npm start', 400_000);
}

/** Ctrl-C at the terminal: SIGINT to the whole process group; the exit code of npm (null when it did not exit in time: then killed). */
export async function ctrlC(started: StartedProcess, timeoutMs: number): Promise<number | null> {
  process.kill(-started.child.pid!, 'SIGINT');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
  const result = await Promise.race([started.exited, timeout]);
  clearTimeout(timer);
  if (result !== 'timeout') return result;
  process.kill(-started.child.pid!, 'SIGKILL');
  return null;
}

/** A CLI command typed at a second terminal beside the running engine (same data dir, no other configuration). */
export function cliBeside(config: StartConfig, args: string[]): Promise<CliResult> {
  const env = startEnvironment(config);
  return new Promise((resolve) => {
    execFile(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      ['cli/main.ts', ...args],
      { cwd: ROOT, env, timeout: 240_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}
