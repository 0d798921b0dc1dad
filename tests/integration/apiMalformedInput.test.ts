import crypto from 'node:crypto';
import { addCustomer } from '../support/dealership';
import { openApiWorld, rowCounts, type ApiWorld } from '../support/apiWorld';

/**
 * Whatever a DMS, website or script sends wrong, the API answers 4xx with a message that names the
 * field, and writes nothing. Never a 500 for a client mistake.
 */
let world: ApiWorld;
let customerId: string;
let leadId: string;
beforeAll(async () => {
  world = await openApiWorld();
  const customer = await addCustomer(world.db.prisma, world.dealership, { externalDmsId: 'K-1' });
  customerId = customer.id;
  const lead = await world.db.prisma.lead.create({
    data: { dealerId: world.dealership.dealer.id, customerId, source: 'website', kind: 'offer' },
  });
  leadId = lead.id;
});
afterAll(async () => {
  await world?.close();
});

type Case = {
  name: string;
  method: string;
  url: () => string;
  payload?: string | object;
  contentType?: string;
  status: number;
  mentions: RegExp;
};

const validCustomer = { lastName: 'Vogel', email: 'vogel@example.de' };
const event = {
  type: 'interaction_recorded',
  eventId: 'e-1',
  occurredAt: '2026-11-20T10:15:00+01:00',
  channel: 'phone',
  direction: 'inbound',
  summary: 'Anruf',
};
const lead = { kind: 'test_drive', source: 'website', customer: { lastName: 'Neu', email: 'neu@example.de' } };

