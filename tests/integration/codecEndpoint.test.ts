import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { createApiKey } from '../../api/apiKeys';
import { payloadEncryption } from '../../privacy/payloadEncryption';
import { openApiWorld, type ApiWorld } from '../support/apiWorld';
import { addCustomer } from '../support/dealership';

const UI_ORIGIN = 'http://127.0.0.1:8233'; // the Temporal Web UI of `stammkunde start` (TEMPORAL_UI_ORIGINS default)

const toWire = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v!).toString('base64')])),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});
const textOf = (wire: { data: string }) => Buffer.from(wire.data, 'base64').toString('utf8');

/**
 * Jana from the dealer's back office opens a customer's lifecycle in the Temporal Web UI. The UI
 * shows what the workflow carries only through the API's codec endpoint, and only to someone signed
 * in with an API key; once the customer is erased, not even she can read it any more.
 */
describe('the codec endpoint for the Temporal Web UI', () => {
  let world: ApiWorld;
  let customerId: string;
  let encrypted: ReturnType<typeof toWire>;
  const decode = (headers: Record<string, string>, payloads = [encrypted]) =>
    world.call({
      method: 'POST',
      url: '/codec/decode',
      headers: { 'content-type': 'application/json', 'x-namespace': 'default', origin: UI_ORIGIN, ...headers },
      payload: { payloads },
    });

  beforeAll(async () => {
    world = await openApiWorld();
    const customer = await addCustomer(world.db.prisma, world.dealership, { firstName: 'Mareike', lastName: 'Tönnies' });
    customerId = customer.id;
    // What the lifecycle of this customer holds in Temporal: ids, encrypted under her key.
    const { codec } = payloadEncryption(world.db.prisma, world.settings);
    const plain = defaultPayloadConverter.toPayload({ customerId, event: 'service_done', on: '2030-01-07' });
    const [sealed] = await codec.encode([plain], { type: 'workflow', namespace: 'default', workflowId: `customer-${customerId}` });
    encrypted = toWire(sealed!);
  }, 240_000);
  afterAll(() => world?.close());

  it('what Temporal stores is unreadable without the codec', () => {
    expect(textOf(encrypted)).not.toContain(customerId);
    expect(Buffer.from(encrypted.metadata.encoding!, 'base64').toString()).toBe('binary/encrypted');
  });

  it('the UI may ask from its own origin (CORS with credentials), a foreign page may not', async () => {
    const preflight = await world.call({ method: 'OPTIONS', url: '/codec/decode', headers: { origin: UI_ORIGIN } });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
    expect(preflight.headers['access-control-allow-credentials']).toBe('true');
    const foreign = await world.call({ method: 'OPTIONS', url: '/codec/decode', headers: { origin: 'https://evil.example' } });
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('without signing in, nothing is decrypted', async () => {
    const anonymous = await decode({});
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.body).toContain('sign in with an API key');
    expect(anonymous.body).not.toContain(customerId);
    expect((await decode({ authorization: 'Bearer sk_not-a-key' })).statusCode).toBe(401);
  });

  it('with an API key, the UI shows the payload in clear', async () => {
    const signedIn = await decode(world.auth);
    expect(signedIn.statusCode).toBe(200);
    expect(JSON.parse(textOf(signedIn.json().payloads[0]))).toEqual({ customerId, event: 'service_done', on: '2030-01-07' });
  });

  it('signing in once in the browser sets a session cookie for /codec, which a revoked key loses', async () => {
    const key = await createApiKey(world.db.prisma, { name: 'Jana im Web UI', dealerId: world.dealership.dealer.id });
    const session = await world.call({ method: 'POST', url: '/codec/session', headers: { authorization: `Bearer ${key.key}` } });
    expect(session.statusCode).toBe(200);
    const setCookie = String(session.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly; SameSite=Lax; Path=\/codec; Max-Age=28800/);
    const cookie = setCookie.split(';')[0]!;

    const withCookie = await decode({ cookie });
    expect(withCookie.statusCode).toBe(200);
    expect(textOf(withCookie.json().payloads[0])).toContain(customerId);

    const forged = cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await decode({ cookie: forged })).statusCode).toBe(401);

    await world.db.prisma.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    expect((await decode({ cookie })).statusCode).toBe(401);
  });

  it('after the customer is erased, her payloads stay encrypted even for a signed-in user', async () => {
    const erased = await world.call({ method: 'POST', url: `/customers/${customerId}/erasure`, headers: world.auth });
    expect(erased.statusCode).toBe(202);
    const after = await decode(world.auth);
    expect(after.statusCode).toBe(200);
    expect(after.json().payloads[0]).toEqual(encrypted);
    expect(textOf(after.json().payloads[0])).not.toContain(customerId);
  });
});
