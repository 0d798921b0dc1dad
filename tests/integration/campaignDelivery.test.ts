import { DateTime } from 'luxon';
import { defineCampaign, send, wait, waitUntil } from '../../campaigns/dsl';
import { addCustomer, addVehicle } from '../support/dealership';
import { openCampaignWorld, type CampaignWorld } from '../support/campaignScenario';

const berlin = (iso: string) => DateTime.fromJSDate(new Date(iso)).setZone('Europe/Berlin').toFormat('ccc HH:mm');
const daysBetween = (a: string, b: string) => Math.round(DateTime.fromISO(b).diff(DateTime.fromISO(a), 'days').days);

const checkIns = (version = 1) =>
  defineCampaign({
    id: 'check-in-series',
    version,
    name: 'Three check-ins',
    audience: 'Buyers, from a given start date',
    legalBasis: 'existing_customer',
    context: ['startDate'],
    steps: [
      waitUntil('startDate', { at: '10:00' }),
      send('checkin-3-days'),
      wait({ days: 5 }), // Tuesday + 5 days is a Sunday: held until Monday 09:00
      send('checkin-satisfaction-30-days'),
      wait({ weeks: 2 }),
      send('first-service-invitation'),
    ],
  });

describe('a campaign delivers its emails on the expected dates', () => {
  let world: CampaignWorld;
  beforeAll(async () => {
    world = await openCampaignWorld();
  });
  afterAll(async () => world?.close());

  it('three emails in English, each inside the sending window, each once', async () => {
    const customer = await addCustomer(world.db.prisma, world.dealership, { language: 'en', firstName: 'Emma', lastName: 'Taylor' });
    const vehicle = await addVehicle(world.db.prisma, world.dealership, customer.id);
    const tuesday = await world.nextTuesday();
    const admission = await world.enroll(checkIns(), customer.id, {
      vehicleId: vehicle.id,
      context: { startDate: tuesday, dueDate: '2031-03-01' },
    });
    if (!admission.admitted) throw new Error('not admitted');
    const final = await world.resultOf(admission.enrollmentId);

    expect(final.status).toBe('completed');
    const mails = world.mailsTo(customer.email);
    expect(mails.map((m) => [daysBetween(tuesday, m.date!.slice(0, 10)), berlin(m.date!)])).toEqual([
      [0, 'Tue 10:00'],
      [6, 'Mon 09:00'],
      [20, 'Mon 09:00'],
    ]);
    expect(mails.map((m) => m.subject)).toEqual([
      expect.stringMatching(/new car, Ms Taylor/),
      expect.any(String),
      expect.stringMatching(/first service/i),
    ]);
    expect(mails.every((m) => /Taylor/.test(m.text ?? '') && !/Guten Tag/.test(m.text ?? ''))).toBe(true);
    expect(mails[0].headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mails[0].headers['list-unsubscribe']).toMatch(
      /^<https:\/\/autohaus-berger\.example\/unsubscribe\?t=.+>, <mailto:unsubscribe@autohaus-berger\.example/,
    );
    const outbox = await world.db.prisma.message.findMany({ where: { customerId: customer.id }, orderBy: { queuedAt: 'asc' } });
    expect(outbox.map((m) => m.status)).toEqual(['sent', 'sent', 'sent']);
    expect(outbox.map((m) => m.messageIdHeader)).toEqual(mails.map((m) => m.messageId));
    expect(final.taken.filter((t) => t.outcome.startsWith('deferred')).map((t) => t.path)).toEqual(['3']);
  });

  it('an objection recorded while the enrollment sleeps stops all further marketing email', async () => {
    const customer = await addCustomer(world.db.prisma, world.dealership, { firstName: 'Jonas', lastName: 'Becker', salutation: 'mr' });
    const vehicle = await addVehicle(world.db.prisma, world.dealership, customer.id);
    const tuesday = await world.nextTuesday();
    const admission = await world.enroll(checkIns(), customer.id, { vehicleId: vehicle.id, context: { startDate: tuesday } });
    if (!admission.admitted) throw new Error('not admitted');
    await world.skipTo(`${tuesday}T12:00`); // past the first email, days before the second
    await world.smtp.waitForMessages((m) => m.to.some((t) => t.address === customer.email), 120_000);
    expect(world.mailsTo(customer.email)).toHaveLength(1);
    expect(world.mailsTo(customer.email)[0].subject).toMatch(/Herr Becker/);

    await world.db.prisma.customer.update({ where: { id: customer.id }, data: { objectedAt: new Date() } });
    const final = await world.resultOf(admission.enrollmentId);

    expect([final.status, final.exitReason]).toEqual(['exited', 'objection']);
    expect(world.mailsTo(customer.email)).toHaveLength(1);
    const outbox = await world.db.prisma.message.findMany({ where: { customerId: customer.id }, orderBy: { queuedAt: 'asc' } });
    expect(outbox.map((m) => [m.status, m.skipReason])).toEqual([
      ['sent', null],
      ['skipped', 'objection'],
    ]);
  });

  it('a customer without a legal basis for a consent campaign is skipped, with the reason recorded', async () => {
    const customer = await addCustomer(world.db.prisma, world.dealership, { emailConsentBasis: 'none', existingCustomerSince: null });
    const vehicle = await addVehicle(world.db.prisma, world.dealership, customer.id);
    const consentOnly = defineCampaign({
      ...checkIns(),
      id: 'consent-only',
      legalBasis: 'consent',
      context: [],
      steps: [send('checkin-3-days')],
    });
    const admission = await world.enroll(consentOnly, customer.id, { vehicleId: vehicle.id });
    if (!admission.admitted) throw new Error('not admitted');
    const final = await world.resultOf(admission.enrollmentId);

    expect(final.exitReason).toBe('no_legal_basis');
    const outbox = await world.db.prisma.message.findFirstOrThrow({ where: { customerId: customer.id } });
    expect([outbox.status, outbox.skipReason]).toEqual(['skipped', 'no_legal_basis']);
    expect(world.mailsTo(customer.email)).toHaveLength(0);
  });
});
