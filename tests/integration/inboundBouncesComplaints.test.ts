import { defineCampaign, send, wait } from '../../campaigns/dsl';
import type { InboundEndpoint } from '../../inbound/smtpEndpoint';
import { addCustomer, addVehicle } from '../support/dealership';
import { openCampaignWorld, type CampaignWorld } from '../support/campaignScenario';
import { complaintReport, deliverRaw, deliveryStatusNotification, kpiReport, openInboundEndpoint } from '../support/inboundWorld';

const oneMail = (id: string) =>
  defineCampaign({
    id,
    version: 1,
    name: `One mail (${id})`,
    audience: 'Buyers',
    legalBasis: 'existing_customer',
    context: [],
    steps: [send('checkin-3-days')],
  });

const threeMails = defineCampaign({
  id: 'three-check-ins',
  version: 1,
  name: 'Three check-ins, a week apart',
  audience: 'Buyers',
  legalBasis: 'existing_customer',
  context: [],
  steps: [
    send('checkin-3-days'),
    wait({ weeks: 1 }),
    send('checkin-satisfaction-30-days'),
    wait({ weeks: 1 }),
    send('first-service-invitation'),
  ],
});

/**
 * What comes back after the send: a bounce that the customer's provider reports an hour later, and
 * a feedback-loop complaint. Real Temporal (time-skipping), PostgreSQL, SMTP out and SMTP in.
 */
