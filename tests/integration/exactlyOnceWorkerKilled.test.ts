import { defineCampaign, send } from '../../campaigns/dsl';
import { shippedTemplates } from '../../campaigns/catalogue';
import { validateCampaign } from '../../campaigns/dsl/validate';
import { startEnrollment } from '../../campaigns/startEnrollment';
import { enrollmentWorkflowId, type EnrollmentState } from '../../workflows/campaignEnrollment/contract';
import { addCustomer, addVehicle, seedDealership } from '../support/dealership';
import { useKillableWorkerWorld } from '../support/killableWorkerWorld';
import { copiesByAddress } from '../support/newsletterWorld';
import { killHard } from '../support/workerProcessControl';

/**
 * The worker dies the hard way (SIGKILL: no shutdown, no outbox write, SMTP connections cut) while a
 * campaign is going out, and a new worker takes over. Real Temporal dev server, real time: the
 * activities the dead worker held come back only after their 2-minute start-to-close timeout.
 */

const oneCheckIn = validateCampaign(
  defineCampaign({
    id: 'one-check-in',
    version: 1,
    name: 'One check-in',
    audience: 'Buyers',
    legalBasis: 'existing_customer',
    steps: [send('checkin-3-days')],
  }),
  shippedTemplates,
);

describe('the worker process is killed mid-run and restarted', () => {
  const world = useKillableWorkerWorld('killed-worker');

  it('no customer gets the check-in twice, and every customer gets it or is recorded as unknown', async () => {
    const dealership = await seedDealership(world.db.prisma);
    const customers = [];
    for (let i = 0; i < 40; i++) {
      const customer = await addCustomer(world.db.prisma, dealership, { lastName: `Kunde ${i + 1}`, email: `kunde${i + 1}@example.de` });
      const vehicle = await addVehicle(world.db.prisma, dealership, customer.id);
      customers.push({ customer, vehicle });
    }
    const first = await world.startWorker();
    const enrollmentIds: string[] = [];
    for (const { customer, vehicle } of customers) {
      const admission = await startEnrollment({
        client: world.env.client,
        prisma: world.db.prisma,
        taskQueue: world.taskQueue,
        definition: oneCheckIn,
        customerId: customer.id,
        vehicleId: vehicle.id,
      });
      if (!admission.admitted) throw new Error(`not admitted: ${JSON.stringify(admission)}`);
      enrollmentIds.push(admission.enrollmentId);
    }

    await world.smtp.waitForMessages(10, 60_000);
    await killHard(first);
    const arrivedBeforeTheKill = world.smtp.messages().length;
    await world.startWorker();
    const finals: EnrollmentState[] = await Promise.all(
      enrollmentIds.map((id) => world.env.client.workflow.getHandle(enrollmentWorkflowId(id)).result()),
    );

    expect(arrivedBeforeTheKill).toBeLessThan(40); // the kill really happened mid-run
    expect(finals.every((f) => f.status === 'completed')).toBe(true);
    const copies = copiesByAddress(world.smtp.messages());
    const outbox = await world.db.prisma.message.findMany({ where: { campaignId: 'one-check-in' } });
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
  });
});
