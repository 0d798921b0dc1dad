import type { EmailConsentBasis } from '../db/generated/enums';

/**
 * The one rule for consent that arrives with a customer record from the dealer management system,
 * whether through `PUT /customers/:externalId` or a CSV import: a DMS record may raise the recorded
 * consent, never lower it. Stronger evidence replaces weaker; equal or weaker evidence (including
 * "none" or no consent at all) leaves what is recorded alone. Withdrawing consent is an objection
 * or an unsubscribe, never a blank field in a sync; objections are never touched here.
 *
 * Strength, weakest first: none < double opt-in requested but not confirmed < existing customer
 * (§7(3) UWG) < confirmed double opt-in (§7(2) Nr. 2 UWG).
 */
export type DmsConsent = {
  basis: EmailConsentBasis;
  givenAt?: Date | null;
  confirmedAt?: Date | null;
  source?: string | null;
  wording?: string | null;
};

export type RecordedConsent = { emailConsentBasis: EmailConsentBasis; consentConfirmedAt: Date | null };

export type ConsentFields = {
  emailConsentBasis: EmailConsentBasis;
  consentGivenAt: Date | null;
  consentConfirmedAt: Date | null;
  consentSource: string | null;
  consentWording: string | null;
};

function strength(basis: EmailConsentBasis, confirmedAt: Date | null | undefined): number {
  if (basis === 'double_opt_in') return confirmedAt ? 3 : 1;
  return basis === 'existing_customer' ? 2 : 0;
}

/** The consent columns to write for this DMS record, or {} when the recorded consent stays. */
export function consentFromDms(recorded: RecordedConsent | undefined, incoming: DmsConsent | undefined): Partial<ConsentFields> {
  if (!incoming || incoming.basis === 'none') return {};
  const current = recorded ? strength(recorded.emailConsentBasis, recorded.consentConfirmedAt) : 0;
  if (strength(incoming.basis, incoming.confirmedAt) <= current) return {};
  return {
    emailConsentBasis: incoming.basis,
    consentGivenAt: incoming.givenAt ?? null,
    consentConfirmedAt: incoming.confirmedAt ?? null,
    consentSource: incoming.source ?? null,
    consentWording: incoming.wording ?? null,
  };
}