const corpus: Case[] = [
  {
    name: 'a number where the name belongs',
    method: 'PUT',
    url: () => '/customers/K-2',
    payload: { lastName: 42 },
    status: 400,
    mentions: /lastName/,
  },
  {
    name: 'a customer without a last name',
    method: 'PUT',
    url: () => '/customers/K-2',
    payload: { firstName: 'Petra' },
    status: 400,
    mentions: /lastName/,
  },
  {
    name: 'an invalid email address',
    method: 'PUT',
    url: () => '/customers/K-2',
    payload: { ...validCustomer, email: 'petra(at)example' },
    status: 400,
    mentions: /email.*valid email/,
  },
  {
    name: 'a misspelt field',
    method: 'PUT',
    url: () => '/customers/K-2',
    payload: { ...validCustomer, emial: 'x@example.de' },
    status: 400,
    mentions: /emial/,
  },
  {
    name: 'an impossible date',
    method: 'PUT',
    url: () => '/customers/K-2',
    payload: { ...validCustomer, existingCustomerSince: '2023-13-45T10:00:00Z' },
    status: 400,
    mentions: /existingCustomerSince/,
  },
  {
    name: 'a date without offset',
    method: 'PUT',
    url: () => '/customers/K-2',
    payload: { ...validCustomer, existingCustomerSince: '2023-05-12 10:00' },
    status: 400,
    mentions: /existingCustomerSince/,
  },
  {
    name: 'a huge string',
    method: 'PUT',
    url: () => '/customers/K-2',
    payload: { lastName: 'x'.repeat(100_000) },
    status: 400,
    mentions: /lastName: at most 100 characters/,
  },
  {
    name: 'double opt-in without the wording',
    method: 'PUT',
    url: () => '/customers/K-2',
    payload: {
      ...validCustomer,
      consent: { basis: 'double_opt_in', givenAt: '2026-10-01T09:00:00Z', confirmedAt: '2026-10-01T09:05:00Z', source: 'web' },
    },
    status: 400,
    mentions: /consent\.wording/,
  },
  {
    name: 'an unknown consent basis',
    method: 'PUT',
    url: () => '/customers/K-2',
    payload: { ...validCustomer, consent: { basis: 'opt_out' } },
    status: 400,
    mentions: /consent\.basis/,
  },
  {
    name: 'an unknown location',
    method: 'PUT',
    url: () => '/customers/K-2',
    payload: { ...validCustomer, locationName: 'Berlin-Mitte' },
    status: 400,
    mentions: /locationName/,
  },
  {
    name: 'a customer number with spaces',
    method: 'PUT',
    url: () => '/customers/K%202',
    payload: validCustomer,
    status: 400,
    mentions: /externalId/,
  },
  {
    name: 'an invalid VIN',
    method: 'PUT',
    url: () => '/vehicles/WVW-123',
    payload: { make: 'VW', model: 'Golf' },
    status: 400,
    mentions: /vin/,
  },
  {
    name: 'a vehicle of an unknown owner',
    method: 'PUT',
    url: () => '/vehicles/WVWZZZ1KZAW000001',
    payload: { make: 'VW', model: 'Golf', ownerExternalId: 'K-404' },
    status: 404,
    mentions: /ownerExternalId.*K-404/,
  },
  {
    name: 'a German date format',
    method: 'PUT',
    url: () => '/vehicles/WVWZZZ1KZAW000001',
    payload: { make: 'VW', model: 'Golf', firstRegistrationAt: '12.05.2023' },
    status: 400,
    mentions: /firstRegistrationAt/,
  },
  {
    name: 'a negative mileage',
    method: 'PUT',
    url: () => '/vehicles/WVWZZZ1KZAW000001',
    payload: { make: 'VW', model: 'Golf', lastServiceMileage: -5 },
    status: 400,
    mentions: /lastServiceMileage/,
  },
  {
    name: 'an unknown event type',
    method: 'POST',
    url: () => `/customers/${customerId}/events`,
    payload: { ...event, type: 'car_washed' },
    status: 400,
    mentions: /type/,
  },
  {
    name: 'an event without eventId',
    method: 'POST',
    url: () => `/customers/${customerId}/events`,
    payload: { ...event, eventId: undefined },
    status: 400,
    mentions: /eventId/,
  },
  {
    name: 'an event with an invalid occurredAt',
    method: 'POST',
    url: () => `/customers/${customerId}/events`,
    payload: { ...event, occurredAt: 'yesterday' },
    status: 400,
    mentions: /occurredAt/,
  },
  {
    name: 'an event for an unknown customer',
    method: 'POST',
    url: () => `/customers/${crypto.randomUUID()}/events`,
    payload: event,
    status: 404,
    mentions: /customer .* not found/,
  },
  {
    name: 'a customer id that is no id',
    method: 'POST',
    url: () => '/customers/12345/events',
    payload: event,
    status: 400,
    mentions: /id: must be a UUID/,
  },
  {
    name: 'invalid JSON',
    method: 'PUT',
    url: () => '/customers/K-2',
    payload: '{"lastName": "Vogel",',
    contentType: 'application/json',
    status: 400,
    mentions: /JSON/,
  },
  {
    name: 'an empty JSON body',
    method: 'PUT',
    url: () => '/customers/K-2',
    payload: '',
    contentType: 'application/json',
    status: 400,
    mentions: /body/,
  },
  {
    name: 'a body over 1 MB',
    method: 'PUT',
    url: () => '/customers/K-2',
    payload: JSON.stringify({ lastName: 'x'.repeat(2 * 1024 * 1024) }),
    contentType: 'application/json',
    status: 413,
    mentions: /body: larger than the limit of 1024 KiB/,
  },
  {
    name: 'plain text instead of JSON',
    method: 'PUT',
    url: () => '/customers/K-2',
    payload: 'lastName=Vogel',
    contentType: 'text/plain',
    status: 415,
    mentions: /Content-Type/,
  },
  {
    name: 'a form instead of JSON',
    method: 'PUT',
    url: () => '/customers/K-2',
    payload: 'lastName=Vogel',
    contentType: 'application/x-www-form-urlencoded',
    status: 415,
    mentions: /Content-Type/,
  },
  {
    name: 'a lead without any way to call back',
    method: 'POST',
    url: () => '/leads',
    payload: { ...lead, customer: { lastName: 'Neu' } },
    status: 400,
    mentions: /customer/,
  },
  {
    name: 'a lead of an unknown kind',
    method: 'POST',
    url: () => '/leads',
    payload: { ...lead, kind: 'car_wash' },
    status: 400,
    mentions: /kind/,
  },
  {
    name: 'a lead naming another dealer',
    method: 'POST',
    url: () => '/leads',
    payload: { ...lead, dealerId: crypto.randomUUID() },
    status: 400,
    mentions: /dealerId/,
  },
  {
    name: 'a callback outcome that does not exist',
    method: 'POST',
    url: () => `/leads/${leadId}/callback-outcomes`,
    payload: { outcome: 'maybe' },
    status: 400,
    mentions: /outcome/,
  },
  {
    name: 'a callback outcome for an unknown lead',
    method: 'POST',
    url: () => `/leads/${crypto.randomUUID()}/callback-outcomes`,
    payload: { outcome: 'reached' },
    status: 404,
    mentions: /lead .* not found/,
  },
  {
    name: 'a consent request with an invalid email',
    method: 'POST',
    url: () => `/customers/${customerId}/consent`,
    payload: { email: 'nope', source: 'web', wording: 'Ja' },
    status: 400,
    mentions: /email/,
  },
  {
    name: 'a consent request without wording',
    method: 'POST',
    url: () => `/customers/${customerId}/consent`,
    payload: { source: 'web' },
    status: 400,
    mentions: /wording/,
  },
  {
    name: 'an objection with an unknown channel',
    method: 'POST',
    url: () => `/customers/${customerId}/objection`,
    payload: { channel: 'pigeon' },
    status: 400,
    mentions: /channel/,
  },
  {
    name: 'an objection for an unknown customer',
    method: 'POST',
    url: () => `/customers/${crypto.randomUUID()}/objection`,
    payload: {},
    status: 404,
    mentions: /customer .* not found/,
  },
  {
    name: 'an erasure for an unknown customer',
    method: 'POST',
    url: () => `/customers/${crypto.randomUUID()}/erasure`,
    payload: {},
    status: 404,
    mentions: /customer .* not found/,
  },
  {
    name: 'a journey of an unknown customer',
    method: 'GET',
    url: () => `/customers/${crypto.randomUUID()}/journey`,
    status: 404,
    mentions: /customer .* not found/,
  },
  { name: 'a report from month 13', method: 'GET', url: () => '/reports/kpi?from=2025-13-01', status: 400, mentions: /from/ },
  {
    name: 'a report that ends before it starts',
    method: 'GET',
    url: () => '/reports/kpi?from=2025-02-01&to=2025-01-01',
    status: 400,
    mentions: /to: must not be before from/,
  },
  { name: 'a newsletter run id that is no id', method: 'GET', url: () => '/newsletter-runs/abc', status: 400, mentions: /id/ },
  {
    name: 'an unknown newsletter run',
    method: 'GET',
    url: () => `/newsletter-runs/${crypto.randomUUID()}`,
    status: 404,
    mentions: /newsletter run/,
  },
];

