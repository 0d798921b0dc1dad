import crypto from 'node:crypto';
import { DateTime } from 'luxon';
import { defineCampaign, send, wait, waitUntil } from '../../campaigns/dsl';
import { readSettings } from '../../config/settings';
import { verifyLinkToken } from '../../links/signedLinks';
import type { Step } from '../../campaigns/dsl/steps';
import type { CampaignDefinition } from '../../campaigns/dsl/campaign';
import { addCustomer, addVehicle } from '../support/dealership';
import { openCampaignWorld, type CampaignWorld } from '../support/campaignScenario';
import { crashPoints } from '../support/crashPoints';
import { AROUND_THE_CLOCK } from '../../engine/sendingWindow';

/**
 * Every email of a campaign goes out once, whatever fails in between: a worker that dies after the
 * outbox write or between SMTP and the outbox write, a relay that answers 451 for a while, a mailbox
 * that does not exist, a customer who would get too much mail in one week.
 */

const berlin = (iso: string) => DateTime.fromJSDate(new Date(iso)).setZone('Europe/Berlin').toFormat('ccc HH:mm');
const daysBetween = (a: string, b: string) => Math.round(DateTime.fromISO(b).diff(DateTime.fromISO(a), 'days').days);

const marketing = (id: string, steps: Step[], context: string[] = []): CampaignDefinition =>
  defineCampaign({ id, version: 1, name: id, audience: 'Buyers of Autohaus Berger', legalBasis: 'existing_customer', context, steps });

const oneCheckIn = marketing('one-check-in', [send('checkin-3-days')]);

