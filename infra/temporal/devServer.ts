import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { componentLogger } from '../../config/logger';
import { resolveTemporalCli } from './resolveTemporalCli';

/**
 * The Temporal CLI dev server for `npm start`: persistent SQLite state, Web UI, bound to 127.0.0.1.
 * We spawn it ourselves (rather than through the SDK) so that stop() can end it with SIGTERM and SQLite closes cleanly.
 */
export interface DevServerOptions {
  /** SQLite file holding all workflow state; its directory is created if missing. */
  dbFile: string;
  port?: number;
  uiPort?: number;
  namespace?: string;
  /** The Web UI's codec server (Stammkunde's API at /codec), so it can show decrypted payloads to a signed-in user. */
  uiCodecEndpoint?: string;
  /** How long to wait for the frontend to accept connections. */
  startTimeoutMs?: number;
}

export interface RunningDevServer {
  /** host:port of the frontend gRPC service */
  address: string;
  uiUrl: string;
  stop(): Promise<void>;
}

const log = componentLogger('temporal-dev-server');
const IP = '127.0.0.1';

export async function startDevServer(options: DevServerOptions): Promise<RunningDevServer> {
  const { dbFile, port = 7233, uiPort = 8233, namespace = 'default', startTimeoutMs = 60_000 } = options;
  await fs.mkdir(path.dirname(path.resolve(dbFile)), { recursive: true });
  const { executable } = await resolveTemporalCli();
  const address = `${IP}:${port}`;
  const uiUrl = `http://${IP}:${uiPort}`;

  if (executable.type === 'cached-download') {
    // Users with internet but no CLI: the SDK downloads and runs the same dev server.
    const env = await TestWorkflowEnvironment.createLocal({
      server: { executable, dbFilename: dbFile, ip: IP, port, uiPort, namespace },
    });
    log.info({ address, uiUrl, dbFile }, 'Temporal dev server (SDK download) is up');
    return { address, uiUrl, stop: () => env.teardown() };
  }

  const args = [
    'server',
    'start-dev',
    '--db-filename',
    dbFile,
    '--port',
    String(port),
    '--ui-port',
    String(uiPort),
    '--ip',
    IP,
    '--namespace',
    namespace,
    '--log-level',
    'warn',
    ...(options.uiCodecEndpoint ? ['--ui-codec-endpoint', options.uiCodecEndpoint] : []),
  ];
  log.info({ path: executable.path, args }, 'starting the Temporal dev server');
  // Its own process group: a Ctrl-C at the terminal reaches only us, and we stop the server last, after the worker drained.
  const child = spawn(executable.path, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const output = forwardOutput(child);
  const killOnExit = () => child.kill('SIGKILL'); // never outlive this process, even when it ends without stop()
  process.once('exit', killOnExit);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      process.removeListener('exit', killOnExit);
      resolve(code);
    }),
  );

  try {
    await waitUntilServing(address, namespace, exited, startTimeoutMs);
  } catch (error) {
    output.quiet();
    await stopChild(child, exited);
    throw new Error(`The Temporal dev server did not start on ${address}: ${(error as Error).message}\n${output.tail.join('\n')}`);
  }
  log.info({ address, uiUrl, dbFile, pid: child.pid }, 'Temporal dev server is up');
  const stop = () => {
    output.quiet();
    return stopChild(child, exited);
  };
  return { address, uiUrl, stop };
}

async function waitUntilServing(address: string, namespace: string, exited: Promise<number | null>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`it exited with code ${exitCode} before accepting connections`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`no answer within ${Math.round(timeoutMs / 1000)} s (last error: ${(lastError as Error)?.message})`);
}

/** Sends SIGTERM and waits for the exit; SIGKILL after 15 s. */
async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
  log.info({ pid: child.pid }, 'Temporal dev server stopped');
}

/**
 * Forwards the server's output to our log and keeps the last lines for error messages.
 * After quiet() (we are stopping it) its shutdown chatter ("Failed to poll for task") goes to debug only.
 */
function forwardOutput(child: ChildProcess): { tail: string[]; quiet(): void } {
  const tail: string[] = [];
  let stopping = false;
  const forward = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > 20) tail.shift();
      if (stream === 'stderr' && !stopping) log.warn({ temporal: line });
      else log.debug({ temporal: line });
    }
  };
  child.stdout?.on('data', forward('stdout'));
  child.stderr?.on('data', forward('stderr'));
  return { tail, quiet: () => (stopping = true) };
}
