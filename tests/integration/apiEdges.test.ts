import crypto from 'node:crypto';
import { addCustomer } from '../support/dealership';
import { openApiWorld, rowCounts, type ApiWorld } from '../support/apiWorld';

/**
 * What a schema-driven fuzzer found at the API's edges, as the dealer's IT would meet it: a NUL byte
 * from a broken DMS export, a lead form pointing at a branch that was closed down, a name with a line
 * break pasted from an email, a script using the wrong HTTP method, a KPI range typed backwards.
 * Each is answered 4xx naming the field (never a 500), and nothing is written.
 */
let world: ApiWorld;
let customerId: string;
beforeAll(async () => {
  world = await openApiWorld();
  customerId = (await addCustomer(world.db.prisma, world.dealership, { externalDmsId: 'K-EDGE' })).id;
});
afterAll(async () => {
  await world?.close();
});

const send = (method: string, url: string, payload?: object) => world.call({ method, url, headers: world.auth, payload });
const lead = { kind: 'test_drive', source: 'website', customer: { lastName: 'Neu', email: 'neu@example.de' } };

async function refusedNaming(method: string, url: string, payload: object, field: string) {
  const before = await rowCounts(world.db);
  const response = await send(method, url, payload);
  expect({ status: response.statusCode, message: response.json().message }).toEqual({
    status: 400,
    message: expect.stringContaining(field),
  });
  expect(response.json().issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
  expect(await rowCounts(world.db)).toEqual(before);
  return response.json() as { message: string };
}

describe('a NUL character from a broken export never reaches the database', () => {
  test('in a customer name', async () => {
    const body = await refusedNaming('PUT', '/customers/K-NUL', { lastName: 'Vo\u0000gel' }, 'lastName');
    expect(body.message).toMatch(/NUL/);
  });

  test('in a vehicle model', async () => {
    await refusedNaming('PUT', '/vehicles/WVWZZZ1KZAW000777', { make: 'VW', model: 'Gol\u0000f' }, 'model');
  });

  test('in an event id', async () => {
    const event = {
      type: 'interaction_recorded',
      eventId: 'e-\u0000-1',
      occurredAt: '2026-11-20T10:15:00+01:00',
      channel: 'phone',
      direction: 'inbound',
      summary: 'Anruf',
    };
    await refusedNaming('POST', `/customers/${customerId}/events`, event, 'eventId');
  });
});

test('a lead for a location the dealer does not have is refused naming locationId', async () => {
  await refusedNaming('POST', '/leads', { ...lead, locationId: crypto.randomUUID() }, 'locationId');
});

test('a line break in a name is refused (it would end up in mail headers), in a message it is fine', async () => {
  const body = await refusedNaming(
    'POST',
    '/leads',
    { ...lead, customer: { ...lead.customer, lastName: 'Neu\r\nBcc: x@evil.example' } },
    'customer.lastName',
  );
  expect(body.message).toMatch(/CR/);
  const accepted = await send('POST', '/leads', { ...lead, message: 'Guten Tag,\r\nich möchte Probe fahren.\n\tDanke' });
  expect(accepted.statusCode).toBe(201);
  // The accepted lead's follow-up assigns it (a touchpoint) in the background: the later "nothing was written"
  // checks in this file count rows, so they start only once that write is done.
  await world.leadFollowUpOpened(accepted.json().leadId);
});

test('an undeclared method on a known path answers 405 and says which methods it has', async () => {
  for (const method of ['DELETE', 'QUERY']) {
    const response = await send(method, `/customers/${customerId}/journey`);
    expect({ method, status: response.statusCode, allow: response.headers.allow }).toEqual({ method, status: 405, allow: 'GET, HEAD' });
  }
  const unknown = await send('GET', '/no-such-thing');
  expect(unknown.statusCode).toBe(404);
});

test('a KPI report whose end is before its start is refused naming to', async () => {
  const response = await send('GET', '/reports/kpi?from=2030-01-07&to=2030-01-01');
  expect({ status: response.statusCode, message: response.json().message }).toEqual({
    status: 400,
    message: expect.stringMatching(/^to: /),
  });
});

/**
 * A dealer's IT builds its DMS connector from the OpenAPI document alone. Every rule that ties two fields
 * together must be written there, and the API must enforce exactly what it says.
 */
describe('the cross-field rules the API enforces are written in its OpenAPI document', () => {
  const rules = [
    {
      operation: ['/reports/kpi', 'get'],
      says: 'must not be before `from` (400 naming `to` otherwise)',
      request: ['GET', '/reports/kpi?from=2030-01-07&to=2030-01-01'],
      names: 'to',
    },
    {
      operation: ['/leads', 'post'],
      says: 'give `email`, `phone` or both',
      request: ['POST', '/leads', { kind: 'offer', source: 'website', customer: { lastName: 'Ohne Kontakt' } }],
      names: 'customer',
    },
    {
      operation: ['/customers/{externalId}', 'put'],
      says: 'basis double_opt_in needs givenAt, confirmedAt, source and wording',
      request: ['PUT', '/customers/K-OPT-IN', { lastName: 'Vogt', consent: { basis: 'double_opt_in', givenAt: '2029-12-01T10:00:00Z' } }],
      names: 'consent.confirmedAt',
    },
    {
      operation: ['/locations', 'post'],
      says: 'the intervals of one day must not overlap',
      request: [
        'POST',
        '/locations',
        {
          name: 'Filiale Süd',
          federalState: 'NW',
          openingHours: {
            mon: [
              { from: '08:00', to: '13:00' },
              { from: '12:00', to: '18:00' },
            ],
          },
        },
      ],
      names: 'openingHours',
    },
  ] as const;

  test.each(rules)('$operation.0 says "$says" and answers 400 naming $names', async ({ operation, says, request, names }) => {
    const document = (await world.call({ method: 'GET', url: '/openapi.json' })).json();
    const [path, method] = operation;
    expect(JSON.stringify(document.paths[path][method])).toContain(says);
    const [verb, url, payload] = request as readonly [string, string, object?];
    const before = await rowCounts(world.db);
    const response = await send(verb, url, payload);
    expect({ status: response.statusCode, message: response.json().message }).toEqual({
      status: 400,
      message: expect.stringContaining(names),
    });
    expect(await rowCounts(world.db)).toEqual(before);
  });
});
