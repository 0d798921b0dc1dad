import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectDatabase } from '../../db/client';
import { deployMigrations } from '../../db/migrationRunner';
import type { EngineWorkflows } from '../../engine/startWorkflowOnce';
import { startSmtpReceiver, type SmtpReceiver } from '../../mail/smtpReceiver';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { engineDataConverter, startEngineWorker } from '../support/engineHarness';
import { recordHistory } from '../support/recordedHistories';
import { createLocalTestEnv, createTimeSkippingTestEnv } from '../support/temporalEnv';

/**
 * The engine's smallest end-to-end proof: Temporal → the real engine worker → an activity that
 * writes through Prisma → the database, on both databases the engine supports.
 */
describe('the engine writes to its database from a workflow', () => {
  let smtp: SmtpReceiver;
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
  });
  afterAll(async () => smtp?.close());

  it('on the Temporal CLI dev server with PostgreSQL', async () => {
    const db: TestDatabase = await createTestDatabase();
    const env = await createLocalTestEnv({ dataConverter: engineDataConverter(db.prisma) });
    try {
      const engine = await startEngineWorker(env, { prisma: db.prisma, smtpUrl: smtp.url });
      try {
        const workflowId = `health-${Date.now()}`;
        const probe = await env.client.workflow.execute<EngineWorkflows['healthCheckWorkflow']>('healthCheckWorkflow', {
          taskQueue: engine.taskQueue,
          workflowId,
          args: ['dev-server-postgres'],
        });
        await recordHistory(env.client, workflowId, 'health-check');
        expect(probe).toBe('health:dev-server-postgres');
        const row = await db.prisma.processedEvent.findUniqueOrThrow({ where: { eventId: 'health:dev-server-postgres' } });
        expect(row.kind).toBe('heartbeat');
      } finally {
        await engine.stop();
      }
    } finally {
      await env.teardown();
      await db.drop();
    }
  });

  it('on the embedded PGlite database, migrated by the same migrations', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'stammkunde-pglite-'));
    const target = { kind: 'pglite' as const, dataDir };
    expect((await deployMigrations(target)).length).toBeGreaterThan(0);
    const database = await connectDatabase(target);
    const env = await createTimeSkippingTestEnv({ dataConverter: engineDataConverter(database.prisma) });
    try {
      try {
        const engine = await startEngineWorker(env, { prisma: database.prisma, smtpUrl: smtp.url });
        try {
          const probe = await env.client.workflow.execute<EngineWorkflows['healthCheckWorkflow']>('healthCheckWorkflow', {
            taskQueue: engine.taskQueue,
            workflowId: `health-pglite-${Date.now()}`,
            args: ['pglite'],
          });
          expect(probe).toBe('health:pglite');
        } finally {
          await engine.stop();
        }
      } finally {
        await database.close();
      }
    } finally {
      await env.teardown();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});
