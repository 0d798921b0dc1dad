import crypto from 'node:crypto';
import { DevelopmentSecretError, assertLinkSecretFitFor, DEVELOPMENT_LINK_SIGNING_SECRET } from '../../config/linkSecret';
import { readSettings } from '../../config/settings';
import { InvalidLinkError, signLinkToken, verifyLinkToken } from '../../links/signedLinks';

const secret = 'test-secret-of-sufficient-length-32b';
const now = new Date('2026-11-22T10:00:00Z');
const customer1 = '0190a3b4-0000-7000-8000-000000000001';
const customer2 = '0190a3b4-0000-7000-8000-000000000002';

/** A token with a valid signature over any body at all (what a leaked secret or an old bug could produce). */
function signedBody(body: unknown): string {
  const encoded = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${encoded}.${crypto.createHmac('sha256', secret).update(encoded).digest('base64url')}`;
}

describe('signed links in emails', () => {
  it('a genuine unsubscribe link is accepted', () => {
    const token = signLinkToken({ purpose: 'unsubscribe', subject: customer1, expiresAt: '2027-11-22T00:00:00Z' }, secret);
    expect(verifyLinkToken(token, 'unsubscribe', secret, now).subject).toBe(customer1);
  });
  it('a link with an edited customer id is refused as forged', () => {
    const token = signLinkToken({ purpose: 'unsubscribe', subject: customer1, expiresAt: '2027-11-22T00:00:00Z' }, secret);
    const [, sig] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ purpose: 'unsubscribe', subject: customer2, expiresAt: '2027-11-22T00:00:00Z' })).toString('base64url')}.${sig}`;
    expect(() => verifyLinkToken(forged, 'unsubscribe', secret, now)).toThrow(new InvalidLinkError('forged'));
  });
  it('an expired link is refused', () => {
    const token = signLinkToken({ purpose: 'log_callback', subject: customer1, expiresAt: '2026-11-01T00:00:00Z' }, secret);
    expect(() => verifyLinkToken(token, 'log_callback', secret, now)).toThrow(/expired/);
  });
  it('a link made for one purpose cannot be used for another', () => {
    const token = signLinkToken({ purpose: 'unsubscribe', subject: customer1, expiresAt: '2027-11-22T00:00:00Z' }, secret);
    expect(() => verifyLinkToken(token, 'confirm_consent', secret, now)).toThrow(/wrong purpose/);
  });
  it('garbage is refused as malformed', () => {
    expect(() => verifyLinkToken('nonsense', 'unsubscribe', secret, now)).toThrow(/malformed/);
    expect(() => verifyLinkToken('', 'unsubscribe', secret, now)).toThrow(/malformed/);
  });
  it.each([
    ['a null body', null],
    ['a number', 42],
    ['a subject that is no id', { purpose: 'unsubscribe', subject: "x' OR 1=1", expiresAt: '2027-11-22T00:00:00Z' }],
    ['no expiry at all', { purpose: 'unsubscribe', subject: customer1 }],
    ['an unparsable expiry', { purpose: 'unsubscribe', subject: customer1, expiresAt: 'next Tuesday' }],
  ])('a correctly signed token with %s is malformed, not accepted', (_name, body) => {
    expect(() => verifyLinkToken(signedBody(body), 'unsubscribe', secret, now)).toThrow(new InvalidLinkError('malformed'));
  });
});

describe('the signing secret', () => {
  it('must be at least 32 bytes, and the error says how to set one', () => {
    expect(() => readSettings({ LINK_SIGNING_SECRET: 'only-twenty-bytes-xx' })).toThrow(
      /LINK_SIGNING_SECRET: must be at least 32 bytes.*openssl rand/,
    );
    expect(readSettings({ LINK_SIGNING_SECRET: 'x'.repeat(32) }).LINK_SIGNING_SECRET).toHaveLength(32);
  });
  it('the public development default is refused in production, and allowed embedded, in development and in tests', () => {
    const defaults = readSettings({});
    expect(defaults.LINK_SIGNING_SECRET).toBe(DEVELOPMENT_LINK_SIGNING_SECRET);
    expect(() => assertLinkSecretFitFor(defaults, { role: 'worker', nodeEnv: 'production' })).toThrow(DevelopmentSecretError);
    expect(() => assertLinkSecretFitFor(defaults, { role: 'API', nodeEnv: '' })).toThrow(
      /Refusing to start the API.*LINK_SIGNING_SECRET.*openssl rand -base64 48/,
    );
    expect(() => assertLinkSecretFitFor(defaults, { role: 'API', nodeEnv: 'production', embedded: true })).not.toThrow();
    expect(() => assertLinkSecretFitFor(defaults, { role: 'API', nodeEnv: 'development' })).not.toThrow();
    expect(() => assertLinkSecretFitFor(defaults, { role: 'worker', nodeEnv: 'test' })).not.toThrow();
    expect(() => assertLinkSecretFitFor({ LINK_SIGNING_SECRET: secret }, { role: 'worker', nodeEnv: 'production' })).not.toThrow();
  });
});
