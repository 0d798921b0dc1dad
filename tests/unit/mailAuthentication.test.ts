import { bounceAddressFor, digestFromBounceAddress } from '../../mail/bounceToken';
import { loadDkimKeys } from '../../mail/dkim';
import { replySnippet } from '../../inbound/replies';

const SECRET = 'a-test-secret-of-sufficient-length';
const messageId = '<0123456789abcdef0123456789abcdef@autohaus-berger.example>';

describe('the envelope sender names its message', () => {
  it('round-trips the Message-ID digest through a signed bounce address', () => {
    const address = bounceAddressFor(messageId, SECRET, 'autohaus-berger.example');
    expect(address).toMatch(/^bounce\+0123456789abcdef0123456789abcdef\.[0-9a-f]{12}@autohaus-berger\.example$/);
    expect(address.split('@')[0].length).toBeLessThanOrEqual(64);
    expect(digestFromBounceAddress(address.toUpperCase(), SECRET)).toBe('0123456789abcdef0123456789abcdef');
  });

  it('refuses forged, foreign and malformed addresses', () => {
    const address = bounceAddressFor(messageId, SECRET, 'autohaus-berger.example');
    expect(digestFromBounceAddress(address, 'another-secret-of-enough-length')).toBeUndefined();
    expect(digestFromBounceAddress(address.replace(/\.[0-9a-f]{12}@/, '.000000000000@'), SECRET)).toBeUndefined();
    for (const other of ['info@autohaus-berger.example', 'bounce+@x', 'bounce+zz.yy@x', ''])
      expect(digestFromBounceAddress(other, SECRET)).toBeUndefined();
    expect(() => bounceAddressFor('<foreign@elsewhere.example>', SECRET, 'x.example')).toThrow(/messageId: .* is not one of ours/);
  });
});

describe('DKIM configuration', () => {
  const base = { MAIL_FROM: 'Autohaus <service@autohaus-berger.example>' };
  it('is off without a key, and names the setting that is missing or wrong', () => {
    expect(loadDkimKeys(base)).toEqual([]);
    expect(() => loadDkimKeys({ ...base, DKIM_SELECTOR: 'sk2027' })).toThrow(/^DKIM_SELECTOR: .*DKIM_PRIVATE_KEY/);
    expect(() => loadDkimKeys({ ...base, DKIM_SELECTOR: 'sk2027', DKIM_PRIVATE_KEY: 'not a key' })).toThrow(
      /^DKIM_PRIVATE_KEY: .*not a PEM/,
    );
    expect(() => loadDkimKeys({ ...base, DKIM_SELECTOR: 'sk2027', DKIM_PRIVATE_KEY_PATH: '/nonexistent/dkim.pem' })).toThrow(
      /^DKIM_PRIVATE_KEY_PATH: cannot read/,
    );
  });
});

describe("a reply snippet is the customer's own words", () => {
  it('stops at the quoted email', () => {
    expect(replySnippet('Ja, gern.\nBis bald\n\nAm 2. März 2027 schrieb Autohaus <a@b.de>:\n> Angebot')).toBe('Ja, gern. Bis bald');
    expect(replySnippet('Yes please\n> quoted')).toBe('Yes please');
  });
});
