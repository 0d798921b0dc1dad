import type { LegalBasisRequirement } from '../../campaigns/dsl/campaign';

/** Why a message is not sent; recorded on the outbox row so a dealer can see it. */
export type SkipReason =
  | 'erased'
  | 'objection'
  | 'unsubscribed'
  | 'suppressed'
  | 'no_email'
  | 'no_legal_basis'
  | 'frequency_cap'
  | 'holdout'
  | 'staff_unavailable';

export type RecipientFacts = {
  email: string | null;
  erasedAt: Date | null;
  objectedAt: Date | null;
  emailConsentBasis: 'none' | 'double_opt_in' | 'existing_customer';
  consentConfirmedAt: Date | null;
  suppressions: Array<'bounce' | 'complaint' | 'unsubscribe' | 'manual'>;
};

/**
 * Decided at send time, never at enrollment: a workflow that slept for months must not email
 * someone who has objected, unsubscribed or asked for erasure in the meantime.
 */
export function skipReasonFor(recipient: RecipientFacts, requirement: LegalBasisRequirement): SkipReason | undefined {
  if (recipient.erasedAt) return 'erased';
  if (!recipient.email) return 'no_email';
  if (recipient.suppressions.includes('unsubscribe')) return requirement === 'transactional' ? undefined : 'unsubscribed';
  if (recipient.suppressions.length > 0) return 'suppressed';
  if (requirement === 'transactional') return undefined;
  if (recipient.objectedAt) return 'objection';
  const hasConsent = recipient.emailConsentBasis === 'double_opt_in' && recipient.consentConfirmedAt !== null;
  if (requirement === 'consent') return hasConsent ? undefined : 'no_legal_basis';
  return hasConsent || recipient.emailConsentBasis === 'existing_customer' ? undefined : 'no_legal_basis';
}
