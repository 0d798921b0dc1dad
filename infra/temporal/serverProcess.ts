import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { Connection } from '@temporalio/client';
import type { componentLogger } from '../../config/logger';

type Log = ReturnType<typeof componentLogger>;

/** A Temporal server we started (the CLI dev server, Temporal's own server, the Java time-skipping server). */
export type ServerProcess = {
  child: ChildProcess;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** Its last lines of output, for an error message. */
  tail(): string;
  /** From now on its output is logged at debug only: we are stopping it, and its shutdown chatter is expected. */
  quiet(): void;
  /** Sends `signal` and waits for the exit; SIGKILL after `killAfterMs`. */
  stop(signal?: NodeJS.Signals, killAfterMs?: number): Promise<void>;
};

export type SpawnServerOptions = Pick<SpawnOptions, 'env' | 'detached'> & {
  /** Where its output goes (debug; stderr at warn when `warnOnStderr`); without it the output is only kept for `tail()`. */
  log?: Log;
  warnOnStderr?: boolean;
};

const TAIL_LINES = 30;

/** Starts a server process that never outlives this one (killed when we exit), keeping the tail of its output. */
export function spawnServerProcess(executable: string, args: string[], options: SpawnServerOptions = {}): ServerProcess {
  const child = spawn(executable, args, { stdio: ['ignore', 'pipe', 'pipe'], env: options.env, detached: options.detached });
  const lines: string[] = [];
  let quiet = false;
  const keep = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      lines.push(line);
      if (lines.length > TAIL_LINES) lines.shift();
      if (stream === 'stderr' && options.warnOnStderr && !quiet) options.log?.warn({ temporal: line });
      else options.log?.debug({ temporal: line });
    }
  };
  child.stdout!.on('data', keep('stdout'));
  child.stderr!.on('data', keep('stderr'));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      process.removeListener('exit', killOnExit);
      resolve(code);
    }),
  );
  return {
    child,
    exited,
    tail: () => lines.join('\n'),
    quiet: () => void (quiet = true),
    async stop(signal = 'SIGTERM', killAfterMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      quiet = true;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

export type AnsweringOptions = { timeoutMs: number; intervalMs: number; connectTimeoutMs: number };

/**
 * Connects to the server again and again until `probe` succeeds on the connection (a cold server on a busy machine
 * can take minutes). Fails at once when the process exits, and after `timeoutMs` naming the last error.
 */
export async function untilAnswering(
  address: string,
  server: Pick<ServerProcess, 'exited'>,
  probe: (connection: Connection) => Promise<unknown>,
  { timeoutMs, intervalMs, connectTimeoutMs }: AnsweringOptions,
): Promise<void> {
  let exitCode: number | null | undefined;
  void server.exited.then((code) => (exitCode = code));
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`it exited with code ${exitCode} before answering`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: connectTimeoutMs });
      try {
        await probe(connection);
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
  throw new Error(`no answer within ${Math.round(timeoutMs / 1000)} s (last error: ${(lastError as Error)?.message})`);
}
