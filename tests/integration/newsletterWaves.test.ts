import { createSendSlots, newsletterSlotCount } from '../../activities/delivery/sendSlots';
import type { CampaignDeliveryDeps, DeliverCampaignMessageInput } from '../../activities/delivery/deliverCampaignMessage';
import { outboxRowFor } from '../../activities/delivery/deliverCampaignMessage';
import { findOrCreateOutboxRows, loadRecipients } from '../../activities/newsletters/loadBatch';
import { sendInWaves } from '../../activities/newsletters/sendWaves';
import { triage } from '../../activities/newsletters/triage';
import { readSettings } from '../../config/settings';
import { startSmtpReceiver, type SmtpReceiver } from '../../mail/smtpReceiver';
import { createMailTransport, MailSendError, type MailTransport } from '../../mail/transport';
import { createRenderer } from '../../templates/render';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { addCustomer, seedDealership, type Dealership } from '../support/dealership';
import { AROUND_THE_CLOCK } from '../../engine/sendingWindow';

/**
 * Autohaus Berger's newsletter goes out in waves (twice the SMTP pool per wave, claimed together, four waves on the wire).
 * Real PostgreSQL and a real SMTP receiver; the exactly-once rules are the campaign path's.
 */
const NOW = '2027-03-10T10:00:00.000Z';

