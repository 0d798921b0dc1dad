import { eventually } from '../support/eventually';
import {
  cancelNewsletterRun,
  newsletterRunProgress,
  newsletterRunResult,
  pauseNewsletterRun,
  resumeNewsletterRun,
  startNewsletterRun,
  startPausedNewsletterRun,
} from '../../newsletters/runs';
import { recordHistory } from '../support/recordedHistories';
import { copiesByAddress, evNewsletter, openNewsletterWorld, type NewsletterWorld } from '../support/newsletterWorld';

/**
 * Autohaus Berger writes to its EV owners. Real Temporal dev server, real PostgreSQL, real SMTP, real time.
 */
describe('a newsletter run to the EV owners', () => {
  let world: NewsletterWorld;
  beforeAll(async () => {
    world = await openNewsletterWorld();
  });
  afterAll(async () => {
    await world?.close();
  });
  beforeEach(async () => {
    world.smtp.clear();
    await world.db.prisma.newsletterRecipient.deleteMany();
    await world.db.prisma.message.deleteMany();
    await world.db.prisma.vehicle.deleteMany();
    await world.db.prisma.suppression.deleteMany();
    await world.db.prisma.customer.deleteMany();
  });
  const deps = () => ({ client: world.env.client, taskQueue: world.engine.taskQueue });

  it('reaches every eligible owner once, counts the others by reason, and ignores a customer who joins mid-run', async () => {
    const { db, dealership } = world;
    const eligible = await world.addElectricCustomers(20, 'ok');
    const [unsubscribed] = await world.addElectricCustomers(1, 'unsubscribed');
    await db.prisma.suppression.create({ data: { email: unsubscribed.email, reason: 'unsubscribe' } });
    await world.addElectricCustomers(1, 'no-basis', { emailConsentBasis: 'none', existingCustomerSince: null });
    await world.addElectricCustomers(1, 'objected', { objectedAt: new Date('2027-01-01') });
    const dieselDriver = await world.addElectricCustomers(1, 'diesel');
    await db.prisma.vehicle.updateMany({ where: { ownerId: dieselDriver[0].id }, data: { fuelType: 'diesel' } });

    const { workflowId } = await startNewsletterRun(deps(), evNewsletter({ ratePerSecond: 10 }), { label: 'mid-run' });
    await world.smtp.waitForMessages(2, 120_000);
    const joinedLate = await world.addElectricCustomers(1, 'late');
    const during = await newsletterRunProgress(world.env.client, workflowId);
    expect(during).toMatchObject({ status: 'running', total: 22 });
    expect(during.remaining).toBeGreaterThan(0);

    const summary = await newsletterRunResult(world.env.client, workflowId);
    expect(summary).toMatchObject({ status: 'completed', total: 22, sent: 20, failed: 0, unknown: 0, deferred: 0, remaining: 0 });
    expect(summary.skipped).toEqual({ unsubscribed: 1, no_legal_basis: 1 });

    const copies = copiesByAddress(world.smtp.messages());
    expect([...copies.keys()].sort()).toEqual(eligible.map((c) => c.email).sort());
    expect([...copies.values()].every((n) => n === 1)).toBe(true);
    expect(copies.has(joinedLate[0].email)).toBe(false);
    const mail = world.smtp.messages()[0];
    expect(mail.subject).toBe('Elektrisch durch den Winter');
    expect(mail.text).toContain('Ihr E-Auto im Winter');
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');

    const run = await db.prisma.newsletterRun.findUniqueOrThrow({ where: { workflowId } });
    expect(run).toMatchObject({ status: 'completed', dealerId: dealership.dealer.id, templateId: 'newsletter-generic' });
    expect(run.finishedAt).not.toBeNull();
    expect(run.summary).toMatchObject({ total: 22, sent: 20, failed: 0, skipped: { unsubscribed: 1, no_legal_basis: 1 } });
    const outbox = await db.prisma.message.findMany({ where: { newsletterRunId: run.id } });
    expect(outbox.filter((m) => m.status === 'sent')).toHaveLength(20);
    expect(outbox.every((m) => m.idempotencyKey === `newsletter/${run.id}/${m.customerId}` && m.category === 'marketing')).toBe(true);
  });

  it('holds the rate limit: 40 messages at 20 per second take the paced 1.9 s, not the 0.2 s they would unpaced', async () => {
    await world.addElectricCustomers(40, 'rate');
    const { workflowId } = await startNewsletterRun(deps(), evNewsletter({ ratePerSecond: 20 }), { label: 'rate' });
    const summary = await newsletterRunResult(world.env.client, workflowId);
    expect(summary.sent).toBe(40);
    const times = world.smtp
      .messages()
      .map((m) => Date.parse(m.receivedAt))
      .sort((a, b) => a - b);
    // From the second arrival on: the first message also waits for the pooled SMTP connection to open (TCP and
    // greeting), so its arrival is late against the pacer's schedule and would make the rest look faster than paced.
    const paced = times.slice(1);
    const span = (paced[paced.length - 1] - paced[0]) / 1000;
    // 38 paced gaps at 20 per second take 1.9 s from the pacer's side. An arrival can be late but never early: a
    // second message held up by a busy machine shortens the measured span by its delay, so 0.4 s is allowed for
    // that (unpaced, all 40 arrive within about 0.2 s). Nor much slower than the limit: a busy machine's stalls
    // add to the span, bounded generously.
    expect(span).toBeGreaterThan(1.9 - 0.4);
    expect(span).toBeLessThan(1.9 * 2 + 1);
  });

  it('pauses, resumes and is cancelled: nobody gets a second copy, the rest is recorded as cancelled', async () => {
    const customers = await world.addElectricCustomers(60, 'pause');
    const { workflowId } = await startNewsletterRun(deps(), evNewsletter({ ratePerSecond: 10 }), { label: 'pause' });
    await world.smtp.waitForMessages(5, 120_000);
    await pauseNewsletterRun(world.env.client, workflowId);
    await eventually('paused', async () => (await newsletterRunProgress(world.env.client, workflowId)).status === 'paused');
    await eventually(
      'paused in the database',
      async () => (await world.db.prisma.newsletterRun.findFirst({ where: { workflowId } }))?.status === 'paused',
    );
    const whilePaused = world.smtp.messages().length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(world.smtp.messages().length).toBe(whilePaused);
    expect(whilePaused).toBeLessThan(60);

    await resumeNewsletterRun(world.env.client, workflowId);
    await world.smtp.waitForMessages(whilePaused + 5, 120_000);
    await cancelNewsletterRun(world.env.client, workflowId);
    const summary = await newsletterRunResult(world.env.client, workflowId);

    expect(summary.status).toBe('cancelled');
    expect(summary.sent).toBe(world.smtp.messages().length);
    expect(summary.skipped.cancelled).toBe(60 - summary.sent);
    expect(summary.skipped.cancelled).toBeGreaterThan(0);
    const copies = copiesByAddress(world.smtp.messages());
    expect([...copies.values()].every((n) => n === 1)).toBe(true);
    expect(customers.filter((c) => copies.has(c.email))).toHaveLength(summary.sent);
    const run = await world.db.prisma.newsletterRun.findFirstOrThrow({ where: { workflowId } });
    expect(run.status).toBe('cancelled');
    await recordHistory(world.env.client, workflowId, 'newsletter-paused-resumed-cancelled');
  });

  it('a run started paused waits for marketing; starting it again after they resumed it does not pause it again', async () => {
    await world.addElectricCustomers(3, 'waits');
    const newsletter = evNewsletter({ ratePerSecond: 10 });
    const { workflowId } = await startPausedNewsletterRun(deps(), newsletter, 'waits-paused');
    await eventually('paused', async () => (await newsletterRunProgress(world.env.client, workflowId)).status === 'paused');
    expect(world.smtp.messages()).toHaveLength(0);

    await resumeNewsletterRun(world.env.client, workflowId);
    await startPausedNewsletterRun(deps(), newsletter, 'waits-paused'); // e.g. the demo seeded again
    expect(await newsletterRunResult(world.env.client, workflowId)).toMatchObject({ status: 'completed', sent: 3 });
    await startPausedNewsletterRun(deps(), newsletter, 'waits-paused'); // finished: not started again
    expect((await world.env.client.workflow.getHandle(workflowId).describe()).status.name).toBe('COMPLETED');
  });
});
