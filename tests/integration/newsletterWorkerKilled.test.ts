import { newsletterRunResult, startNewsletterRun } from '../../newsletters/runs';
import { addCustomer, addVehicle, seedDealership } from '../support/dealership';
import { copiesByAddress, evNewsletter } from '../support/newsletterWorld';
import { useKillableWorkerWorld } from '../support/killableWorkerWorld';
import { exitOf, killHard } from '../support/workerProcessControl';

/**
 * The worker process is killed (SIGKILL) while a newsletter to 300 EV owners is going out, and a new
 * one takes over. Counted at the SMTP receiver: nobody gets two copies, and everybody gets theirs
 * unless the outbox records the rare "outcome unknown" (a message claimed but not yet answered by SMTP at the kill).
 */

describe('the worker is killed in the middle of a newsletter run and restarted', () => {
  const world = useKillableWorkerWorld('newsletter-killed');

  it('no owner gets two copies, and every owner gets theirs or is recorded as unknown', async () => {
    const dealership = await seedDealership(world.db.prisma);
    const owners: string[] = [];
    for (let i = 1; i <= 300; i++) {
      const customer = await addCustomer(world.db.prisma, dealership, { lastName: `Kunde ${i}`, email: `kunde${i}@example.de` });
      await addVehicle(world.db.prisma, dealership, customer.id, { fuelType: 'electric' });
      owners.push(customer.email!);
    }
    const first = await world.startWorker();
    const { workflowId } = await startNewsletterRun(
      { client: world.env.client, taskQueue: world.taskQueue },
      evNewsletter({ ratePerSecond: 60 }),
      { label: 'killed' },
    );

    await world.smtp.waitForMessages(60, 60_000);
    await killHard(first);
    const arrivedBeforeTheKill = world.smtp.messages().length;
    await world.startWorker();
    const summary = await newsletterRunResult(world.env.client, workflowId);

    expect(arrivedBeforeTheKill).toBeLessThan(300); // the kill really happened mid-run
    expect(summary.status).toBe('completed');
    expect(summary.total).toBe(300);
    const copies = copiesByAddress(world.smtp.messages());
    const run = await world.db.prisma.newsletterRun.findUniqueOrThrow({ where: { workflowId } });
    const outbox = await world.db.prisma.message.findMany({ where: { newsletterRunId: run.id } });
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
  });
});

/**
 * A deploy stops the worker (SIGTERM, a one-second grace) while a batch of 500 newsletter mails is on the
 * wire to a slow relay, and a new worker takes over. The leaving worker stops starting waves, lets the ones on the wire be
 * answered and recorded, hands the batch back and exits 0: nobody is left in doubt, nobody gets two copies.
 */
describe('the worker is asked to stop in the middle of a newsletter batch', () => {
  // A relay that takes 50 ms to answer each message: a batch of 500 is on the wire for several seconds.
  const world = useKillableWorkerWorld('newsletter-stopped', { answerDelayMs: 50 });

  it('hands the batch back within its grace, and every owner gets exactly one copy', async () => {
    const dealership = await seedDealership(world.db.prisma);
    const owners: string[] = [];
    for (let i = 1; i <= 800; i++) {
      const customer = await addCustomer(world.db.prisma, dealership, { lastName: `Kunde ${i}`, email: `halter${i}@example.de` });
      await addVehicle(world.db.prisma, dealership, customer.id, { fuelType: 'electric' });
      owners.push(customer.email!);
    }
    const leaving = await world.startWorker({ WORKER_SHUTDOWN_GRACE_SECONDS: '1' });
    const { workflowId } = await startNewsletterRun({ client: world.env.client, taskQueue: world.taskQueue }, evNewsletter(), {
      label: 'deploy',
    });

    await world.smtp.waitForMessages(20, 60_000);
    leaving.kill('SIGTERM');
    // Grace (1 s), then the waves on the wire are answered; the SDK's own force limit is grace + 15 s.
    expect(await exitOf(leaving)).toEqual({ code: 0, signal: null });
    expect(world.smtp.messages().length).toBeLessThan(500); // it left before its batch (500 recipients) was through
    await world.startWorker();
    const summary = await newsletterRunResult(world.env.client, workflowId);

    expect(summary).toMatchObject({ status: 'completed', total: 800, sent: 800, unknown: 0, failed: 0 });
    const copies = copiesByAddress(world.smtp.messages());
    expect(owners.filter((email) => copies.get(email) !== 1)).toEqual([]);
    const run = await world.db.prisma.newsletterRun.findUniqueOrThrow({ where: { workflowId } });
    expect(await world.db.prisma.message.count({ where: { newsletterRunId: run.id, status: 'sent' } })).toBe(800);
  });
});
