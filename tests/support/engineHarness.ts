import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import crypto from 'node:crypto';
import { readSettings } from '../../config/settings';
import type { PrismaClient } from '../../db/generated/client';
import type { ActivityDeps } from '../../activities';
import { createMailTransport, type MailTransportOptions } from '../../mail/transport';
import type { Settings } from '../../config/settings';
import { createEngineWorker } from '../../worker/createWorker';
import { prebuiltWorkflowBundle } from './workflowBundle';
import { payloadEncryption } from '../../privacy/payloadEncryption';

export type EngineHarness = {
  taskQueue: string;
  /** The settings the worker's activities run with (sender, link secret, bounce domain …). */
  settings: Settings;
  worker: Worker;
  stop(): Promise<void>;
};

/** Runs the real engine worker (all workflows and activities) against a test Temporal server. */
export async function startEngineWorker(
  env: TestWorkflowEnvironment,
  {
    transportOptions,
    ...options
  }: { prisma: PrismaClient; smtpUrl: string; transportOptions?: MailTransportOptions } & Partial<
    Omit<ActivityDeps, 'prisma' | 'transport'>
  >,
): Promise<EngineHarness> {
  const taskQueue = `test-${crypto.randomUUID()}`;
  const settings = options.settings ?? harnessSettings(options.smtpUrl);
  const transport = createMailTransport(options.smtpUrl, { maxConnections: 2, dkimKeys: [], ...transportOptions });
  const worker = await createEngineWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: await prebuiltWorkflowBundle(),
    deps: { settings, ...options, transport },
  });
  const running = worker.run();
  return {
    taskQueue,
    settings,
    worker,
    async stop() {
      worker.shutdown();
      await running;
      transport.close();
    },
  };
}

function harnessSettings(smtpUrl: string) {
  return readSettings({
    SMTP_URL: smtpUrl,
    LOG_LEVEL: 'warn',
    PUBLIC_BASE_URL: 'https://autohaus-berger.example',
    MAIL_FROM: 'Autohaus Berger <service@autohaus-berger.example>',
  });
}

/** The data converter every client of the harness's engine uses: the same key store as the worker (one per database). */
export function engineDataConverter(prisma: PrismaClient) {
  return payloadEncryption(prisma, harnessSettings('smtp://127.0.0.1:1')).dataConverter;
}
