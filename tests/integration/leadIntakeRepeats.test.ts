import { createApiKey } from '../../api/apiKeys';
import { buildApiApp } from '../../api/buildApp';
import { DEFAULT_OPENING_HOURS } from '../../time/openingHours';
import { apiClient } from '../support/apiClient';
import { runCli } from '../support/cliProcess';
import { openApiWorld, type ApiWorld } from '../support/apiWorld';

/**
 * Autohaus Berger's website form, as customers and browsers really use it: double clicks, retried
 * posts, portals that re-send, and two identical posts at the same instant. One request is one lead:
 * one customer, one follow-up, one "Neuer Lead" mail, and the answer says when it was a repeat.
 */
describe('one request is one lead', () => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld();
  });
  afterAll(async () => world?.close());

  const post = (payload: object, headers: Record<string, string> = {}) =>
    world.call({ method: 'POST', url: '/leads', headers: { ...world.auth, ...headers }, payload });
  // Each story's person has their own phone number: the same number would be the same person.
  const phones = new Map<string, string>();
  const phoneOf = (lastName: string) =>
    phones.get(lastName) ?? (phones.set(lastName, `+49 171 555${String(1000 + phones.size).padStart(4, '0')}`), phones.get(lastName)!);
  const form = (lastName: string, extra: object = {}) => ({
    locationId: world.dealership.location.id,
    kind: 'test_drive',
    source: 'website',
    customer: { firstName: 'Lena', lastName, email: `lena.${lastName.toLowerCase()}@example.de`, phone: phoneOf(lastName) },
    vehicleOfInterest: 'VW ID.4 Pro',
    message: 'Probefahrt am Samstag?',
    receivedAt: '2027-03-02T10:00:00+01:00',
    ...extra,
  });
  const leadsOf = (lastName: string) =>
    world.db.prisma.lead.findMany({ where: { customer: { lastName } }, include: { touchpoints: true } });
  const customersNamed = (lastName: string) => world.db.prisma.customer.count({ where: { lastName } });
  const assignmentMails = (leadId: string) =>
    world.db.prisma.message.count({ where: { templateId: 'lead-assigned', idempotencyKey: { startsWith: `lead/${leadId}/` } } });

  it('a double click (the same person by phone, in other spelling, one minute later) is one lead, answered as a repeat and noted on its timeline', async () => {
    const first = await post(form('Doppelklick'));
    expect(first.statusCode).toBe(201);
    const again = await post(
      form('Doppelklick', {
        customer: {
          firstName: 'Lena',
          lastName: 'Doppelklick',
          phone: phoneOf('Doppelklick')
            .replace('+49 171 ', '0171 / ')
            .replace(/(\d{3})(\d{4})$/, '$1 $2'),
        },
        vehicleOfInterest: 'vw  ID.4  pro',
        receivedAt: '2027-03-02T10:01:00+01:00',
      }),
    );
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({
      leadId: first.json().leadId,
      customerId: first.json().customerId,
      duplicate: true,
      duplicateOf: 'repeat_submission',
    });

    const leads = await leadsOf('Doppelklick');
    expect(leads).toHaveLength(1);
    expect(leads[0]!.touchpoints.map((t) => t.kind).sort()).toEqual(expect.arrayContaining(['lead.received', 'lead.repeat_submission']));
    expect(await customersNamed('Doppelklick')).toBe(1);
    await world.smtp.waitForMessages({ count: 1, where: (m) => m.subject.includes('Lena Doppelklick') }, 60_000);
    expect(await assignmentMails(leads[0]!.id)).toBe(1);
  });

  it('the same request after the 30-minute window, or about another car, is a new lead of the same customer', async () => {
    const first = await post(form('Fenster'));
    const later = await post(form('Fenster', { receivedAt: '2027-03-02T10:31:00+01:00' }));
    const otherCar = await post(form('Fenster', { vehicleOfInterest: 'Skoda Enyaq', receivedAt: '2027-03-02T10:02:00+01:00' }));
    const otherKind = await post(form('Fenster', { kind: 'offer', receivedAt: '2027-03-02T10:03:00+01:00' }));
    expect([first.statusCode, later.statusCode, otherCar.statusCode, otherKind.statusCode]).toEqual([201, 201, 201, 201]);
    expect(new Set([first, later, otherCar, otherKind].map((r) => r.json().customerId)).size).toBe(1);
    expect(await leadsOf('Fenster')).toHaveLength(4);
  });

  it('an Idempotency-Key makes a retried post count once, and refuses the same key for a different request', async () => {
    const key = { 'Idempotency-Key': 'form-7f3a9c' };
    const first = await post(form('Schluessel'), key);
    const retried = await post(form('Schluessel'), key);
    expect(first.statusCode).toBe(201);
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ leadId: first.json().leadId, duplicate: true, duplicateOf: 'idempotency_key' });

    const misused = await post(form('Schluessel', { kind: 'trade_in' }), key);
    expect(misused.statusCode).toBe(422);
    expect(misused.json().message).toContain('Idempotency-Key "form-7f3a9c" was already used for a different lead request');
    expect(await leadsOf('Schluessel')).toHaveLength(1);

    const blank = await post(form('Schluessel'), { 'Idempotency-Key': ' ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().message).toMatch(/idempotency-key/i);
  });

  it('five identical posts at the same instant make one customer and one lead (with or without a source id)', async () => {
    const withId = form('Parallel', { externalId: 'portal-4711' });
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(withId)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.json().leadId)).size).toBe(1);
    expect(await customersNamed('Parallel')).toBe(1);

    const withoutId = form('Gleichzeitig');
    const racing = await Promise.all(Array.from({ length: 5 }, () => post(withoutId)));
    expect(racing.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(await customersNamed('Gleichzeitig')).toBe(1);
    expect(await leadsOf('Gleichzeitig')).toHaveLength(1);
  });

  it("a lead without receivedAt is stamped with the API's own clock", async () => {
    const fixed = new Date('2027-04-06T08:15:00.000Z');
    const app = buildApiApp({
      prisma: world.db.prisma,
      client: world.env.client,
      taskQueue: world.engine.taskQueue,
      settings: world.settings,
      logger: false,
      now: () => fixed,
    });
    const call = apiClient(await app.listen({ port: 0, host: '127.0.0.1' }));
    try {
      const key = await createApiKey(world.db.prisma, { name: 'Uhr', dealerId: world.dealership.dealer.id });
      const { receivedAt: _omitted, ...body } = form('Uhrzeit');
      const answer = await call({ method: 'POST', url: '/leads', headers: { authorization: `Bearer ${key.key}` }, payload: body });
      expect(answer.statusCode).toBe(201);
      const lead = await world.db.prisma.lead.findUniqueOrThrow({ where: { id: answer.json().leadId } });
      expect(lead.receivedAt.toISOString()).toBe(fixed.toISOString());
    } finally {
      await app.close();
    }
  });

  it("a location opened without hours gets the dealer's default hours; a week that never opens is refused naming the location (API and CLI); the escalation mailbox is set the same way", async () => {
    const create = (payload: object) => world.call({ method: 'POST', url: '/locations', headers: world.auth, payload });
    const plain = await create({ name: 'München-Sendling', federalState: 'BY' });
    expect(plain.statusCode).toBe(201);
    expect(plain.json().openingHours).toEqual(DEFAULT_OPENING_HOURS);

    const saturdayShop = { mon: [{ from: '10:00', to: '19:00' }], sat: [{ from: '09:00', to: '16:00' }] };
    expect(
      (
        await world.call({
          method: 'PATCH',
          url: '/dealer',
          headers: world.auth,
          payload: { defaultOpeningHours: saturdayShop, escalationEmail: 'leitung@autohaus-berger.example' },
        })
      ).statusCode,
    ).toBe(200);
    const withDefault = await create({ name: 'München-Pasing', federalState: 'BY', openingHours: {} });
    expect(withDefault.json().openingHours).toMatchObject({
      mon: [{ from: '10:00', to: '19:00' }],
      sat: [{ from: '09:00', to: '16:00' }],
      tue: [],
    });

    const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    const refused = await create({ name: 'Nie-Offen', federalState: 'BY', openingHours: closed });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toBe(
      'location "Nie-Offen": openingHours are closed on every day of the week; give at least one opening interval (or none, for the dealer\'s default hours)',
    );
    expect(await world.db.prisma.location.count({ where: { name: 'Nie-Offen' } })).toBe(0);

    const change = await world.call({
      method: 'PATCH',
      url: `/locations/${plain.json().id}`,
      headers: world.auth,
      payload: { openingHours: closed },
    });
    expect(change.statusCode).toBe(400);
    expect(change.json().message).toContain('location "München-Sendling": openingHours are closed on every day');
    const mailbox = await world.call({
      method: 'PATCH',
      url: `/locations/${plain.json().id}`,
      headers: world.auth,
      payload: { escalationEmail: 'sendling@autohaus-berger.example' },
    });
    expect(mailbox.json()).toMatchObject({ escalationEmail: 'sendling@autohaus-berger.example', openingHours: DEFAULT_OPENING_HOURS });

    const cli = await runCli(
      [
        'locations',
        'create',
        '--dealer',
        world.dealership.dealer.id,
        '--name',
        'CLI-Zu',
        '--state',
        'BY',
        '--hours',
        JSON.stringify(closed),
      ],
      { DATABASE_URL: world.db.url },
    );
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('location "CLI-Zu": openingHours are closed on every day of the week');
    const cliMailbox = await runCli(['locations', 'set', plain.json().id, '--escalation-email', 'sendling-team@autohaus-berger.example'], {
      DATABASE_URL: world.db.url,
    });
    expect(cliMailbox.stdout).toContain('Location "München-Sendling" updated');
    expect((await world.db.prisma.location.findUniqueOrThrow({ where: { id: plain.json().id } })).escalationEmail).toBe(
      'sendling-team@autohaus-berger.example',
    );
  });

  it('a callback outcome through the API answers whether the follow-up took it', async () => {
    const lead = (await post(form('Ergebnis'))).json();
    const log = (outcome: string) =>
      world.call({ method: 'POST', url: `/leads/${lead.leadId}/callback-outcomes`, headers: world.auth, payload: { outcome } });
    const reached = await log('reached');
    expect(reached.statusCode).toBe(202);
    expect(reached.json()).toMatchObject({ accepted: true, result: 'completed' });
    const late = await log('appointment_booked'); // the follow-up has ended: kept as a note, not taken (409)
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ accepted: false, result: 'recorded_late' });
  });
});
