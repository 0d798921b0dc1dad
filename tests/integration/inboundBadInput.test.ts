import { defineCampaign, send } from '../../campaigns/dsl';
import type { InboundEndpoint } from '../../inbound/smtpEndpoint';
import { addCustomer, addVehicle } from '../support/dealership';
import { openCampaignWorld, type CampaignWorld } from '../support/campaignScenario';
import { malformedMessages } from '../support/inboundFuzz';
import { customerReply, deliverRaw, openInboundEndpoint } from '../support/inboundWorld';

const welcome = defineCampaign({
  id: 'welcome-mail',
  version: 1,
  name: 'One welcome mail',
  audience: 'Buyers',
  legalBasis: 'existing_customer',
  context: [],
  steps: [send('checkin-3-days')],
});

/**
 * What the inbound endpoint gets that it should not act on: broken MIME, huge attachments, mail
 * from an erased customer, our own mail coming back, and 200 deterministically fuzzed messages.
 * Each is recorded or refused with a reason; the endpoint stays up; nothing is recorded falsely.
 */
describe('bad input at the inbound endpoint', () => {
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

  async function mailedCustomer(lastName: string) {
    const customer = await addCustomer(world.db.prisma, world.dealership, {
      lastName,
      email: `${lastName.toLowerCase()}@kundenmail.example`,
    });
    const vehicle = await addVehicle(world.db.prisma, world.dealership, customer.id);
    const tuesday = await world.nextTuesday();
    await world.skipTo(`${tuesday}T10:00`);
    const admission = await world.enroll(welcome, customer.id, { vehicleId: vehicle.id });
    if (!admission.admitted) throw new Error('not admitted');
    await world.resultOf(admission.enrollmentId);
    const [mail] = await world.waitForMailTo(customer.email);
    return { customer, mail };
  }

  const effects = async () => ({
    suppressions: await world.db.prisma.suppression.count(),
    objections: await world.db.prisma.customer.count({ where: { objectedAt: { not: null } } }),
    leads: await world.db.prisma.lead.count(),
    touchpoints: await world.db.prisma.touchpoint.count({
      where: { kind: { in: ['email.reply', 'email.replied', 'email.bounced', 'email.soft_bounced', 'consent.objection'] } },
    }),
    tasks: await world.db.prisma.staffTask.count(),
  });

  it('a reply with an 8 MB attachment is recorded as a reply (the attachment is not kept) and creates no lead', async () => {
    const { customer, mail } = await mailedCustomer('Anhang');
    const attachment = Buffer.alloc(8 * 1024 * 1024, 0x25);
    const reply = customerReply(mail, 'Anbei der Fahrzeugschein.', { attachment });
    expect(await deliverRaw(inbound, reply.raw, reply.envelope)).toMatch(/^250/);
    const recorded = await world.db.prisma.inboundMessage.findFirstOrThrow({ where: { customerId: customer.id } });
    expect(recorded).toMatchObject({ kind: 'reply', outcome: 'touchpoint' });
    expect(recorded.sizeBytes).toBeGreaterThan(8 * 1024 * 1024);
    expect(await world.db.prisma.lead.count({ where: { customerId: customer.id } })).toBe(0);
    const [touchpoint] = await world.db.prisma.touchpoint.findMany({ where: { customerId: customer.id, kind: 'email.reply' } });
    expect(touchpoint.summary).toContain('Anbei der Fahrzeugschein.');
    expect(touchpoint.summary.length).toBeLessThan(700);
  });

  it('a message over the endpoint limit is refused with 552, and the endpoint goes on', async () => {
    const small = await openInboundEndpoint(world, 1024 * 1024);
    try {
      const { mail } = await mailedCustomer('Zugross');
      const reply = customerReply(mail, 'Riesig.', { attachment: Buffer.alloc(8 * 1024 * 1024, 0x41) });
      await expect(deliverRaw(small, reply.raw, reply.envelope)).rejects.toMatchObject({ responseCode: 552 });
      const fine = customerReply(mail, 'Jetzt ohne Anhang.');
      expect(await deliverRaw(small, fine.raw, fine.envelope)).toMatch(/^250/);
      expect(small.stats()).toMatchObject({ tooLarge: 1, handled: 1 });
    } finally {
      await small.close();
    }
  });

  it('a reply from a customer who was erased is dropped with the reason, and nothing about it is kept', async () => {
    const { customer, mail } = await mailedCustomer('Geloescht');
    await world.db.prisma.customer.update({
      where: { id: customer.id },
      data: { erasedAt: new Date(), email: null, firstName: null, lastName: '(gelöscht)', phone: null },
    });
    const before = await effects();
    const reply = customerReply(mail, 'Bitte melden Sie sich.', { from: 'geloescht@kundenmail.example' });
    expect(await deliverRaw(inbound, reply.raw, reply.envelope)).toMatch(/^250/);
    const recorded = await world.db.prisma.inboundMessage.findFirstOrThrow({
      where: { dedupeKey: { contains: 'reply-' }, kind: 'dropped' },
    });
    expect(recorded).toMatchObject({ outcome: 'none', reason: 'the customer was erased (DSGVO Art. 17): nothing kept', customerId: null });
    expect(await effects()).toEqual(before);
  });

  it('our own mail coming back (a loop) is dropped, and malformed MIME is recorded as malformed', async () => {
    const { mail } = await mailedCustomer('Schleife');
    const before = await effects();
    expect(await deliverRaw(inbound, mail.raw, { from: 'service@autohaus-berger.example', to: ['reply@autohaus-berger.example'] })).toMatch(
      /^250/,
    );
    const loop = await world.db.prisma.inboundMessage.findUniqueOrThrow({ where: { dedupeKey: `mid:${mail.messageId}` } });
    expect(loop).toMatchObject({ kind: 'loop', outcome: 'none' });

    await deliverRaw(inbound, Buffer.from([0x00, 0xff, 0xfe, 0x0d, 0x0a, 0x41]), {
      from: 'x@fuzz.example',
      to: ['reply@autohaus-berger.example'],
    });
    const malformed = await world.db.prisma.inboundMessage.findFirstOrThrow({ where: { kind: 'malformed', sizeBytes: { lt: 20 } } });
    expect(malformed.reason).toMatch(/no email headers|MIME parser failed/);
    expect(await effects()).toEqual(before);
  });

  it('200 fuzzed malformed messages (seed 18) leave the endpoint up and record nothing falsely', async () => {
    const before = await effects();
    const recordedBefore = await world.db.prisma.inboundMessage.count();
    const messages = malformedMessages(200, 18);
    const answers: string[] = [];
    for (const raw of messages) {
      answers.push(
        await deliverRaw(inbound, raw, { from: 'fuzz@fuzz.example', to: ['reply@autohaus-berger.example'] }).then(
          (r) => r.slice(0, 3),
          (e) => String(e.responseCode ?? e.code),
        ),
      );
    }
    // Every message got an answer; none made the endpoint fail (451) or crash.
    expect(answers.filter((a) => a !== '250')).toEqual([]);
    expect(inbound.stats().failed).toBe(0);
    const recorded = await world.db.prisma.inboundMessage.findMany({ where: {}, orderBy: { createdAt: 'asc' }, skip: recordedBefore });
    expect(recorded.length).toBeGreaterThan(150); // a few damaged copies share their Message-ID and are recognised as re-deliveries
    expect(new Set(recorded.map((r) => r.kind))).toEqual(expect.any(Set));
    for (const row of recorded) {
      expect(['malformed', 'unmatched', 'auto_reply', 'loop']).toContain(row.kind);
      expect([row.outboxMessageId, row.customerId, row.leadId]).toEqual([null, null, null]);
      expect(row.reason).toBeTruthy();
    }
    expect(await effects()).toEqual(before);

    // The endpoint is still up and still does its job.
    const { customer, mail } = await mailedCustomer('NachDemSturm');
    const reply = customerReply(mail, 'Alles gut angekommen.');
    expect(await deliverRaw(inbound, reply.raw, reply.envelope)).toMatch(/^250/);
    expect(await world.db.prisma.inboundMessage.findFirstOrThrow({ where: { customerId: customer.id } })).toMatchObject({ kind: 'reply' });
  });
});
