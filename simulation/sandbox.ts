import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, type WorkerOptions } from '@temporalio/worker';
import pg from 'pg';
import type { CampaignDefinition } from '../campaigns/dsl/campaign';
import { readSettings } from '../config/settings';
import { connectDatabase, type Database } from '../db/client';
import type { DatabaseTarget } from '../db/databaseTarget';
import { deployMigrations } from '../db/migrationRunner';
import { findPostgresBinDir } from '../infra/postgres/postgresBinaries';
import { startThrowawayCluster, type ThrowawayCluster } from '../infra/postgres/throwawayCluster';
import { startTimeSkippingServer } from '../infra/temporal/timeSkippingServer';
import { startSmtpReceiver, type SmtpReceiver } from '../mail/smtpReceiver';
import { createMailTransport } from '../mail/transport';
import { payloadEncryption } from '../privacy/payloadEncryption';
import { createEngineWorker } from '../worker/createWorker';
import { bundleWorkflowsInChildProcess } from '../worker/workflowBundle';
import { DeliveryObserver } from './deliveryObserver';
import { assertSandboxTargets, SANDBOX_DATABASE_PREFIX } from './sandboxGuard';

/**
 * Everything a simulation runs on, created for it and thrown away after: a database (a throwaway
 * PostgreSQL cluster from Debian's packages, or PGlite in a temp dir where there is none), the
 * Java time-skipping Temporal server, an SMTP sink, and the real engine worker with all workflows
 * and activities. Nothing here is configured from the environment's DATABASE_URL, TEMPORAL_ADDRESS
 * or SMTP_URL: those name production.
 */
export type Sandbox = {
  db: Database;
  env: TestWorkflowEnvironment;
  smtp: SmtpReceiver;
  taskQueue: string;
  deliveries: DeliveryObserver;
  close(): Promise<void>;
};

export type SandboxOptions = {
  catalogue: Map<string, CampaignDefinition>;
  /** A prebuilt workflow bundle; otherwise workflows/ is bundled once (in a child process). */
  workflowBundle?: WorkerOptions['workflowBundle'];
};

export async function openSandbox(options: SandboxOptions): Promise<Sandbox> {
  const closers: Array<() => Promise<unknown>> = [];
  const close = async () => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
  };
  try {
    const database = await sandboxDatabase();
    closers.push(database.dispose);
    const smtp = await startSmtpReceiver({ host: '127.0.0.1' });
    closers.push(() => smtp.close());
    const db = await connectDatabase(database.target);
    closers.push(() => db.close());
    const settings = readSettings({
      SMTP_URL: smtp.url,
      LOG_LEVEL: 'warn',
      PUBLIC_BASE_URL: 'https://simulation.invalid',
      MAIL_FROM: 'Simulation <simulation@simulation.invalid>',
      LINK_SIGNING_SECRET: crypto.randomBytes(32).toString('hex'),
      PAYLOAD_MASTER_KEY: crypto.randomBytes(32).toString('hex'),
    });
    quietTemporalRuntime();
    // The sandbox's clients encrypt like the worker (privacy/payloadCodec.ts), under keys of the sandbox database.
    const env = await startTimeSkippingServer({ dataConverter: payloadEncryption(db.prisma, settings).dataConverter });
    closers.push(() => env.teardown());
    assertSandboxTargets({
      database: database.target,
      productionDatabaseUrl: process.env.DATABASE_URL,
      temporalIsTimeSkipping: env.supportsTimeSkipping,
      smtpUrl: smtp.url,
    });
    await deployMigrations(database.target); // only once every target is known to be the sandbox's own

    const transport = createMailTransport(smtp.url, { maxConnections: 4 });
    closers.push(async () => transport.close());
    const deliveries = new DeliveryObserver();
    const taskQueue = `simulation-${crypto.randomUUID()}`;
    const worker = await createEngineWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      workflowBundle: options.workflowBundle ?? (await bundleWorkflowsInChildProcess()),
      deps: { prisma: db.prisma, transport, settings, catalogue: options.catalogue },
      interceptors: { activity: [deliveries.interceptor] },
      maxConcurrentActivityTaskExecutions: 100,
      // Every customer's workflows wake at each weekly stop: an evicted run would replay its history every week.
      maxCachedWorkflows: 2_000,
    });
    const running = worker.run();
    closers.push(async () => {
      worker.shutdown();
      await running;
    });
    return { db, env, smtp, taskQueue, deliveries, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function quietTemporalRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // installed already in this process
  }
}

/** A fresh, empty database that only this simulation uses. */
async function sandboxDatabase(): Promise<{ target: DatabaseTarget; dispose: () => Promise<void> }> {
  if (findPostgresBinDir()) {
    const cluster: ThrowawayCluster = await startThrowawayCluster();
    const name = `${SANDBOX_DATABASE_PREFIX}${crypto.randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(cluster.url);
    url.pathname = `/${name}`;
    return { target: { kind: 'postgres', url: url.toString() }, dispose: () => cluster.stop() };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stammkunde-sim-pglite-'));
  return { target: { kind: 'pglite', dataDir }, dispose: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}
