import { InvalidLinkError, signLinkToken, verifyLinkToken } from '../../links/signedLinks';

const secret = 'test-secret-of-sufficient-length';
const now = new Date('2026-11-22T10:00:00Z');

describe('signed links in emails', () => {
  it('a genuine unsubscribe link is accepted', () => {
    const token = signLinkToken({ purpose: 'unsubscribe', subject: 'customer-1', expiresAt: '2027-11-22T00:00:00Z' }, secret);
    expect(verifyLinkToken(token, 'unsubscribe', secret, now).subject).toBe('customer-1');
  });
  it('a link with an edited customer id is refused as forged', () => {
    const token = signLinkToken({ purpose: 'unsubscribe', subject: 'customer-1' }, secret);
    const [, sig] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ purpose: 'unsubscribe', subject: 'customer-2' })).toString('base64url')}.${sig}`;
    expect(() => verifyLinkToken(forged, 'unsubscribe', secret, now)).toThrow(new InvalidLinkError('forged'));
  });
  it('an expired link is refused', () => {
    const token = signLinkToken({ purpose: 'log_callback', subject: 'lead-1', expiresAt: '2026-11-01T00:00:00Z' }, secret);
    expect(() => verifyLinkToken(token, 'log_callback', secret, now)).toThrow(/expired/);
  });
  it('a link made for one purpose cannot be used for another', () => {
    const token = signLinkToken({ purpose: 'unsubscribe', subject: 'customer-1' }, secret);
    expect(() => verifyLinkToken(token, 'confirm_consent', secret, now)).toThrow(/wrong purpose/);
  });
  it('garbage is refused as malformed', () => {
    expect(() => verifyLinkToken('nonsense', 'unsubscribe', secret, now)).toThrow(/malformed/);
  });
});