describe('malformed input is refused with a useful message and changes nothing', () => {
  it.each(corpus)('$name → $status', async ({ method, url, payload, contentType, status, mentions }) => {
    const before = await rowCounts(world.db);
    const headers: Record<string, string> = { ...world.auth, ...(contentType ? { 'content-type': contentType } : {}) };
    const response = await world.call({ method, url: url(), headers, payload });
    expect(response.statusCode).toBe(status);
    const body = response.json();
    expect(body.message).toMatch(mentions);
    if (status === 400 && body.issues)
      expect(body.issues[0]).toEqual(expect.objectContaining({ path: expect.any(String), message: expect.any(String) }));
    expect(await rowCounts(world.db)).toEqual(before);
  });
});

describe('the API describes itself', () => {
  it('serves an OpenAPI document listing every route with its schemas, and the docs page, without a key', async () => {
    const response = await world.call({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        'PUT /customers/{externalId}',
        'PUT /vehicles/{vin}',
        'POST /customers/{id}/events',
        'POST /customers/{id}/consent',
        'POST /customers/{id}/objection',
        'POST /customers/{id}/erasure',
        'GET /customers/{id}/journey',
        'POST /leads',
        'POST /leads/{id}/callback-outcomes',
        'GET /leads/{id}',
        'GET /campaigns',
        'GET /newsletter-runs',
        'GET /newsletter-runs/{id}',
        'GET /reports/kpi',
        'GET /unsubscribe',
        'POST /unsubscribe',
        'GET /consent/confirm',
        'GET /leads/callback',
        'POST /leads/take-over',
      ]),
    );
    const customerBody = doc.paths['/customers/{externalId}'].put.requestBody.content['application/json'].schema;
    expect(customerBody.required).toContain('lastName');
    expect(customerBody.properties.consent.description).toMatch(/Consent evidence/);
    expect(
      doc.paths['/customers/{id}/events'].post.requestBody.content['application/json'].schema.oneOf ??
        doc.paths['/customers/{id}/events'].post.requestBody.content['application/json'].schema.anyOf,
    ).toBeDefined();
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });

    const docs = await world.call({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toMatch(/swagger/i);
  });
});