describe('bounces and complaints that arrive after the send', () => {
  let world: CampaignWorld;
  let inbound: InboundEndpoint;
  beforeAll(async () => {
    world = await openCampaignWorld();
    inbound = await openInboundEndpoint(world);
  });
  afterAll(async () => {
    await inbound?.close();
    await world?.close();
  });

  async function sentTo(customerId: string, campaignId: string) {
    const tuesday = await world.nextTuesday();
    await world.skipTo(`${tuesday}T10:00`);
    const vehicle = await addVehicle(world.db.prisma, world.dealership, customerId);
    const admission = await world.enroll(oneMail(campaignId), customerId, { vehicleId: vehicle.id });
    if (!admission.admitted) throw new Error('not admitted');
    const result = await world.resultOf(admission.enrollmentId);
    const rows = await world.db.prisma.message.findMany({ where: { customerId, campaignId } });
    if (!rows.some((r) => r.status === 'sent' || r.status === 'skipped'))
      throw new Error(`not sent: ${JSON.stringify({ taken: result.taken, rows: rows.map((r) => [r.status, r.error, r.skipReason]) })}`);
    return result;
  }

  it('a hard bounce an hour after the send suppresses the address, and the next campaign skips it', async () => {
    const customer = await addCustomer(world.db.prisma, world.dealership, { lastName: 'Hartmann', email: 'k.hartmann@kundenmail.example' });
    await sentTo(customer.id, 'welcome');
    const [mail] = await world.waitForMailTo(customer.email);
    expect(mail.envelope.from).toMatch(/^bounce\+[0-9a-f]{32}\.[0-9a-f]{12}@autohaus-berger\.example$/);
    expect(mail.headers['reply-to']).toBe('reply@autohaus-berger.example');

    await world.env.sleep('1 hour');
    const dsn = deliveryStatusNotification(mail, { status: '5.1.1', includeOriginal: false }); // matched by the envelope token alone
    expect(await deliverRaw(inbound, dsn.raw, dsn.envelope)).toMatch(/^250/);

    const row = await world.db.prisma.message.findFirstOrThrow({ where: { customerId: customer.id } });
    const recorded = await world.db.prisma.inboundMessage.findFirstOrThrow({ where: { outboxMessageId: row.id } });
    expect(recorded).toMatchObject({
      kind: 'hard_bounce',
      outcome: 'suppressed',
      statusCode: '5.1.1',
      customerId: customer.id,
      campaignId: 'welcome',
    });
    expect(await world.db.prisma.suppression.findMany({ where: { email: customer.email! }, select: { reason: true } })).toEqual([
      { reason: 'bounce' },
    ]);
    const timeline = await world.db.prisma.touchpoint.findMany({ where: { customerId: customer.id, kind: 'email.bounced' } });
    expect(timeline.map((t) => t.summary)).toEqual(['E-Mail nicht zustellbar (5.1.1): Adresse gesperrt']);

    // The same DSN delivered twice (providers retry) is handled once.
    await deliverRaw(inbound, dsn.raw, dsn.envelope);
    expect(await world.db.prisma.inboundMessage.count({ where: { outboxMessageId: row.id } })).toBe(1);

    await sentTo(customer.id, 'service-news');
    const skipped = await world.db.prisma.message.findFirstOrThrow({ where: { customerId: customer.id, campaignId: 'service-news' } });
    expect([skipped.status, skipped.skipReason]).toEqual(['skipped', 'suppressed']);
    expect(world.mailsTo(customer.email)).toHaveLength(1);
  });

  it('soft bounces count: the third one suppresses the address, a delay report changes nothing', async () => {
    const customer = await addCustomer(world.db.prisma, world.dealership, { lastName: 'Voll', email: 'postfach.voll@kundenmail.example' });
    for (const campaignId of ['soft-1', 'soft-2', 'soft-3']) await sentTo(customer.id, campaignId);
    const mails = await world.waitForMailTo(customer.email, 3);
    const delayed = deliveryStatusNotification(mails[0], { status: '4.4.7', action: 'delayed' });
    await deliverRaw(inbound, delayed.raw, delayed.envelope);
    for (const [i, mail] of mails.entries()) {
      const dsn = deliveryStatusNotification(mail, { status: '4.2.2' });
      await deliverRaw(inbound, dsn.raw, dsn.envelope);
      const suppressed = await world.db.prisma.suppression.count({ where: { email: customer.email! } });
      expect([i, suppressed]).toEqual([i, i < 2 ? 0 : 1]);
    }
    const kinds = await world.db.prisma.inboundMessage.findMany({
      where: { customerId: customer.id },
      orderBy: { createdAt: 'asc' },
      select: { kind: true, outcome: true },
    });
    expect(kinds).toEqual([
      { kind: 'delivery_report', outcome: 'none' },
      { kind: 'soft_bounce', outcome: 'counted' },
      { kind: 'soft_bounce', outcome: 'counted' },
      { kind: 'soft_bounce', outcome: 'suppressed' },
    ]);
  });

  it('an ARF complaint records the objection at once, and the sleeping enrollment sends no more marketing', async () => {
    const customer = await addCustomer(world.db.prisma, world.dealership, { lastName: 'Spamklick', email: 'spamklick@kundenmail.example' });
    const tuesday = await world.nextTuesday();
    await world.skipTo(`${tuesday}T10:00`);
    const vehicle = await addVehicle(world.db.prisma, world.dealership, customer.id);
    const admission = await world.enroll(threeMails, customer.id, { vehicleId: vehicle.id });
    if (!admission.admitted) throw new Error('not admitted');
    const [first] = await world.waitForMailTo(customer.email);

    await world.skipTo(`${tuesday}T15:00`); // the enrollment sleeps until next week
    const report = complaintReport(first);
    expect(await deliverRaw(inbound, report.raw, report.envelope)).toMatch(/^250/);
    // At once: when the provider's report has been accepted, the objection and the suppression are recorded.
    const objected = await world.db.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } });
    expect(objected.objectedAt).not.toBeNull();
    expect(await world.db.prisma.suppression.findMany({ where: { email: customer.email! }, select: { reason: true } })).toEqual([
      { reason: 'complaint' },
    ]);
    expect(await world.db.prisma.inboundMessage.findFirstOrThrow({ where: { customerId: customer.id } })).toMatchObject({
      kind: 'complaint',
      outcome: 'objection_recorded',
      statusCode: 'abuse',
      campaignId: 'three-check-ins',
    });

    await world.resultOf(admission.enrollmentId).catch(() => undefined);
    await world.skipTo(`${plusDays(tuesday, 21)}T12:00`);
    expect(world.mailsTo(customer.email)).toHaveLength(1);
    const later = await world.db.prisma.message.findMany({ where: { customerId: customer.id, status: 'sent' } });
    expect(later).toHaveLength(1);
  });

  it('a DSN or complaint for a message we never sent, or with a forged token, is recorded as unmatched and changes nothing', async () => {
    const customer = await addCustomer(world.db.prisma, world.dealership, { lastName: 'Fremd', email: 'fremd@kundenmail.example' });
    await sentTo(customer.id, 'never-bounced');
    const [mail] = await world.waitForMailTo(customer.email);
    const forged = {
      ...mail,
      messageId: '<0123456789abcdef0123456789abcdef@autohaus-berger.example>',
      envelope: { ...mail.envelope, from: mail.envelope.from!.replace(/\.[0-9a-f]{12}@/, '.000000000000@') },
    };
    const dsn = deliveryStatusNotification(forged, { status: '5.1.1' });
    await deliverRaw(inbound, dsn.raw, dsn.envelope);
    const arf = complaintReport({ ...forged, messageId: '<not-ours@elsewhere.example>' });
    await deliverRaw(inbound, arf.raw, arf.envelope);
    const rows = await world.db.prisma.inboundMessage.findMany({
      where: { statusCode: { in: ['5.1.1', 'abuse'] }, outboxMessageId: null },
      select: { kind: true, reason: true },
    });
    expect(rows).toEqual(
      expect.arrayContaining([
        { kind: 'unmatched', reason: 'a delivery status notification for a message we did not send' },
        { kind: 'unmatched', reason: 'a complaint about a message we did not send' },
      ]),
    );
    expect(await world.db.prisma.suppression.count({ where: { email: customer.email! } })).toBe(0);
    expect((await world.db.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } })).objectedAt).toBeNull();
  });

  it('the KPI report shows per campaign and week what was sent and what came back, against the 0.3 % complaint limit', async () => {
    const report = await kpiReport(world);
    expect(report.mail.complaintRateLimit).toBe(0.003);
    const byCampaign = (id: string) => report.mail.weeks.filter((w) => w.campaignId === id);
    expect(byCampaign('welcome')).toEqual([
      expect.objectContaining({
        week: expect.stringMatching(/^\d{4}-W\d{2}$/),
        sent: 1,
        hardBounces: 1,
        softBounces: 0,
        complaints: 0,
        complaintRate: 0,
        overComplaintLimit: false,
      }),
    ]);
    expect(byCampaign('three-check-ins')).toEqual([
      expect.objectContaining({ sent: 1, complaints: 1, complaintRate: 1, overComplaintLimit: true, replies: 0, leadsFromReplies: 0 }),
    ]);
    const soft = ['soft-1', 'soft-2', 'soft-3'].flatMap(byCampaign);
    expect(soft.map((w) => [w.sent, w.softBounces])).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
    expect(byCampaign('never-bounced')).toEqual([expect.objectContaining({ sent: 1, hardBounces: 0, complaints: 0 })]);
  });
});

function plusDays(date: string, days: number): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
