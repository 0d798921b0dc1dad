import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import type { CliResult } from './cliProcess';
import type { StartConfig, StartedProcess } from './npmStartProcess';

const ROOT = path.resolve(__dirname, '../..');

/** The environment a person at that terminal has: the data dir and ports of the installation, nothing else configured. */
export function terminalEnv(config: StartConfig): Record<string, string> {
  return {
    LOG_LEVEL: 'error',
    STAMMKUNDE_DATA_DIR: config.dataDir,
    TEMPORAL_DEV_PORT: String(config.temporalPort),
    TEMPORAL_UI_PORT: String(config.uiPort),
    API_PORT: String(config.apiPort),
    INBOX_PORT: String(config.inboxPort),
    SMTP_URL: `smtp://127.0.0.1:${config.smtpPort}`,
  };
}

/**
 * `npm start` as typed at a terminal: npm, tsx and the engine in one process group of their own,
 * so `ctrlC` reaches all of them at once, as the terminal's Ctrl-C does.
 */
export function npmStartAtTerminal(config: StartConfig): StartedProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '', ...terminalEnv(config) };
  delete env.DATABASE_URL;
  delete env.SENDING_WINDOW;
  delete env.TEMPORAL_ADDRESS;
  const child = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let buffer = '';
  const append = (chunk: Buffer) => {
    buffer = (buffer + chunk.toString()).slice(-400_000);
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ? 128 + 2 : code)));
  return {
    child,
    output: () => buffer,
    exited,
    async waitForOutput(text, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      let done = false;
      void exited.then(() => (done = true));
      while (!buffer.includes(text)) {
        if (done) throw new Error(`npm start exited before printing "${text}":\n${buffer.slice(-4000)}`);
        if (Date.now() > deadline) throw new Error(`no "${text}" within ${timeoutMs / 1000} s:\n${buffer.slice(-4000)}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    },
  };
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
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '', ...terminalEnv(config) };
  delete env.DATABASE_URL;
  delete env.TEMPORAL_ADDRESS;
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
