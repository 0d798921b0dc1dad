import { z } from 'zod';
import { campaignEventTypes } from './eventTypes';
import { stepSchema, type Step } from './steps';
import type { CampaignEventType } from './eventTypes';

/**
 * The legal basis a campaign's emails need (see shared/notes/domain.md):
 * - consent: prior express consent (double opt-in), §7(2) Nr. 2 UWG;
 * - existing_customer: consent, or the §7(3) UWG existing-customer exception;
 * - transactional: no advertising (e.g. the double-opt-in confirmation itself).
 */
export const legalBases = ['consent', 'existing_customer', 'transactional'] as const;
export type LegalBasisRequirement = (typeof legalBases)[number];

export type ReentryRule = { mode: 'never' } | { mode: 'after_exit' } | { mode: 'after_days'; days: number };

export const reentrySchema: z.ZodType<ReentryRule> = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('never') }).strict(),
  z.object({ mode: z.literal('after_exit') }).strict(),
  z.object({ mode: z.literal('after_days'), days: z.number().int().positive() }).strict(),
]);

export type CampaignOptions = {
  reentry: ReentryRule;
  /** Share of customers (0–100) held back as a control group, decided deterministically per customer. */
  holdoutPercent: number;
  /** Higher wins when the frequency cap has room for only one message. */
  priority: number;
};

export type CampaignDefinition = {
  id: string;
  version: number;
  name: string;
  /** Who enters and on what trigger, in words for marketing and dealers. */
  audience: string;
  legalBasis: LegalBasisRequirement;
  /** Context keys (dates, values) an enrollment must supply, e.g. huDueMonthStart. */
  context: string[];
  /** Goal events that end the whole campaign at once, e.g. service_booked. */
  exitOn: CampaignEventType[];
  options: CampaignOptions;
  steps: Step[];
};

export const campaignSchema: z.ZodType<CampaignDefinition> = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'must be lower-case letters, digits and dashes' }),
    version: z.number().int().positive(),
    name: z.string().min(1).max(120),
    audience: z.string().min(1),
    legalBasis: z.enum(legalBases),
    context: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/)),
    exitOn: z.array(z.enum(campaignEventTypes)),
    options: z
      .object({
        reentry: reentrySchema,
        holdoutPercent: z.number().min(0).max(100),
        priority: z.number().int(),
      })
      .strict(),
    steps: z.array(stepSchema).min(1, { message: 'a campaign needs at least one step' }),
  })
  .strict();