describe('a newsletter sent in waves', () => {
  let db: TestDatabase;
  let smtp: SmtpReceiver;
  let transport: MailTransport;
  let dealership: Dealership;
  let deps: CampaignDeliveryDeps;
  let run = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await startSmtpReceiver();
    transport = createMailTransport(smtp.url, { maxConnections: 2 });
    dealership = await seedDealership(db.prisma);
    deps = {
      prisma: db.prisma,
      transport,
      waveSlots: createSendSlots(newsletterSlotCount(transport)),
      renderer: createRenderer(),
      frequencyCap: { maxMarketingEmails: 2, perDays: 7 },
      sendingWindow: AROUND_THE_CLOCK,
      settings: readSettings({
        SMTP_URL: smtp.url,
        LOG_LEVEL: 'warn',
        PUBLIC_BASE_URL: 'https://autohaus-berger.example',
        MAIL_FROM: 'Autohaus Berger <service@autohaus-berger.example>',
      }),
    };
  });
  afterAll(async () => {
    transport?.close();
    await smtp?.close();
    await db?.drop();
  });
  beforeEach(() => {
    smtp.clear();
    smtp.resetFailures();
  });

  /** Loads, triages and sends `customers` the way one chunk of a newsletter batch does. */
  async function sendNewsletter(customerIds: string[], onFrequencyCap: 'defer' | 'skip' = 'defer') {
    run += 1;
    const loaded = await loadRecipients(db.prisma, customerIds);
    const inputs = customerIds.map((customerId): DeliverCampaignMessageInput => ({
      idempotencyKey: `newsletter/test-${run}/${customerId}`,
      customerId,
      templateId: 'newsletter-generic',
      legalBasis: 'existing_customer',
      campaignId: 'newsletter:test',
      campaignVersion: 1,
      campaignPriority: 0,
      context: {},
      extraVariables: {
        subject: 'Frühjahrs-Check',
        preheader: 'Reifen, Klima, Wischer.',
        headline: 'Ihr Auto im Frühling',
        paragraphs: ['Wir prüfen Reifen und Klima.'],
      },
      onFrequencyCap,
      now: NOW,
    }));
    const rows = await findOrCreateOutboxRows(
      db.prisma,
      inputs.map((input) => outboxRowFor(input, loaded.get(input.customerId))),
    );
    const candidates = inputs.map((input) => ({ input, recipient: loaded.get(input.customerId), row: rows.get(input.idempotencyKey)! }));
    const { outcomes, sendable } = await triage(deps, candidates, new Date(NOW));
    const waves = await sendInWaves(deps, sendable, new Date(NOW), async () => undefined);
    for (const [id, outcome] of waves.outcomes) outcomes.set(id, outcome);
    const byCustomer = new Map(candidates.map((c) => [c.input.customerId, outcomes.get(c.row.id)]));
    return {
      byCustomer,
      failure: waves.failure,
      rowOf: (customerId: string) =>
        db.prisma.message.findFirstOrThrow({ where: { customerId, idempotencyKey: { startsWith: `newsletter/test-${run}/` } } }),
    };
  }

  const customers = (n: number, label: string) =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        addCustomer(db.prisma, dealership, { lastName: `${label} ${i + 1}`, email: `${label}.${i + 1}.${run}@example.de` }),
      ),
    );

  it('sends five owners one copy each and records subject, Message-ID and the relay’s id on every row', async () => {
    const owners = await customers(5, 'wave');
    const { byCustomer, failure, rowOf } = await sendNewsletter(owners.map((c) => c.id));
    expect(failure).toBeUndefined();
    expect(owners.map((c) => byCustomer.get(c.id)?.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    expect(
      smtp
        .messages()
        .map((m) => m.to[0].address)
        .sort(),
    ).toEqual(owners.map((c) => c.email).sort());
    const row = await rowOf(owners[0].id);
    expect(row).toMatchObject({ status: 'sent', subject: 'Frühjahrs-Check', attempts: 1 });
    expect(row.messageIdHeader).toMatch(/^<[0-9a-f]{32}@autohaus-berger\.example>$/);
    expect(row.providerMessageId).toBeTruthy();
    expect(row.sentAt).toEqual(new Date(NOW));
  });

  it('holds back an owner who already got two marketing emails this week, deferring or skipping as the newsletter says', async () => {
    const [busy, other] = await customers(2, 'capped');
    for (const n of [1, 2]) {
      await db.prisma.message.create({
        data: {
          idempotencyKey: `earlier/${busy.id}/${n}`,
          customerId: busy.id,
          templateId: 'reactivation-1',
          recipientEmail: busy.email!,
          category: 'marketing',
          status: 'sent',
          sendingAt: new Date(Date.parse(NOW) - n * 86_400_000),
        },
      });
    }
    const deferred = await sendNewsletter([busy.id, other.id], 'defer');
    expect(deferred.byCustomer.get(busy.id)).toEqual({
      status: 'deferred',
      reason: 'frequency_cap',
      retryAt: new Date(Date.parse(NOW) + 5 * 86_400_000 + 60_000).toISOString(),
    });
    expect((await deferred.rowOf(busy.id)).status).toBe('queued');
    expect(deferred.byCustomer.get(other.id)?.status).toBe('sent');

    const skipped = await sendNewsletter([busy.id], 'skip');
    expect(skipped.byCustomer.get(busy.id)).toEqual({ status: 'skipped', reason: 'frequency_cap' });
    expect(await skipped.rowOf(busy.id)).toMatchObject({ status: 'skipped', skipReason: 'frequency_cap' });
    expect(smtp.messages().map((m) => m.to[0].address)).toEqual([other.email]);
  });

  it('marks a rejected mailbox failed and suppresses it; the others still go out', async () => {
    const owners = await customers(3, 'bounce');
    smtp.rejectRecipients([owners[1].email!]);
    const { byCustomer, failure, rowOf } = await sendNewsletter(owners.map((c) => c.id));
    expect(failure).toBeUndefined();
    expect(owners.map((c) => byCustomer.get(c.id)?.status)).toEqual(['sent', 'failed', 'sent']);
    expect((await rowOf(owners[1].id)).status).toBe('failed');
    expect(await db.prisma.suppression.findFirst({ where: { email: owners[1].email!.toLowerCase() } })).toMatchObject({ reason: 'bounce' });
  });

  it('releases the claim on a temporary SMTP error and reports it, so the batch is retried', async () => {
    const owners = await customers(2, 'busy-relay');
    smtp.rejectNext(1, 451, 'try again later');
    const { failure, byCustomer, rowOf } = await sendNewsletter(owners.map((c) => c.id));
    expect(failure).toBeInstanceOf(MailSendError);
    const statuses = await Promise.all(owners.map(async (c) => (await rowOf(c.id)).status));
    expect(statuses.sort()).toEqual(['queued', 'sent']);
    expect(owners.filter((c) => byCustomer.get(c.id)?.status === 'sent')).toHaveLength(1);
  });

  it('never re-sends a marketing row an earlier attempt left in "sending": it is recorded as unknown', async () => {
    const [owner] = await customers(1, 'in-doubt');
    run += 1;
    await db.prisma.message.create({
      data: {
        idempotencyKey: `newsletter/test-${run}/${owner.id}`,
        customerId: owner.id,
        templateId: 'newsletter-generic',
        recipientEmail: owner.email!,
        category: 'marketing',
        status: 'sending',
        sendingAt: new Date(NOW),
      },
    });
    run -= 1; // sendNewsletter counts up to the same run again
    const { byCustomer, rowOf } = await sendNewsletter([owner.id]);
    expect(byCustomer.get(owner.id)).toEqual({ status: 'unknown' });
    expect((await rowOf(owner.id)).status).toBe('unknown');
    expect(smtp.messages()).toHaveLength(0);
  });

  it('keeps several waves on the wire, but never more messages claimed and unanswered than the wave slots allow', async () => {
    const owners = await customers(40, 'pipelined');
    let unanswered = 0;
    let most = 0;
    const counting: MailTransport = {
      poolSize: transport.poolSize,
      send: async (mail) => {
        most = Math.max(most, ++unanswered);
        try {
          return await transport.send(mail);
        } finally {
          unanswered -= 1;
        }
      },
      close: () => undefined,
    };
    const plain = deps;
    deps = { ...plain, transport: counting, waveSlots: createSendSlots(newsletterSlotCount(counting)) };
    try {
      const { byCustomer, failure } = await sendNewsletter(owners.map((c) => c.id));
      expect(failure).toBeUndefined();
      expect(owners.every((c) => byCustomer.get(c.id)?.status === 'sent')).toBe(true);
    } finally {
      deps = plain;
    }
    expect(smtp.messages()).toHaveLength(40);
    // Waves of 4 (twice the 2 connections), four of them at once: at most 16 in doubt, and more than one wave at a time.
    expect(newsletterSlotCount(counting)).toBe(16);
    expect(most).toBeLessThanOrEqual(16);
    expect(most).toBeGreaterThan(4);
  });
});
