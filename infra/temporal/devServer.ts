import { promises as fs } from 'node:fs';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { componentLogger } from '../../config/logger';
import { resolveTemporalCli } from './resolveTemporalCli';
import { spawnServerProcess, untilAnswering } from './serverProcess';

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
  /** The server process, for its CPU and memory in /proc; undefined when the SDK runs its download. */
  pid: number | undefined;
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
    return { address, uiUrl, pid: undefined, stop: () => env.teardown() };
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
  const server = spawnServerProcess(executable.path, args, { detached: true, log, warnOnStderr: true });
  try {
    await untilAnswering(address, server, (connection) => connection.workflowService.describeNamespace({ namespace }), {
      timeoutMs: startTimeoutMs,
      intervalMs: 250,
      connectTimeoutMs: 1_000,
    });
  } catch (error) {
    await server.stop();
    throw new Error(`The Temporal dev server did not start on ${address}: ${(error as Error).message}\n${server.tail()}`);
  }
  log.info({ address, uiUrl, dbFile, pid: server.child.pid }, 'Temporal dev server is up');
  const stop = async () => {
    await server.stop();
    log.info({ pid: server.child.pid }, 'Temporal dev server stopped');
  };
  return { address, uiUrl, pid: server.child.pid, stop };
}
