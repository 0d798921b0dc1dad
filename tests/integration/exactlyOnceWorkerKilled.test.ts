import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { defineCampaign, send } from '../../campaigns/dsl';
import { shippedTemplates } from '../../campaigns/catalogue';
import { validateCampaign } from '../../campaigns/dsl/validate';
import { startEnrollment } from '../../campaigns/startEnrollment';
import { startSmtpReceiver, type SmtpReceiver } from '../../mail/smtpReceiver';
import { enrollmentWorkflowId, type EnrollmentState } from '../../workflows/campaignEnrollment/contract';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { addCustomer, addVehicle, seedDealership } from '../support/dealership';
import { createLocalTestEnv } from '../support/temporalEnv';
import { killHard, startWorkerProcess } from '../support/workerProcessControl';

/**
 * The worker dies the hard way (SIGKILL: no shutdown, no outbox write, SMTP connections cut) while a
 * campaign is going out, and a new worker takes over. Real Temporal dev server, real time: the
 * activities the dead worker held come back only after their 2-minute start-to-close timeout.
 */


const oneCheckIn = validateCampaign(
  defineCampaign({ id: 'one-check-in', version: 1, name: 'One check-in', audience: 'Buyers', legalBasis: 'existing_customer', steps: [send('checkin-3-days')] }),
  shippedTemplates,
);

describe('the worker process is killed mid-run and restarted', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let smtp: SmtpReceiver;
  const workers: ChildProcess[] = [];
  const taskQueue = `killed-worker-${crypto.randomUUID()}`;

  beforeAll(async () => {
    env = await createLocalTestEnv();
    db = await createTestDatabase();
    smtp = await startSmtpReceiver();
  });
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

  it('no customer gets the check-in twice, and every customer gets it or is recorded as unknown', async () => {
    const dealership = await seedDealership(db.prisma);
    const customers = [];
    for (let i = 0; i < 40; i++) {
      const customer = await addCustomer(db.prisma, dealership, { lastName: `Kunde ${i + 1}`, email: `kunde${i + 1}@example.de` });
      const vehicle = await addVehicle(db.prisma, dealership, customer.id);
      customers.push({ customer, vehicle });
    }
    const first = await startWorker();
    const enrollmentIds: string[] = [];
    for (const { customer, vehicle } of customers) {
      const admission = await startEnrollment({ client: env.client, prisma: db.prisma, taskQueue, definition: oneCheckIn, customerId: customer.id, vehicleId: vehicle.id });
      if (!admission.admitted) throw new Error(`not admitted: ${JSON.stringify(admission)}`);
      enrollmentIds.push(admission.enrollmentId);
    }

    await smtp.waitForMessages(10, 60_000);
    await killHard(first);
    const arrivedBeforeTheKill = smtp.messages().length;
    await startWorker();
    const finals: EnrollmentState[] = await Promise.all(enrollmentIds.map((id) => env.client.workflow.getHandle(enrollmentWorkflowId(id)).result()));

    expect(arrivedBeforeTheKill).toBeLessThan(40); // the kill really happened mid-run
    expect(finals.every((f) => f.status === 'completed')).toBe(true);
    const copies = new Map<string, number>();
    for (const mail of smtp.messages()) for (const to of mail.envelope.to) copies.set(to, (copies.get(to) ?? 0) + 1);
    const outbox = await db.prisma.message.findMany({ where: { campaignId: 'one-check-in' } });
    const statusOf = new Map(outbox.map((m) => [m.recipientEmail, m.status]));
    const twice = customers.filter(({ customer }) => (copies.get(customer.email!) ?? 0) > 1);
    const neither = customers.filter(({ customer }) => !copies.has(customer.email!) && statusOf.get(customer.email!) !== 'unknown');
    expect(twice.map(({ customer }) => customer.email)).toEqual([]);
    expect(neither.map(({ customer }) => [customer.email, statusOf.get(customer.email!)])).toEqual([]);
    expect(outbox).toHaveLength(40);
    expect(outbox.every((m) => m.status === 'sent' || m.status === 'unknown')).toBe(true);
    for (const row of outbox.filter((m) => m.status === 'sent')) expect(copies.get(row.recipientEmail)).toBe(1);
    // Only messages inside an SMTP transaction at the kill are in doubt: one per pooled connection (2).
    expect(outbox.filter((m) => m.status === 'unknown').length).toBeLessThanOrEqual(2);
  }, 400_000);
});
