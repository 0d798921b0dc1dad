import { eventually } from '../support/eventually';
import { repurchaseVehicleAge } from '../../campaigns/builtin/repurchase';
import type { InboundEndpoint } from '../../inbound/smtpEndpoint';
import type { ReceivedMail } from '../../mail/smtpReceiver';
import { leadWorkflowId } from '../../workflows/leadFollowUp/contract';
import { addCustomer, addVehicle } from '../support/dealership';
import { openCampaignWorld, type CampaignWorld } from '../support/campaignScenario';
import { customerReply, deliverRaw, kpiReport, openInboundEndpoint } from '../support/inboundWorld';
import { lifecycleDriver, plus, sendDay, type LifecycleDriver } from '../support/lifecycleWorld';
import { reactivationMailsTo, type ReactivationMailed } from '../support/reactivationMails';

/**
 * "A customer silent for two years answers a mailing, and the dealer picks up where it left off":
 * the customer hits reply, and the answer reaches the timeline, the lifecycle and a salesperson who
 * is at work. Real Temporal (time-skipping), PostgreSQL, SMTP out and the inbound SMTP endpoint.
 */
describe('customers who answer our emails', () => {
  let world: CampaignWorld;
  let drive: LifecycleDriver;
  let inbound: InboundEndpoint;
  beforeAll(async () => {
    world = await openCampaignWorld();
    drive = lifecycleDriver(world);
    inbound = await openInboundEndpoint(world);
  });
  afterAll(async () => {
    await inbound?.close();
    await world?.close();
  });

  /** A customer last heard of 18 months ago gets the first reactivation mail; Sabine Kraus, her salesperson, is on holiday a week later. */
  async function reactivationMailTo(lastName: string): Promise<ReactivationMailed> {
    const [mailed] = await reactivationMailsTo(world, drive, lastName);
    return mailed;
  }

  it('a reply to the reactivation opens a lead with the history for the colleague who is at work', async () => {
    const { customer, mail } = await reactivationMailTo('Lehmann');
    expect(mail.headers['reply-to']).toBe('reply@autohaus-berger.example');
    const reply = customerReply(mail, 'Guten Tag, ja, wir denken über einen neuen Kombi nach. Rufen Sie mich gern an!');
    expect(reply.envelope.to).toEqual(['reply@autohaus-berger.example']);
    expect(await deliverRaw(inbound, reply.raw, reply.envelope)).toMatch(/^250/);

    const recorded = await world.db.prisma.inboundMessage.findFirstOrThrow({ where: { customerId: customer.id } });
    expect(recorded).toMatchObject({ kind: 'reply', outcome: 'touchpoint', campaignId: 'reactivation' });
    const journey = await drive.until(customer.id, (j) => !j.reactivation && j.eventsHandled === 2 && j);
    expect(journey.status).toBe('active');

    const lead = await world.db.prisma.lead.findFirstOrThrow({ where: { customerId: customer.id }, include: { assignedTo: true } });
    expect([lead.source, lead.externalId, lead.assignedTo?.lastName]).toEqual(['reactivation', `inbound-${recorded.id}`, 'Wolf']);
    expect(lead.message).toContain('Winterreifen');
    expect(lead.message).toContain('neuen Kombi');
    expect((await world.env.client.workflow.getHandle(leadWorkflowId(lead.id)).describe()).type).toBe('leadFollowUpWorkflow');

    const timeline = await world.db.prisma.touchpoint.findMany({ where: { customerId: customer.id, kind: 'email.reply' } });
    expect(timeline).toHaveLength(1);
    expect(timeline[0]).toMatchObject({ channel: 'email', direction: 'inbound' });
    expect(timeline[0].summary).toContain('neuen Kombi nach');
    expect(timeline[0].summary).not.toContain('schrieb'); // the quoted email is not the customer's words
  });

  it('an out-of-office reply creates nothing: no lead, no touchpoint, the reactivation goes on', async () => {
    const { customer, mail } = await reactivationMailTo('Urlaub');
    const ooo = customerReply(mail, 'Ich bin bis zum 20. nicht im Büro und lese meine E-Mails nicht.', {
      subject: `Abwesenheitsnotiz: ${mail.subject}`,
      extraHeaders: ['Auto-Submitted: auto-replied', 'X-Auto-Response-Suppress: All'],
    });
    expect(await deliverRaw(inbound, ooo.raw, ooo.envelope)).toMatch(/^250/);

    expect(await world.db.prisma.inboundMessage.findFirstOrThrow({ where: { customerId: customer.id } })).toMatchObject({
      kind: 'auto_reply',
      outcome: 'none',
      reason: 'Auto-Submitted: auto-replied',
    });
    expect(await world.db.prisma.lead.count({ where: { customerId: customer.id } })).toBe(0);
    expect(
      await world.db.prisma.touchpoint.count({ where: { customerId: customer.id, kind: { in: ['email.reply', 'email.replied'] } } }),
    ).toBe(0);
    const journey = await drive.journey(customer.id);
    expect(journey.reactivation).toBeDefined();
    expect(journey.eventsHandled).toBe(1);
  });

  it('a reply to a repurchase offer opens a lead through lead intake, for the salesperson at work', async () => {
    const customer = await addCustomer(world.db.prisma, world.dealership, { lastName: 'Neukauf', email: 'neukauf@kundenmail.example' });
    const vehicle = await addVehicle(world.db.prisma, world.dealership, customer.id);
    const tuesday = await world.nextTuesday();
    await world.skipTo(`${tuesday}T10:00`);
    const admission = await world.enroll(repurchaseVehicleAge, customer.id, {
      vehicleId: vehicle.id,
      context: { repurchaseDate: plus(tuesday, { days: 1 }), vehicleAgeYears: 5 } as unknown as Record<string, string>,
    });
    if (!admission.admitted) throw new Error('not admitted');
    const result = await world.resultOf(admission.enrollmentId);
    const rows = await world.db.prisma.message.findMany({ where: { customerId: customer.id } });
    if (rows.length !== 1 || rows[0].status !== 'sent')
      throw new Error(JSON.stringify({ taken: result.taken, rows: rows.map((r) => [r.status, r.skipReason, r.error]) }));
    const [mail] = await world.waitForMailTo(customer.email);

    const reply = customerReply(mail, 'Das klingt interessant, was würden Sie mir für meinen ID.4 geben?');
    await deliverRaw(inbound, reply.raw, reply.envelope);
    const recorded = await world.db.prisma.inboundMessage.findFirstOrThrow({ where: { customerId: customer.id } });
    expect(recorded).toMatchObject({ kind: 'reply', outcome: 'lead_opened', campaignId: 'repurchase-vehicle-age' });
    const lead = await world.db.prisma.lead.findUniqueOrThrow({ where: { id: recorded.leadId! } });
    expect([lead.source, lead.kind, lead.customerId, lead.externalId]).toEqual([
      'email_reply',
      'offer',
      customer.id,
      `inbound-${recorded.id}`,
    ]);
    expect(lead.message).toContain('was würden Sie mir für meinen ID.4 geben?');
    expect(lead.message).toContain('Volkswagen ID.4');
    await world.env.client.workflow.getHandle(leadWorkflowId(lead.id)).describe();
    const assigned = await eventually('the lead assigned', () =>
      world.db.prisma.lead.findFirst({ where: { id: lead.id, assignedToId: { not: null } }, include: { assignedTo: true } }),
    );
    // Sabine Kraus, her salesperson, is still on holiday this week: the colleague at work gets the lead.
    expect(assigned.assignedTo?.lastName).toBe('Wolf');
  });

  it('a second reply while the lead is open goes to the lead and becomes a task for its assignee', async () => {
    const customer = await world.db.prisma.customer.findFirstOrThrow({ where: { lastName: 'Neukauf' } });
    const [mail] = world.mailsTo(customer.email);
    const again = customerReply(mail, 'Nachtrag: Samstag würde mir auch passen.', { messageId: '<nachtrag-1@kundenmail.example>' });
    await deliverRaw(inbound, again.raw, again.envelope);
    const recorded = await world.db.prisma.inboundMessage.findFirstOrThrow({ where: { dedupeKey: 'mid:<nachtrag-1@kundenmail.example>' } });
    const lead = await world.db.prisma.lead.findFirstOrThrow({ where: { customerId: customer.id }, include: { assignedTo: true } });
    expect(recorded).toMatchObject({ kind: 'reply', outcome: 'assignee_notified', leadId: lead.id });
    expect(await world.db.prisma.lead.count({ where: { customerId: customer.id } })).toBe(1);
    const tasks = await world.db.prisma.staffTask.findMany({
      where: { customerId: customer.id, kind: 'customer_replied' },
      include: { assignee: true },
    });
    expect(tasks.map((t) => [t.assignee?.lastName, t.details])).toEqual([
      [lead.assignedTo?.lastName, expect.stringContaining('Samstag würde mir auch passen')],
    ]);
    const onLead = await world.db.prisma.touchpoint.findMany({ where: { leadId: lead.id, kind: 'email.reply' } });
    expect(onLead).toHaveLength(1);
  });

  it('the KPI report counts the replies and the leads they opened, per campaign and week', async () => {
    const report = await kpiReport(world);
    const total = (id: string, field: string) =>
      report.mail.weeks.filter((w) => w.campaignId === id).reduce((sum, w) => sum + Number(w[field]), 0);
    expect([total('reactivation', 'replies'), total('reactivation', 'leadsFromReplies')]).toEqual([1, 1]); // the out-of-office is no reply
    expect([total('repurchase-vehicle-age', 'replies'), total('repurchase-vehicle-age', 'leadsFromReplies')]).toEqual([2, 1]);
  });
});
