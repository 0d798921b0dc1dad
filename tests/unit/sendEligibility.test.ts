import { skipReasonFor, type RecipientFacts } from '../../activities/delivery/eligibility';

const buyer: RecipientFacts = {
  email: 'kunde@example.de',
  erasedAt: null,
  objectedAt: null,
  emailConsentBasis: 'existing_customer',
  consentConfirmedAt: null,
  suppressions: [],
};
const optedIn: RecipientFacts = { ...buyer, emailConsentBasis: 'double_opt_in', consentConfirmedAt: new Date('2026-01-01') };

describe('who may receive which email, decided at send time', () => {
  it('an existing customer (§7(3) UWG) may get service marketing, but not consent-only campaigns', () => {
    expect(skipReasonFor(buyer, 'existing_customer')).toBeUndefined();
    expect(skipReasonFor(buyer, 'consent')).toBe('no_legal_basis');
  });
  it('a double opt-in that was never confirmed is no consent', () => {
    expect(skipReasonFor({ ...optedIn, consentConfirmedAt: null }, 'consent')).toBe('no_legal_basis');
    expect(skipReasonFor(optedIn, 'consent')).toBeUndefined();
  });
  it('an objection stops all advertising at once, whatever the basis', () => {
    expect(skipReasonFor({ ...optedIn, objectedAt: new Date() }, 'consent')).toBe('objection');
    expect(skipReasonFor({ ...buyer, objectedAt: new Date() }, 'existing_customer')).toBe('objection');
  });
  it('an erased customer gets nothing, not even transactional mail', () => {
    expect(skipReasonFor({ ...optedIn, erasedAt: new Date() }, 'transactional')).toBe('erased');
  });
  it('an unsubscribed address still gets its double-opt-in confirmation but no marketing', () => {
    expect(skipReasonFor({ ...optedIn, suppressions: ['unsubscribe'] }, 'consent')).toBe('unsubscribed');
    expect(skipReasonFor({ ...optedIn, suppressions: ['unsubscribe'] }, 'transactional')).toBeUndefined();
  });
  it('a bounced address is suppressed; a customer without email is skipped', () => {
    expect(skipReasonFor({ ...optedIn, suppressions: ['bounce'] }, 'consent')).toBe('suppressed');
    expect(skipReasonFor({ ...optedIn, email: null }, 'consent')).toBe('no_email');
  });
});
