import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startSmtpReceiver, type SmtpReceiver } from '../../mail/smtpReceiver';
import { newsletterRunResult, startNewsletterRun } from '../../newsletters/runs';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { addCustomer, addVehicle, seedDealership } from '../support/dealership';
import { copiesByAddress, evNewsletter } from '../support/newsletterWorld';
import { createLocalTestEnv } from '../support/temporalEnv';
import { killHard, startWorkerProcess } from '../support/workerProcessControl';

/**
 * The worker process is killed (SIGKILL) while a newsletter to 300 EV owners is going out, and a new
 * one takes over. Counted at the SMTP receiver: nobody gets two copies, and everybody gets theirs
 * unless the outbox records the rare "outcome unknown" (a message claimed but not yet answered by SMTP at the kill).
 */


describe('the worker is killed in the middle of a newsletter run and restarted', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let smtp: SmtpReceiver;
  const workers: ChildProcess[] = [];
  const taskQueue = `newsletter-killed-${crypto.randomUUID()}`;

  beforeAll(async () => {
    env = await createLocalTestEnv();
    db = await createTestDatabase();
    smtp = await startSmtpReceiver();
  }, 120_000);
  afterAll(async () => {
    for (const worker of workers) await killHard(worker);
    await smtp?.close();
    await env?.teardown();
    await db?.drop();
  });

  const startWorker = async () => {
    const worker = await startWorkerProcess({ DATABASE_URL: db.url, SMTP_URL: smtp.url, TEMPORAL_ADDRESS: env.address, TEMPORAL_TASK_QUEUE: taskQueue });
    workers.push(worker);
    return worker;
  };

  it('no owner gets two copies, and every owner gets theirs or is recorded as unknown', async () => {
    const dealership = await seedDealership(db.prisma);
    const owners: string[] = [];
    for (let i = 1; i <= 300; i++) {
      const customer = await addCustomer(db.prisma, dealership, { lastName: `Kunde ${i}`, email: `kunde${i}@example.de` });
      await addVehicle(db.prisma, dealership, customer.id, { fuelType: 'electric' });
      owners.push(customer.email!);
    }
    const first = await startWorker();
    const { workflowId } = await startNewsletterRun({ client: env.client, taskQueue }, evNewsletter({ ratePerSecond: 60 }), { label: 'killed' });

    await smtp.waitForMessages(60, 60_000);
    await killHard(first);
    const arrivedBeforeTheKill = smtp.messages().length;
    await startWorker();
    const summary = await newsletterRunResult(env.client, workflowId);

    expect(arrivedBeforeTheKill).toBeLessThan(300); // the kill really happened mid-run
    expect(summary.status).toBe('completed');
    expect(summary.total).toBe(300);
    const copies = copiesByAddress(smtp.messages());
    const run = await db.prisma.newsletterRun.findUniqueOrThrow({ where: { workflowId } });
    const outbox = await db.prisma.message.findMany({ where: { newsletterRunId: run.id } });
    const statusOf = new Map(outbox.map((m) => [m.recipientEmail, m.status]));
    expect(owners.filter((email) => (copies.get(email) ?? 0) > 1)).toEqual([]);
    expect(owners.filter((email) => !copies.has(email) && statusOf.get(email) !== 'unknown')).toEqual([]);
    expect(outbox).toHaveLength(300);
    expect(outbox.every((m) => m.status === 'sent' || m.status === 'unknown')).toBe(true);
    // Only messages claimed and not yet answered at the kill are in doubt: four waves of twice the pool (2 connections).
    const unknown = outbox.filter((m) => m.status === 'unknown').length;
    expect(unknown).toBeLessThanOrEqual(16);
    expect(summary.sent + summary.unknown).toBe(300);
    expect(summary.unknown).toBe(unknown);
  }, 300_000);
});
