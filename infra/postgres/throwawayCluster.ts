import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensurePostgresBinDir, isRoot, postgresOsUser } from './postgresBinaries';
import { freePort } from '../freePort';

/**
 * A throwaway PostgreSQL cluster for tests and demos: a temp data dir, 127.0.0.1 on a free port,
 * trust auth, fsync off. `stop()` shuts it down and deletes the data dir.
 */
export interface ThrowawayCluster {
  /** postgresql://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

interface RunAs {
  uid?: number;
  gid?: number;
}

export async function startThrowawayCluster(): Promise<ThrowawayCluster> {
  const bin = ensurePostgresBinDir();
  const runAs: RunAs = isRoot() ? postgresOsUser() : {}; // PostgreSQL refuses to run as root
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stammkunde-pg-'));
  if (runAs.uid !== undefined) fs.chownSync(dataDir, runAs.uid, runAs.gid!);
  try {
    await run(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], runAs);
    const port = await startServer(bin, dataDir, runAs);
    const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
    await waitUntilAccepting(url);
    const forget = stopWhenProcessEnds(() => stopClusterNow(bin, dataDir, runAs));
    const stop = async () => {
      forget();
      await stopCluster(bin, dataDir, runAs);
    };
    return { url, port, dataDir, stop };
  } catch (error) {
    await stopCluster(bin, dataDir, runAs).catch(() => undefined);
    throw error;
  }
}

/** Starts the server on a free port; retries if another process grabs the port first. */
async function startServer(bin: string, dataDir: string, runAs: RunAs): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const options = [
      `-p ${port}`,
      "-c listen_addresses='127.0.0.1'",
      `-c unix_socket_directories='${dataDir}'`,
      '-c fsync=off -c synchronous_commit=off -c full_page_writes=off',
      '-c max_connections=200',
    ].join(' ');
    const logFile = path.join(dataDir, 'server.log');
    try {
      await run(path.join(bin, 'pg_ctl'), ['start', '-D', dataDir, '-w', '-t', '60', '-s', '-l', logFile, '-o', options], runAs);
      return port;
    } catch (error) {
      const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
      if (attempt < 3 && /could not bind|already in use/i.test(log)) continue;
      throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${log.slice(-2000)}`);
    }
  }
}

async function stopCluster(bin: string, dataDir: string, runAs: RunAs): Promise<void> {
  if (fs.existsSync(path.join(dataDir, 'postmaster.pid'))) {
    await run(path.join(bin, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-s'], runAs);
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}

const TERMINATING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * If the process ends without calling stop() (a crashed or interrupted test run), still shut the
 * server down: on exit, and on a terminating signal (then the signal is re-raised). Returns "forget".
 */
function stopWhenProcessEnds(stopNow: () => void): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    forget();
    stopNow();
    process.kill(process.pid, signal);
  };
  const forget = () => {
    process.removeListener('exit', stopNow);
    for (const signal of TERMINATING_SIGNALS) process.removeListener(signal, onSignal);
  };
  process.once('exit', stopNow);
  for (const signal of TERMINATING_SIGNALS) process.once(signal, onSignal);
  return forget;
}

/** The synchronous variant, for process 'exit' and signal handlers. */
function stopClusterNow(bin: string, dataDir: string, runAs: RunAs): void {
  if (fs.existsSync(path.join(dataDir, 'postmaster.pid'))) {
    spawnSync(path.join(bin, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-s'], {
      ...runAs,
      cwd: os.tmpdir(),
      stdio: 'ignore',
    });
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}

async function waitUntilAccepting(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`PostgreSQL at ${url} did not accept connections: ${(error as Error).message}`);
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/** Runs a PostgreSQL tool (as the postgres OS user when we are root) and collects its output for errors. */
function run(command: string, args: string[], runAs: RunAs): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...runAs,
      cwd: os.tmpdir(),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(command)} ${args[0]} exited with ${code ?? signal}: ${output.trim().slice(-2000)}`));
    });
  });
}
