import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePorts } from '../../infra/freePort';
import { startDevServer } from '../../infra/temporal/devServer';
import { startTemporalServer } from '../../infra/temporal/temporalServer';
import { temporalPostgresFromUrl } from '../../infra/temporal/temporalSchema';

/**
 * Which Temporal a scale world runs on: `server`, Temporal's real server on the world's PostgreSQL (the production
 * topology), or `dev`, the Temporal CLI dev server that `npm start` uses, its state in a SQLite file in a temp dir.
 */
export type TemporalKind = 'server' | 'dev';

/** What the bench needs of either server: where to connect, and its process for /proc. */
export type RunningTemporal = { address: string; namespace: string; pid: number | undefined; stop(): Promise<void> };

export type TemporalLauncher = {
  /** e.g. "Temporal server on PostgreSQL (temporal, temporal_visibility)", for the log. */
  description: string;
  /** Starts it; every later start (a restart) uses the first one's ports and state, so clients and workers find it again. */
  start(): Promise<RunningTemporal>;
  /** Removes what it kept on disk (the dev server's SQLite dir); call after its last stop. */
  cleanup(): void;
};

const NAMESPACE = 'default';

export async function temporalLauncher(
  kind: TemporalKind,
  options: { clusterUrl: string; databases: { temporal: string; visibility: string } },
): Promise<TemporalLauncher> {
  if (kind === 'server') {
    const postgres = temporalPostgresFromUrl(options.clusterUrl, {
      database: options.databases.temporal,
      visibilityDatabase: options.databases.visibility,
    });
    let ports: Record<string, string> | undefined;
    return {
      description: `Temporal server on PostgreSQL (${postgres.database}, ${postgres.visibilityDatabase})`,
      async start() {
        const server = await startTemporalServer({ postgres, namespace: NAMESPACE, ...(ports ? { ports } : { port: 0 }) });
        ports = server.ports;
        return server;
      },
      cleanup() {},
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stammkunde-dev-server-'));
  const dbFile = path.join(dir, 'temporal.sqlite');
  const [port, uiPort] = await freePorts(2);
  return {
    description: `Temporal CLI dev server on SQLite (${dbFile})`,
    async start() {
      const server = await startDevServer({ dbFile, port, uiPort, namespace: NAMESPACE });
      return { address: server.address, namespace: NAMESPACE, pid: server.pid, stop: () => server.stop() };
    },
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
