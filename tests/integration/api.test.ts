import crypto from 'node:crypto';
import { eventually } from '../support/eventually';
import { revokeApiKey, createApiKey } from '../../api/apiKeys';
import { addCustomer } from '../support/dealership';
import { openApiWorld, type ApiWorld } from '../support/apiWorld';

let world: ApiWorld;
beforeAll(async () => {
  world = await openApiWorld();
});
afterAll(async () => {
  await world?.close();
});

describe('API keys: only the dealership’s systems get in', () => {
  it('refuses a request without a key (401), a revoked or unknown key (403), and lets a valid key through', async () => {
    const { call, db, dealership } = world;
    expect((await call({ method: 'GET', url: '/campaigns' })).statusCode).toBe(401);

    const key = await createApiKey(db.prisma, { name: 'Website', dealerId: dealership.dealer.id });
    expect(key.key).toMatch(/^sk_[A-Za-z0-9_-]{43}$/);
    const stored = await db.prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(stored.keyHash).not.toContain(key.key);
    expect(stored.keyPrefix).toBe(key.key.slice(0, 10));

    const ok = await call({ method: 'GET', url: '/campaigns', headers: { authorization: `Bearer ${key.key}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().campaigns.map((c: { id: string }) => c.id)).toContain('post-purchase-check-ins');
    expect((await call({ method: 'GET', url: '/campaigns', headers: { 'x-api-key': key.key } })).statusCode).toBe(200);

    await revokeApiKey(db.prisma, key.id);
    const revoked = await call({ method: 'GET', url: '/campaigns', headers: { authorization: `Bearer ${key.key}` } });
    expect(revoked.statusCode).toBe(403);
    expect(revoked.json().message).toMatch(/revoked/);
    expect((await call({ method: 'GET', url: '/campaigns', headers: { authorization: 'Bearer sk_made-up' } })).statusCode).toBe(403);
  });
});

describe('the DMS keeps customers and vehicles in sync', () => {
  it('creates a customer by customer number, updates it on the second PUT, and links her car', async () => {
    const { call, auth, db } = world;
    const body = {
      salutation: 'ms',
      firstName: 'Petra',
      lastName: 'Vogel',
      email: 'Petra.Vogel@example.de',
      locationName: 'München-Laim',
      existingCustomerSince: '2023-05-12T10:00:00+02:00',
      consent: { basis: 'existing_customer' },
    };
    const created = await call({
      method: 'PUT',
      url: '/customers/K-10042',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json();
    const updated = await call({ method: 'PUT', url: '/customers/K-10042', headers: auth, payload: { ...body, phone: '+49 89 5551234' } });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toEqual({ id, externalId: 'K-10042', created: false });
    const customer = await db.prisma.customer.findUniqueOrThrow({ where: { id } });
    expect(customer).toMatchObject({
      email: 'petra.vogel@example.de',
      phone: '+49 89 5551234',
      emailConsentBasis: 'existing_customer',
      externalDmsId: 'K-10042',
    });

    const vehicle = await call({
      method: 'PUT',
      url: '/vehicles/WVWZZZE1ZPP012345',
      headers: auth,
      payload: {
        ownerExternalId: 'K-10042',
        make: 'Volkswagen',
        model: 'ID.3',
        firstRegistrationAt: '2023-05-12',
        financingKind: 'lease',
        financingEndAt: '2027-05-11',
      },
    });
    expect(vehicle.statusCode).toBe(201);
    expect(vehicle.json()).toMatchObject({ vin: 'WVWZZZE1ZPP012345', ownerId: id, created: true });
    const again = await call({
      method: 'PUT',
      url: '/vehicles/WVWZZZE1ZPP012345',
      headers: auth,
      payload: { ownerExternalId: 'K-10042', make: 'Volkswagen', model: 'ID.3 Pro' },
    });
    expect(again.statusCode).toBe(200);
    expect(await db.prisma.vehicle.count({ where: { vin: 'WVWZZZE1ZPP012345' } })).toBe(1);
  });

  it('records double opt-in evidence that comes with the customer', async () => {
    const { call, auth, db } = world;
    const response = await call({
      method: 'PUT',
      url: '/customers/K-10043',
      headers: auth,
      payload: {
        lastName: 'Brandl',
        email: 'brandl@example.de',
        consent: {
          basis: 'double_opt_in',
          givenAt: '2026-10-01T09:12:00+02:00',
          confirmedAt: '2026-10-01T09:20:00+02:00',
          source: 'https://autohaus-berger.example/newsletter',
          wording: 'Ja, ich möchte Angebote und Neuigkeiten per E-Mail erhalten.',
        },
      },
    });
    expect(response.statusCode).toBe(201);
    const customer = await db.prisma.customer.findUniqueOrThrow({ where: { id: response.json().id } });
    expect(customer.emailConsentBasis).toBe('double_opt_in');
    expect(customer.consentConfirmedAt?.toISOString()).toBe('2026-10-01T07:20:00.000Z');
    expect(customer.consentWording).toMatch(/Angebote/);
  });
});

describe('one-click unsubscribe from a marketing email (RFC 8058)', () => {
  it('shows a confirmation page with a button on GET, and unsubscribes on the one-click POST', async () => {
    const { call, db, dealership } = world;
    const anna = await addCustomer(db.prisma, dealership);
    const token = world.linkToken('unsubscribe', anna.id);

    const page = await call({ method: 'GET', url: `/unsubscribe?t=${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('Jetzt abmelden');
    expect(await db.prisma.suppression.count({ where: { email: anna.email! } })).toBe(0);

    const oneClick = await call({
      method: 'POST',
      url: `/unsubscribe?t=${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.statusCode).toBe(200);
    expect(oneClick.body).toContain('Sie wurden abgemeldet');
    expect(await db.prisma.suppression.findMany({ where: { email: anna.email! } })).toEqual([
      expect.objectContaining({ reason: 'unsubscribe' }),
    ]);
    expect((await db.prisma.customer.findUniqueOrThrow({ where: { id: anna.id } })).objectedAt).not.toBeNull();

    const twice = await call({
      method: 'POST',
      url: `/unsubscribe?t=${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(twice.statusCode).toBe(200);
    expect(await db.prisma.touchpoint.count({ where: { customerId: anna.id, kind: 'consent.unsubscribed' } })).toBe(1);
  });

  it('refuses a forged or expired link with a German page and changes nothing', async () => {
    const { call, db, dealership } = world;
    const ben = await addCustomer(db.prisma, dealership, { firstName: 'Ben', lastName: 'Huber' });
    const genuine = world.linkToken('unsubscribe', ben.id);
    const forged = `${genuine.split('.')[0]}.${'A'.repeat(43)}`;
    const post = (t: string) =>
      call({
        method: 'POST',
        url: `/unsubscribe?t=${t}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });

    const refused = await post(forged);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Link ungültig');
    expect(refused.body).toContain('Es wurde nichts geändert');
    const expired = await post(world.linkToken('unsubscribe', ben.id, '2020-01-01T00:00:00Z'));
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('abgelaufen');
    expect((await post(world.linkToken('confirm_consent', ben.id))).statusCode).toBe(403);

    expect(await db.prisma.suppression.count({ where: { email: ben.email! } })).toBe(0);
    expect((await db.prisma.customer.findUniqueOrThrow({ where: { id: ben.id } })).objectedAt).toBeNull();
  });

  it('speaks English to an English-speaking customer, on every page behind her links', async () => {
    const { call, db, dealership } = world;
    const emma = await addCustomer(db.prisma, dealership, {
      firstName: 'Emma',
      lastName: 'Clarke',
      language: 'en',
      emailConsentBasis: 'none',
      existingCustomerSince: null,
    });
    const german = /Sie |Abmeld|abmelden|Link ungültig|Vielen Dank|Es wurde nichts/;

    const page = await call({ method: 'GET', url: `/unsubscribe?t=${world.linkToken('unsubscribe', emma.id)}` });
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('Unsubscribe now');
    expect(page.body).not.toMatch(german);

    const done = await call({
      method: 'POST',
      url: `/unsubscribe?t=${world.linkToken('unsubscribe', emma.id)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(done.body).toContain('You have been unsubscribed');
    expect(done.body).not.toMatch(german);

    const optIn = await call({ method: 'GET', url: `/consent/confirm?t=${world.linkToken('confirm_consent', emma.id)}` });
    expect(optIn.body).toContain('<html lang="en">');
    expect(optIn.body).not.toMatch(german);

    // A broken link does not say who it is for: the browser's language decides.
    const broken = await call({ method: 'GET', url: '/unsubscribe?t=abc', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(broken.statusCode).toBe(400);
    expect(broken.body).toContain('Invalid link');
    expect(broken.body).not.toMatch(german);
  });
});

describe('double opt-in: a customer asks for the newsletter', () => {
  it('sends the confirmation email, and the link in it confirms consent with a thank-you page', async () => {
    const { call, auth, db, dealership, smtp } = world;
    const clara = await addCustomer(db.prisma, dealership, {
      firstName: 'Clara',
      lastName: 'Fuchs',
      emailConsentBasis: 'none',
      existingCustomerSince: null,
    });
    const requested = await call({
      method: 'POST',
      url: `/customers/${clara.id}/consent`,
      headers: auth,
      payload: {
        source: 'https://autohaus-berger.example/newsletter',
        wording: 'Ja, ich möchte Angebote und Neuigkeiten per E-Mail erhalten.',
      },
    });
    expect(requested.statusCode).toBe(202);
    expect(requested.json().status).toBe('confirmation_sent');
    expect((await db.prisma.customer.findUniqueOrThrow({ where: { id: clara.id } })).emailConsentBasis).toBe('none');

    const [mail] = await smtp.waitForMessages((m) => m.envelope.to.includes(clara.email!), 120_000);
    expect(mail.subject).toBe('Bitte bestätigen Sie Ihre E-Mail-Adresse');
    const link = new URL(/https:\/\/autohaus-berger\.example\/consent\/confirm\?t=[\w.-]+/.exec(mail.text ?? '')![0]);

    const thanks = await call({ method: 'GET', url: `${link.pathname}${link.search}` });
    expect(thanks.statusCode).toBe(200);
    expect(thanks.body).toContain('Vielen Dank für Ihre Bestätigung');
    const confirmed = await db.prisma.customer.findUniqueOrThrow({ where: { id: clara.id } });
    expect(confirmed.emailConsentBasis).toBe('double_opt_in');
    expect(confirmed.consentConfirmedAt).not.toBeNull();
    expect(confirmed.consentSource).toBe('https://autohaus-berger.example/newsletter');
  });
});

describe('lifecycle events from the DMS', () => {
  it('records an event once however often it is delivered, and refuses its id for a different event (409)', async () => {
    const { call, auth, db, dealership } = world;
    const dora = await addCustomer(db.prisma, dealership, { firstName: 'Dora', lastName: 'Winter' });
    const event = {
      type: 'interaction_recorded',
      eventId: 'dms-4711',
      occurredAt: '2026-11-20T10:15:00+01:00',
      channel: 'phone',
      direction: 'inbound',
      summary: 'Fragt nach Winterreifen',
    };
    const post = (body: object) => call({ method: 'POST', url: `/customers/${dora.id}/events`, headers: auth, payload: body });

    const first = await post(event);
    expect(first.statusCode).toBe(202);
    expect(first.json()).toEqual({ eventId: 'dms-4711', duplicate: false });
    const second = await post(event);
    expect(second.statusCode).toBe(202);
    expect(second.json().duplicate).toBe(true);

    const touchpoints = () => db.prisma.touchpoint.findMany({ where: { customerId: dora.id, externalEventId: 'event:dms-4711' } });
    expect(
      await eventually('the event recorded as a touchpoint', async () => (await touchpoints()).length > 0 && touchpoints()),
    ).toHaveLength(1);

    const conflicting = await post({ ...event, summary: 'Etwas ganz anderes' });
    expect(conflicting.statusCode).toBe(409);
    expect(conflicting.json().message).toMatch(/eventId.*dms-4711/); // refused before anything is forwarded
    expect(await touchpoints()).toHaveLength(1);

    const journey = await call({ method: 'GET', url: `/customers/${dora.id}/journey`, headers: auth });
    expect(journey.statusCode).toBe(200);
    const body = journey.json();
    expect(body.profile).toMatchObject({
      id: dora.id,
      firstName: 'Dora',
      lastName: 'Winter',
      location: 'München-Laim',
      assignedSalesperson: 'Sabine Kraus',
    });
    expect(body.consent).toMatchObject({
      basis: 'existing_customer',
      objectedAt: null,
      marketing: { existingCustomerCampaigns: true, consentCampaigns: false, reason: 'no_legal_basis' },
    });
    expect(body.touchpoints.map((t: { summary: string }) => t.summary)).toContain('Fragt nach Winterreifen');
    expect(body.lifecycle).toMatchObject({ customerId: dora.id, status: 'active' });
    expect(Array.isArray(body.lifecycle.upcoming)).toBe(true);
  });

  it('erases a customer on request (Art. 17 DSGVO) through the lifecycle', async () => {
    const { call, auth, db, dealership } = world;
    const emil = await addCustomer(db.prisma, dealership, { firstName: 'Emil', lastName: 'Sommer' });
    const response = await call({ method: 'POST', url: `/customers/${emil.id}/erasure`, headers: auth, payload: {} });
    expect(response.statusCode).toBe(202);
    expect((await call({ method: 'POST', url: `/customers/${emil.id}/erasure`, headers: auth, payload: {} })).json().duplicate).toBe(true);
    const erased = await eventually('the customer erased', async () => {
      const c = await db.prisma.customer.findUniqueOrThrow({ where: { id: emil.id } });
      return c.erasedAt !== null && c;
    });
    expect(erased.erasedAt).not.toBeNull();
    expect(erased.email).toBeNull();
  });
});

describe('the outcome of a callback, logged by the dealership’s phone system', () => {
  it('is taken while the lead is open (202), refused once the follow-up has closed (409, kept as a note), 404 for an unknown lead', async () => {
    const { call, auth, db } = world;
    const submitted = await call({
      method: 'POST',
      url: '/leads',
      headers: auth,
      payload: { kind: 'test_drive', source: 'website', customer: { lastName: 'Rückruf', email: 'rueckruf@example.de' } },
    });
    expect(submitted.statusCode).toBe(201);
    const { leadId } = submitted.json() as { leadId: string };
    const outcome = (body: object, id = leadId) =>
      call({ method: 'POST', url: `/leads/${id}/callback-outcomes`, headers: auth, payload: body });

    const reached = await outcome({ outcome: 'reached', note: 'Probefahrt Samstag' });
    expect(reached.statusCode).toBe(202);
    expect(reached.json()).toEqual({ leadId, outcome: 'reached', accepted: true, result: 'completed' });

    const late = await outcome({ outcome: 'not_interested' });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ leadId, outcome: 'not_interested', accepted: false, result: 'recorded_late' });
    expect(late.json().message).toMatch(/not accepted .*kept as a note/);
    const notes = await db.prisma.touchpoint.findMany({ where: { leadId, kind: 'callback.outcome' }, orderBy: { createdAt: 'asc' } });
    expect(notes.map((n) => n.summary)).toEqual(['Rückruf: Kunde erreicht – Probefahrt Samstag', 'Rückruf: Kein Interesse']);

    const unknown = await outcome({ outcome: 'reached' }, crypto.randomUUID());
    expect(unknown.statusCode).toBe(404);
  });
});

describe('the KPI report', () => {
  it('shows lead response per location, messages per campaign and holdout against treated', async () => {
    const { call, auth, db, dealership } = world;
    const { dealer, location } = dealership;
    const customer = await addCustomer(db.prisma, dealership, { firstName: 'Frieda', lastName: 'Kunz' });
    const lead = (receivedAt: string, firstContactAt?: string) =>
      db.prisma.lead.create({
        data: {
          dealerId: dealer.id,
          locationId: location.id,
          customerId: customer.id,
          source: 'website',
          kind: 'test_drive',
          receivedAt: new Date(receivedAt),
          firstContactAt: firstContactAt ? new Date(firstContactAt) : null,
        },
      });
    await lead('2025-01-13T10:00:00Z', '2025-01-13T10:30:00Z');
    await lead('2025-01-13T10:00:00Z', '2025-01-13T12:00:00Z');
    await lead('2025-01-14T16:00:00Z');

    const message = (status: 'sent' | 'skipped', skipReason?: string) =>
      db.prisma.message.create({
        data: {
          idempotencyKey: `kpi-${Math.random()}`,
          dealerId: dealer.id,
          templateId: 'service-reminder',
          recipientEmail: customer.email!,
          customerId: customer.id,
          campaignId: 'service-reminder',
          category: 'marketing',
          status,
          skipReason,
          queuedAt: new Date('2025-01-15T09:00:00Z'),
        },
      });
    await message('sent');
    await message('sent');
    await message('skipped', 'objection');

    const holdoutCustomer = await addCustomer(db.prisma, dealership, { firstName: 'Gerd', lastName: 'Lenz' });
    const enroll = (customerId: string, holdout: boolean) =>
      db.prisma.campaignEnrollment.create({
        data: {
          dealerId: dealer.id,
          customerId,
          campaignId: 'service-reminder',
          campaignVersion: 1,
          definition: {},
          holdout,
          enteredAt: new Date('2025-01-10T09:00:00Z'),
        },
      });
    await enroll(customer.id, false);
    await enroll(holdoutCustomer.id, true);
    await db.prisma.touchpoint.create({
      data: {
        dealerId: dealer.id,
        customerId: customer.id,
        channel: 'visit',
        direction: 'inbound',
        kind: 'service.visit',
        summary: 'Inspektion',
        occurredAt: new Date('2025-01-20T08:00:00Z'),
      },
    });
    await db.prisma.touchpoint.create({
      data: {
        dealerId: dealer.id,
        customerId: holdoutCustomer.id,
        channel: 'visit',
        direction: 'inbound',
        kind: 'service.visit',
        summary: 'Vor der Kampagne',
        occurredAt: new Date('2025-01-01T08:00:00Z'),
      },
    });

    const response = await call({ method: 'GET', url: '/reports/kpi?from=2025-01-01&to=2025-01-31', headers: auth });
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.leadResponse).toEqual([
      {
        locationId: location.id,
        locationName: 'München-Laim',
        leads: 3,
        contacted: 2,
        medianMinutesToFirstContact: 75,
        contactedWithinOneHourShare: 0.333,
        needingAttention: 0,
      },
    ]);
    expect(report.messages).toEqual([{ campaignId: 'service-reminder', sent: 2, skipped: { objection: 1 }, otherStatuses: {} }]);
    expect(report.holdout.conversionKinds).toEqual(['service.visit', 'purchase', 'lead.received']);
    expect(report.holdout.campaigns).toEqual([
      {
        campaignId: 'service-reminder',
        treated: { enrollments: 1, converted: 1, conversionRate: 1 },
        holdout: { enrollments: 1, converted: 0, conversionRate: 0 },
      },
    ]);
  });
});
