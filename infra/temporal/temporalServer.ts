import fs from 'node:fs';
import path from 'node:path';
import type { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { componentLogger } from '../../config/logger';
import { ephemeralRangeStart, freePortBetween } from '../freePort';
import { resolveTemporalServer, type TemporalServerInstall } from './buildTemporalServer';
import { provisionLog } from './provisionLog';
import { spawnServerProcess, untilAnswering } from './serverProcess';
import { prepareTemporalDatabases, type TemporalPostgres } from './temporalSchema';

/**
 * Temporal's real server on PostgreSQL (the production topology), started from the repo's config file
 * infra/temporal/server-config/stammkunde.yaml with the connection and ports in its environment. Before the start
 * the SQL tool brings both schemas up to date; after it the namespace is registered when missing.
 */
export interface TemporalServerOptions {
  postgres: TemporalPostgres;
  /** Frontend gRPC port (default 7233); 0 = a free port, and free ports for the internal services too. */
  port?: number;
  namespace?: string;
  /** How long closed workflows stay visible (default 7 days). */
  retentionDays?: number;
  historyShards?: number;
  startTimeoutMs?: number;
  /** Every port of an earlier run (its `ports`): a restart keeps the address its clients and workers know. */
  ports?: Record<string, string>;
  install?: TemporalServerInstall;
}

export interface RunningTemporalServer {
  /** host:port of the frontend */
  address: string;
  namespace: string;
  pid: number | undefined;
  /** The frontend's and internal services' ports, for a restart on the same address. */
  ports: Record<string, string>;
  /** Resolves with the exit code when the process ends (by stop(), a kill, or a crash). */
  exited: Promise<number | null>;
  /** SIGTERM, then waits; SIGKILL after 20 s. */
  stop(): Promise<void>;
  /** SIGKILL: a crash, for tests. */
  kill(): Promise<void>;
}

/** The repo's config dir; from dist/infra/temporal (compiled) it is the source tree's, which `npm run build` does not copy. */
export const SERVER_CONFIG_DIR = [
  path.resolve(__dirname, 'server-config'),
  path.resolve(__dirname, '../../../infra/temporal/server-config'),
].find((dir) => fs.existsSync(dir))!;
const CONFIG_ENV = 'stammkunde';
const log = componentLogger('temporal-server');

/** The ports of one server: Temporal's defaults for frontend 7233, free ports for all when the frontend is 0. */
async function serverPorts(frontend: number): Promise<Record<string, string>> {
  // Below 32768: the cluster_membership table keeps the ports in a smallint.
  const free = () => freePortBetween(20_000, Math.min(32_000, ephemeralRangeStart()));
  const pick = async (fixed: number) => String(frontend === 0 ? await free() : fixed);
  const grpc = frontend === 0 ? await free() : frontend;
  return {
    TEMPORAL_FRONTEND_PORT: String(grpc),
    TEMPORAL_FRONTEND_HTTP_PORT: await pick(7243),
    TEMPORAL_FRONTEND_MEMBERSHIP_PORT: await pick(6933),
    TEMPORAL_HISTORY_PORT: await pick(7234),
    TEMPORAL_HISTORY_MEMBERSHIP_PORT: await pick(6934),
    TEMPORAL_MATCHING_PORT: await pick(7235),
    TEMPORAL_MATCHING_MEMBERSHIP_PORT: await pick(6935),
    TEMPORAL_WORKER_PORT: await pick(7239),
    TEMPORAL_WORKER_MEMBERSHIP_PORT: await pick(6939),
  };
}

/** The environment the config file reads: the PostgreSQL connection, shards, bind address and ports. */
export function serverEnvironment(postgres: TemporalPostgres, ports: Record<string, string>, shards: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TEMPORAL_PG_HOST: postgres.host,
    TEMPORAL_PG_PORT: String(postgres.port),
    TEMPORAL_PG_USER: postgres.user,
    TEMPORAL_PG_PASSWORD: postgres.password,
    TEMPORAL_PG_DATABASE: postgres.database,
    TEMPORAL_PG_VISIBILITY_DATABASE: postgres.visibilityDatabase,
    TEMPORAL_HISTORY_SHARDS: String(shards),
    TEMPORAL_BIND_IP: process.env.TEMPORAL_BIND_IP ?? '127.0.0.1',
    ...ports,
  };
}

export async function startTemporalServer(options: TemporalServerOptions): Promise<RunningTemporalServer> {
  const install = options.install ?? (await resolveTemporalServer());
  const namespace = options.namespace ?? 'default';
  await prepareTemporalDatabases(install, options.postgres, provisionLog);
  const ports = options.ports ?? (await serverPorts(options.port ?? 7233));
  const env = serverEnvironment(options.postgres, ports, options.historyShards ?? 4);
  const address = `${env.TEMPORAL_BIND_IP}:${ports.TEMPORAL_FRONTEND_PORT}`;
  // Go's path.Join(root, config) drops the leading slash of an absolute --config with the default root '.'
  const args = ['--root', SERVER_CONFIG_DIR, '--config', '.', '--env', CONFIG_ENV, '--allow-no-auth', 'start'];
  log.info({ path: install.server, address, database: options.postgres.database }, 'starting the Temporal server');
  const server = spawnServerProcess(install.server, args, { env, log });
  try {
    await untilAnswering(address, server, (connection) => ensureNamespace(connection, namespace, options.retentionDays ?? 7), {
      timeoutMs: options.startTimeoutMs ?? 120_000,
      intervalMs: 500,
      connectTimeoutMs: 2_000,
    });
  } catch (error) {
    await server.stop('SIGKILL');
    throw new Error(`The Temporal server did not start on ${address}: ${(error as Error).message}\n${server.tail()}`);
  }
  log.info({ address, namespace, pid: server.child.pid }, 'Temporal server is up');
  return {
    address,
    namespace,
    pid: server.child.pid,
    ports,
    exited: server.exited,
    stop: () => server.stop('SIGTERM', 20_000),
    kill: () => server.stop('SIGKILL', 20_000),
  };
}

/** Registers the namespace when it is missing, and answers once it serves requests. */
async function ensureNamespace(connection: Connection, namespace: string, retentionDays: number): Promise<void> {
  const service = connection.workflowService;
  const known = await service.describeNamespace({ namespace }).then(
    () => true,
    () => false,
  );
  if (!known) {
    await service
      .registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(retentionDays * 24 * 3600 * 1000) })
      .catch((error: { code?: number }) => {
        if (error.code !== 6) throw error; // ALREADY_EXISTS: another starter was first
      });
  }
  // Served once the frontend's namespace cache has it: a list request resolves the namespace through that cache.
  await service.listWorkflowExecutions({ namespace, pageSize: 1 });
}
