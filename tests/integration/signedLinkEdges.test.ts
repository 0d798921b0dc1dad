import crypto from 'node:crypto';
import { DEVELOPMENT_LINK_SIGNING_SECRET } from '../../config/linkSecret';
import { signLinkToken, type LinkPurpose } from '../../links/signedLinks';
import { openApiWorld, rowCounts, type ApiWorld } from '../support/apiWorld';
import { runCli } from '../support/cliProcess';
import { addCustomer } from '../support/dealership';

/**
 * Anna Vogel's unsubscribe link, Sabine's callback link: whatever arrives in place of the token the
 * engine signed, every public link page answers the same way, with a German page and never a 500,
 * and nothing changes. A production API or worker refuses to run with the public default secret.
 */
let world: ApiWorld;
let customerId: string;
let leadId: string;
beforeAll(async () => {
  world = await openApiWorld();
  customerId = (await addCustomer(world.db.prisma, world.dealership, { externalDmsId: 'K-LINK', lastName: 'Vogel' })).id;
  leadId = (
    await world.db.prisma.lead.create({ data: { dealerId: world.dealership.dealer.id, customerId, source: 'website', kind: 'test_drive' } })
  ).id;
});
afterAll(async () => {
  await world?.close();
});

const subjectFor = (purpose: LinkPurpose) => (purpose === 'log_callback' || purpose === 'take_over_lead' ? leadId : customerId);

/** A token whose signature is right, over any body: what the dealer's own secret would sign. */
function signedBody(body: unknown): string {
  const encoded = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${encoded}.${crypto.createHmac('sha256', world.settings.LINK_SIGNING_SECRET).update(encoded).digest('base64url')}`;
}

const routes: Array<{ method: 'GET' | 'POST'; path: string; purpose: LinkPurpose; form?: string }> = [
  { method: 'GET', path: '/unsubscribe', purpose: 'unsubscribe' },
  { method: 'POST', path: '/unsubscribe', purpose: 'unsubscribe', form: 'List-Unsubscribe=One-Click' },
  { method: 'GET', path: '/consent/confirm', purpose: 'confirm_consent' },
  { method: 'GET', path: '/leads/callback', purpose: 'log_callback' },
  { method: 'POST', path: '/leads/callback', purpose: 'log_callback', form: 'outcome=reached' },
  { method: 'GET', path: '/leads/take-over', purpose: 'take_over_lead' },
  { method: 'POST', path: '/leads/take-over', purpose: 'take_over_lead', form: '' },
];

const inAYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString();
const badTokens: Array<{ name: string; token: (purpose: LinkPurpose) => string; status: number; says: RegExp }> = [
  { name: 'no token at all', token: () => '', status: 400, says: /Link unvollständig/ },
  { name: 'a cut-off token', token: () => 'eyJwdXJwb3Nl', status: 400, says: /Link ungültig/ },
  { name: 'a signed null', token: () => signedBody(null), status: 400, says: /Link ungültig/ },
  {
    name: 'a signed subject that is no id',
    token: (purpose) => signedBody({ purpose, subject: 'K-LINK', expiresAt: inAYear() }),
    status: 400,
    says: /Link ungültig/,
  },
  {
    name: 'a link that never expires',
    token: (purpose) => signedBody({ purpose, subject: subjectFor(purpose) }),
    status: 400,
    says: /Link ungültig/,
  },
  {
    name: 'an unparsable expiry',
    token: (purpose) => signedBody({ purpose, subject: subjectFor(purpose), expiresAt: 'bald' }),
    status: 400,
    says: /Link ungültig/,
  },
  {
    name: 'a token signed with another secret',
    token: (purpose) => signLinkToken({ purpose, subject: customerId, expiresAt: inAYear() }, 'somebody-elses-secret-of-32-bytes!'),
    status: 403,
    says: /nicht gültig/,
  },
  {
    name: 'a link for another action',
    token: (purpose) => world.linkToken(purpose === 'unsubscribe' ? 'confirm_consent' : 'unsubscribe', customerId),
    status: 403,
    says: /anderen Aktion/,
  },
  {
    name: 'an expired link',
    token: (purpose) => world.linkToken(purpose, customerId, new Date(Date.now() - 60_000).toISOString()),
    status: 410,
    says: /abgelaufen/,
  },
];

describe('every public link page answers a bad link alike, with a page and not a 500', () => {
  const cases = badTokens.flatMap((bad) =>
    routes.map((route) => ({ ...bad, ...route, label: `${bad.name}: ${route.method} ${route.path}` })),
  );
  it.each(cases)('$label → $status', async ({ method, path, purpose, form, token, status, says }) => {
    const before = await rowCounts(world.db);
    const t = token(purpose);
    const response = await world.call({
      method,
      url: `${path}${t ? `?t=${encodeURIComponent(t)}` : ''}`,
      ...(form !== undefined ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form } : {}),
    });
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.body).toMatch(says);
    expect(await rowCounts(world.db)).toEqual(before);
  });

  it("Anna's genuine unsubscribe link still works", async () => {
    const response = await world.call({
      method: 'POST',
      url: `/unsubscribe?t=${encodeURIComponent(world.linkToken('unsubscribe', customerId))}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Sie wurden abgemeldet');
  });
});

describe('a production API or worker refuses the public development secret', () => {
  // Nothing listens at these addresses: the refusal must come before any connection is tried.
  const production = { NODE_ENV: 'production', TEMPORAL_ADDRESS: '127.0.0.1:1', DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none' };
  it.each(['api', 'worker'])(
    '`stammkunde %s` with NODE_ENV=production and the default LINK_SIGNING_SECRET says how to set one',
    async (command) => {
      const result = await runCli([command], { ...production, LINK_SIGNING_SECRET: DEVELOPMENT_LINK_SIGNING_SECRET });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/Refusing to start the (API|worker) with the development default of LINK_SIGNING_SECRET/);
      expect(result.stderr).toMatch(/openssl rand -base64 48/);
    },
  );
  it('a secret shorter than 32 bytes is refused before anything starts', async () => {
    const result = await runCli(['api'], { ...production, LINK_SIGNING_SECRET: 'kurz-und-geheim-123' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/LINK_SIGNING_SECRET: must be at least 32 bytes/);
  });
});
