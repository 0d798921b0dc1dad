import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { InboxStore } from '../../mail/inbox/inboxStore';
import { freePorts } from '../../infra/freePort';

const ROOT = path.resolve(__dirname, '../..');

/** Ports and data dir of one `stammkunde start` installation; kept across restarts. */
export type StartConfig = {
  dataDir: string;
  temporalPort: number;
  uiPort: number;
  apiPort: number;
  inboxPort: number;
  smtpPort: number;
  inboundPort: number;
};

export async function startConfig(dataDir: string): Promise<StartConfig> {
  const [temporalPort, uiPort, apiPort, inboxPort, smtpPort, inboundPort] = await freePorts(6);
  return { dataDir, temporalPort, uiPort, apiPort, inboxPort, smtpPort, inboundPort };
}

export type StartedProcess = {
  child: ChildProcess;
  /** Everything printed so far (the last 200 kB). */
  output(): string;
  exited: Promise<number | null>;
  waitForOutput(text: string, timeoutMs: number): Promise<void>;
};

/** The environment a person at that terminal has: the data dir and ports of the installation, nothing else configured. */
export function startEnvironment(config: StartConfig): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_OPTIONS: '',
    LOG_LEVEL: 'error',
    STAMMKUNDE_DATA_DIR: config.dataDir,
    TEMPORAL_DEV_PORT: String(config.temporalPort),
    TEMPORAL_UI_PORT: String(config.uiPort),
    API_PORT: String(config.apiPort),
    INBOX_PORT: String(config.inboxPort),
    SMTP_URL: `smtp://127.0.0.1:${config.smtpPort}`,
    INBOUND_SMTP_PORT: String(config.inboundPort),
  };
  delete env.DATABASE_URL; // the embedded PGlite database
  delete env.SENDING_WINDOW; // the start command's own default
  delete env.TEMPORAL_ADDRESS; // the embedded dev server
  return env;
}

/**
 * Runs `node --import tsx cli/main.ts start` (what `npm start` runs after the bootstrap) with the config's data dir and
 * ports: one process, which gets Ctrl-C itself (tests/unit/signalToTheEngine.test.ts says why not the tsx CLI).
 */
export function runStart(config: StartConfig): StartedProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'start'], {
    cwd: ROOT,
    env: startEnvironment(config),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return watchedStart(child, exited, 'stammkunde start', 200_000);
}

/** Keeps the last `keepChars` of a start process's output, and waits for a line in it (failing early if it exits). */
export function watchedStart(child: ChildProcess, exited: Promise<number | null>, name: string, keepChars: number): StartedProcess {
  let buffer = '';
  const append = (chunk: Buffer) => {
    buffer = (buffer + chunk.toString()).slice(-keepChars);
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  return {
    child,
    output: () => buffer,
    exited,
    async waitForOutput(text, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      let done = false;
      void exited.then(() => (done = true));
      while (!buffer.includes(text)) {
        if (done) throw new Error(`${name} exited before printing "${text}":\n${buffer.slice(-4000)}`);
        if (Date.now() > deadline) throw new Error(`no "${text}" within ${timeoutMs / 1000} s:\n${buffer.slice(-4000)}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    },
  };
}

/** Ctrl-C: SIGINT, then the exit code (null if it did not exit within the time; it is then killed). */
export async function interrupt(started: StartedProcess, timeoutMs: number): Promise<{ code: number | null; ms: number }> {
  const t0 = Date.now();
  started.child.kill('SIGINT');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
  const result = await Promise.race([started.exited, timeout]);
  clearTimeout(timer);
  if (result === 'timeout') {
    started.child.kill('SIGKILL');
    return { code: null, ms: Date.now() - t0 };
  }
  return { code: result, ms: Date.now() - t0 };
}

/** Processes whose command line mentions the data dir (a Temporal dev server left behind would). */
export function processesUsing(dataDir: string): string[] {
  const lines = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n');
  return lines.filter((line) => line.includes(dataDir) && !line.includes('ps -eo'));
}

export type InboxMessage = { id: string; to: string[] | string; subject: string };

export async function inboxMessages(config: StartConfig): Promise<InboxMessage[]> {
  const response = await fetch(`http://127.0.0.1:${config.inboxPort}/api/messages`);
  if (!response.ok) throw new Error(`inbox answered ${response.status}`);
  return ((await response.json()) as { messages: InboxMessage[] }).messages;
}

export const recipients = (m: InboxMessage) => (Array.isArray(m.to) ? m.to : [m.to]).join(',');

/** Every message the inbox kept in the data dir (both runs), read from its files once the engine has exited. */
export async function inboxFiles(dataDir: string): Promise<Array<{ messageId: string; to: string[]; subject: string }>> {
  const store = await InboxStore.open(path.join(dataDir, 'inbox'));
  return store.list().map((entry) => ({ messageId: bareMessageId(entry.messageId), to: entry.to, subject: entry.subject }));
}

export const bareMessageId = (id: string | null | undefined) => (id ?? '').replace(/^<|>$/g, '');
