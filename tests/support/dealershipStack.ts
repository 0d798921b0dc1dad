import type { DataConverter } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startSmtpReceiver, type SmtpReceiver } from '../../mail/smtpReceiver';
import { createTestDatabase, type TestDatabase } from './database';
import { seedDealership, type Dealership } from './dealership';
import { engineDataConverter, startEngineWorker, type EngineHarness } from './engineHarness';

/** Autohaus Berger on the real stack: the given Temporal server, a fresh PostgreSQL database, an SMTP receiver, the engine worker. */
export type DealershipStack = {
  env: TestWorkflowEnvironment;
  db: TestDatabase;
  smtp: SmtpReceiver;
  engine: EngineHarness;
  dealership: Dealership;
  /** Stops the worker, the receiver and the Temporal server, and drops the database. */
  close(): Promise<void>;
};

/** What the campaign, newsletter and API worlds have in common; `engineOptions` go to the worker's activities. */
export async function openDealershipStack(
  createEnv: (client: { dataConverter: DataConverter }) => Promise<TestWorkflowEnvironment>,
  engineOptions: Omit<Parameters<typeof startEngineWorker>[1], 'prisma' | 'smtpUrl'> = {},
): Promise<DealershipStack> {
  const db = await createTestDatabase();
  // env.client encrypts and decrypts like every client of the engine (privacy/payloadCodec.ts).
  const env = await createEnv({ dataConverter: engineDataConverter(db.prisma) });
  const smtp = await startSmtpReceiver();
  const engine = await startEngineWorker(env, { prisma: db.prisma, smtpUrl: smtp.url, ...engineOptions });
  const dealership = await seedDealership(db.prisma);
  return {
    env,
    db,
    smtp,
    engine,
    dealership,
    async close() {
      await engine.stop();
      await smtp.close();
      await env.teardown();
      await db.drop();
    },
  };
}