describe('every email goes out once, even when something fails in between', () => {
  const crashes = crashPoints();
  let world: CampaignWorld;
  beforeAll(async () => {
    world = await openCampaignWorld({
      faults: crashes.faults,
      frequencyCap: { maxMarketingEmails: 2, perDays: 7 },
      sendingWindow: AROUND_THE_CLOCK,
    });
  });
  afterAll(async () => world?.close());

  const outboxOf = (customerId: string) => world.db.prisma.message.findMany({ where: { customerId }, orderBy: { queuedAt: 'asc' } });

  /** A customer with a car, enrolled with a known enrollment id, so a test can arm a crash for one exact message. */
  async function customerWithCar(data: Parameters<typeof addCustomer>[2] = {}) {
    const customer = await addCustomer(world.db.prisma, world.dealership, data);
    const vehicle = await addVehicle(world.db.prisma, world.dealership, customer.id);
    return { customer, vehicle };
  }
  async function enroll(
    definition: CampaignDefinition,
    who: Awaited<ReturnType<typeof customerWithCar>>,
    context: Record<string, string> = {},
  ) {
    const enrollmentId = crypto.randomUUID();
    const admission = await world.enroll(definition, who.customer.id, { vehicleId: who.vehicle.id, enrollmentId, context });
    if (!admission.admitted) throw new Error(`not admitted: ${JSON.stringify(admission)}`);
    return enrollmentId;
  }
  /**
   * Final states, awaited one after another: each result() call unlocks the test server's time skipping,
   * and concurrent calls unlock it more than once, so that time would then skip past running activities.
   */
  async function resultsOf(enrollmentIds: string[]) {
    const finals = [];
    for (const id of enrollmentIds) finals.push(await world.resultOf(id));
    return finals;
  }
  const keyOf = (enrollmentId: string, stepPath: string) => `${enrollmentId}/${stepPath}`;

  it('an activity that fails after the outbox recorded the message as sent never re-sends it', async () => {
    const anna = await customerWithCar({ firstName: 'Anna', lastName: 'Schmidt' });
    const enrollmentId = crypto.randomUUID();
    crashes.crashOnce('afterOutboxSent', keyOf(enrollmentId, '0'));
    await world.enroll(oneCheckIn, anna.customer.id, { vehicleId: anna.vehicle.id, enrollmentId });

    const final = await world.resultOf(enrollmentId);

    expect(crashes.pending('afterOutboxSent', keyOf(enrollmentId, '0'))).toBe(false);
    expect(final.status).toBe('completed');
    expect(final.taken.map((t) => t.outcome)).toEqual(['sent']);
    expect(world.mailsTo(anna.customer.email)).toHaveLength(1);
    const [row] = await outboxOf(anna.customer.id);
    expect([row.status, row.attempts]).toEqual(['sent', 1]);
  });

  it('SMTP accepted, crash before the outbox write — a marketing message is not sent again', async () => {
    const jonas = await customerWithCar({ salutation: 'mr', firstName: 'Jonas', lastName: 'Becker' });
    const twoCheckIns = marketing('two-check-ins', [send('checkin-3-days'), wait({ days: 3 }), send('checkin-satisfaction-30-days')]);
    const enrollmentId = crypto.randomUUID();
    crashes.crashOnce('afterSmtpAccepted', keyOf(enrollmentId, '0'));
    await world.enroll(twoCheckIns, jonas.customer.id, { vehicleId: jonas.vehicle.id, enrollmentId });

    const final = await world.resultOf(enrollmentId);

    expect(crashes.pending('afterSmtpAccepted', keyOf(enrollmentId, '0'))).toBe(false);
    expect(final.status).toBe('completed');
    expect(final.taken.filter((t) => t.kind === 'send').map((t) => t.outcome)).toEqual(['unknown', 'sent']);
    const mails = world.mailsTo(jonas.customer.email);
    expect(mails).toHaveLength(2); // the first check-in once (it did arrive), then the next step's email
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(2);
    const outbox = await outboxOf(jonas.customer.id);
    expect(outbox.map((m) => m.status)).toEqual(['unknown', 'sent']);
    expect(outbox[0].error).toMatch(/at most once/);
  });

  it('SMTP accepted, crash before the outbox write — a transactional message is sent again with the same Message-ID', async () => {
    const lea = await customerWithCar({ firstName: 'Lea', lastName: 'Vogel', emailConsentBasis: 'none', existingCustomerSince: null });
    const doubleOptIn = defineCampaign({
      id: 'double-opt-in',
      version: 1,
      name: 'Confirm the email address',
      audience: 'Everyone who signed up on the website',
      legalBasis: 'transactional',
      steps: [send('double-opt-in-confirmation')],
    });
    const enrollmentId = crypto.randomUUID();
    crashes.crashOnce('afterSmtpAccepted', keyOf(enrollmentId, '0'));
    await world.enroll(doubleOptIn, lea.customer.id, { vehicleId: lea.vehicle.id, enrollmentId });

    const final = await world.resultOf(enrollmentId);

    expect(final.taken.map((t) => t.outcome)).toEqual(['sent']);
    const mails = world.mailsTo(lea.customer.email);
    expect(mails).toHaveLength(2); // at least once: the mail client de-duplicates by Message-ID
    expect(mails[0].messageId).toMatch(/^<[0-9a-f]{32}@autohaus-berger\.example>$/);
    expect(mails[1].messageId).toBe(mails[0].messageId);
    expect(mails[0].subject).toBe('Bitte bestätigen Sie Ihre E-Mail-Adresse');
    const confirmUrl = new URL(/E-Mail-Adresse bestätigen: (\S+)/.exec(mails[0].text ?? '')![1]);
    expect(confirmUrl.origin + confirmUrl.pathname).toBe('https://autohaus-berger.example/consent/confirm');
    const claims = verifyLinkToken(
      confirmUrl.searchParams.get('t')!,
      'confirm_consent',
      readSettings({}).LINK_SIGNING_SECRET,
      new Date(final.taken[0].at),
    );
    expect(claims.subject).toBe(lea.customer.id);
    expect(mails[0].headers['list-unsubscribe']).toBeUndefined();
    const [row] = await outboxOf(lea.customer.id);
    expect([row.status, row.category, row.attempts, row.messageIdHeader]).toEqual(['sent', 'transactional', 2, mails[0].messageId]);
  });

  it('a temporarily failing SMTP server: all messages arrive after recovery, none twice', async () => {
    const customers = await Promise.all(['Huber', 'Wagner', 'Fischer', 'Weber', 'Meyer'].map((lastName) => customerWithCar({ lastName })));
    world.smtp.clear();
    world.smtp.rejectNext(3, 451);

    const enrollments = [];
    for (const who of customers) enrollments.push(await enroll(oneCheckIn, who));
    const finals = await resultsOf(enrollments);

    expect(finals.map((f) => f.taken.map((t) => t.outcome))).toEqual(customers.map(() => ['sent']));
    expect(customers.map((c) => world.mailsTo(c.customer.email).length)).toEqual([1, 1, 1, 1, 1]);
    expect(world.smtp.stats()).toEqual({ accepted: 5, rejected: 3 });
    const rows = await world.db.prisma.message.findMany({ where: { customerId: { in: customers.map((c) => c.customer.id) } } });
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    expect(rows.reduce((sum, r) => sum + r.attempts, 0)).toBe(5 + 3);
    expect(rows.filter((r) => r.attempts > 1).length).toBeGreaterThan(0);
  });

  it('a permanent recipient error marks the message failed and suppresses the address', async () => {
    const max = await customerWithCar({ salutation: 'mr', firstName: 'Max', lastName: 'Mustermann', email: 'Max.Mustermann@Example.de' });
    world.smtp.rejectRecipients(['max.mustermann@example.de'], 550);

    const first = await world.resultOf(await enroll(oneCheckIn, max));

    expect(first.taken.map((t) => t.outcome)).toEqual(['failed']);
    const [row] = await outboxOf(max.customer.id);
    expect(row.status).toBe('failed');
    expect(row.error).toMatch(/550|mailbox unavailable/i);
    const suppressions = await world.db.prisma.suppression.findMany({ where: { email: 'max.mustermann@example.de' } });
    expect(suppressions.map((s) => s.reason)).toEqual(['bounce']);

    world.smtp.resetFailures();
    const winBack = marketing('win-back', [send('reactivation-1')]);
    const second = await world.resultOf(await enroll(winBack, max));

    expect([second.status, second.exitReason]).toEqual(['exited', 'suppressed']);
    const outbox = await outboxOf(max.customer.id);
    expect(outbox.map((m) => [m.status, m.skipReason])).toEqual([
      ['failed', null],
      ['skipped', 'suppressed'],
    ]);
    expect(world.mailsTo('max.mustermann@example.de')).toHaveLength(0);
  });

  describe('frequency cap: at most two marketing emails in 7 days', () => {
    /** Three campaigns that each send one email on the same Tuesday, five minutes apart. */
    const sameTuesday = (third: { onFrequencyCap: 'defer' | 'skip' }) => [
      marketing('check-in', [waitUntil('startDate', { at: '10:00' }), send('checkin-3-days')], ['startDate']),
      marketing('win-back', [waitUntil('startDate', { at: '10:05' }), send('reactivation-1')], ['startDate']),
      marketing(
        'satisfaction-survey',
        [waitUntil('startDate', { at: '10:10' }), send('checkin-satisfaction-30-days', third)],
        ['startDate'],
      ),
    ];

    it('a third marketing email within 7 days is deferred until the first leaves the window', async () => {
      const petra = await customerWithCar({ firstName: 'Petra', lastName: 'Klein' });
      const tuesday = await world.nextTuesday();
      const ids = [];
      for (const campaign of sameTuesday({ onFrequencyCap: 'defer' })) ids.push(await enroll(campaign, petra, { startDate: tuesday }));
      const finals = await resultsOf(ids);

      expect(finals.map((f) => f.status)).toEqual(['completed', 'completed', 'completed']);
      expect(finals[2].taken.filter((t) => t.kind === 'send').map((t) => t.outcome)).toEqual(['deferred: frequency_cap', 'sent']);
      const mails = world.mailsTo(petra.customer.email);
      expect(mails.map((m) => [daysBetween(tuesday, m.date!.slice(0, 10)), berlin(m.date!)])).toEqual([
        [0, 'Tue 10:00'],
        [0, 'Tue 10:05'],
        [7, 'Tue 10:01'],
      ]);
    });

    it('… or skipped with the reason recorded, when the send step says so', async () => {
      const paul = await customerWithCar({ salutation: 'mr', firstName: 'Paul', lastName: 'Neumann' });
      const tuesday = await world.nextTuesday();
      const ids = [];
      for (const campaign of sameTuesday({ onFrequencyCap: 'skip' })) ids.push(await enroll(campaign, paul, { startDate: tuesday }));
      const finals = await resultsOf(ids);

      expect(finals.map((f) => f.status)).toEqual(['completed', 'completed', 'completed']);
      expect(finals[2].taken.filter((t) => t.kind === 'send').map((t) => t.outcome)).toEqual(['skipped: frequency_cap']);
      expect(world.mailsTo(paul.customer.email).map((m) => berlin(m.date!))).toEqual(['Tue 10:00', 'Tue 10:05']);
      const outbox = await outboxOf(paul.customer.id);
      expect(outbox.map((m) => [m.campaignId, m.status, m.skipReason])).toEqual([
        ['check-in', 'sent', null],
        ['win-back', 'sent', null],
        ['satisfaction-survey', 'skipped', 'frequency_cap'],
      ]);
    });
  });
});
