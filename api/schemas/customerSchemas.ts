import { freeText } from '../../config/freeText';
import { z } from 'zod';
import { day, email, instant, shortText } from './common';

export const consentEvidenceSchema = z
  .object({
    basis: z
      .enum(['none', 'double_opt_in', 'existing_customer'])
      .describe('Legal basis for marketing email: double_opt_in (§7(2) UWG) or existing_customer (§7(3) UWG)'),
    givenAt: instant.optional().describe('When consent was given (double opt-in: the sign-up)'),
    confirmedAt: instant.optional().describe('When the double opt-in was confirmed'),
    source: shortText(300).optional().describe('Where: form URL, store, event, e.g. "https://autohaus-berger.example/newsletter"'),
    wording: freeText(shortText(4000)).optional().describe('The exact consent text the customer agreed to'),
  })
  .strict()
  .superRefine((consent, ctx) => {
    if (consent.basis !== 'double_opt_in') return;
    for (const field of ['givenAt', 'confirmedAt', 'source', 'wording'] as const) {
      if (!consent[field]) ctx.addIssue({ code: 'custom', path: [field], message: `required as evidence when basis is double_opt_in` });
    }
    if (consent.givenAt && consent.confirmedAt && Date.parse(consent.confirmedAt) < Date.parse(consent.givenAt)) {
      ctx.addIssue({ code: 'custom', path: ['confirmedAt'], message: 'must not be before givenAt' });
    }
  })
  .describe(
    'Consent evidence as recorded by the source system. It raises the recorded consent, never lowers it: none < double opt-in not yet confirmed < existing_customer < confirmed double opt-in; weaker or equal evidence (and basis none) leaves the recorded consent as it is. Withdrawal is POST /customers/{id}/objection. Cross-field rules: basis double_opt_in needs givenAt, confirmedAt, source and wording; confirmedAt must not be before givenAt (400 naming the field otherwise).',
  );

export const customerExternalIdParams = z.object({
  externalId: shortText(100)
    .regex(/^[\w.:\-/]+$/, { message: 'may contain letters, digits and . _ : - / only' })
    .describe('Customer number in the dealer management system'),
});

export const customerUpsertSchema = z
  .object({
    locationName: shortText(120).optional().describe('Branch (Standort) the customer belongs to, by name'),
    salutation: z.enum(['mr', 'ms', 'mx', 'none']).optional(),
    title: shortText(40).optional().describe('e.g. "Dr."'),
    firstName: shortText(100).optional(),
    lastName: shortText(100).describe('Family name (or company contact name)'),
    companyName: shortText(200).optional(),
    email: email.optional(),
    phone: shortText(40).optional(),
    language: z.enum(['de', 'en']).optional(),
    assignedSalespersonEmail: email.optional().describe('Email of the salesperson responsible for this customer'),
    existingCustomerSince: instant.optional().describe('§7(3) UWG: when the address was obtained in a sale'),
    tags: z.array(shortText(60)).max(50).optional().describe('Categories, e.g. "fleet", "newsletter-e-mobility"'),
    consent: consentEvidenceSchema.optional(),
  })
  .strict()
  .describe('A customer as the dealer management system knows it');

export const customerUpsertResponse = z.object({ id: z.string(), externalId: z.string(), created: z.boolean() });

export const consentRequestSchema = z
  .object({
    email: email.optional().describe("The address to confirm; defaults to the customer's address"),
    source: shortText(300).describe('Where the customer signed up, e.g. a form URL'),
    wording: freeText(shortText(4000)).describe('The exact consent text shown to the customer'),
    givenAt: instant.optional().describe('When the customer ticked the box; defaults to now'),
  })
  .strict()
  .describe('The customer asked for marketing email: record it and send the double opt-in confirmation');

export const objectionSchema = z
  .object({
    objectedAt: instant.optional().describe('When the customer objected; defaults to now'),
    channel: z.enum(['phone', 'email', 'visit', 'web', 'letter']).optional().describe('How the objection reached the dealer'),
    note: freeText(shortText(1000)).optional(),
  })
  .strict()
  .describe('Objection to advertising (Widerspruch, §7 UWG / Art. 21 DSGVO): stops all marketing at once');

export const erasureSchema = z
  .object({
    requestedAt: instant.optional().describe('When the customer asked for erasure; defaults to now'),
    note: freeText(shortText(1000)).optional(),
  })
  .strict()
  .describe('Erasure request under Art. 17 DSGVO');

export { day };
