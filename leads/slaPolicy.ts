import { z } from 'zod';
import type { BusinessDuration } from '../time/businessTime';

/**
 * How fast a dealer wants leads called back and what happens when nobody does: the callback SLA per
 * lead kind (business time of the lead's location), the escalation ladder after it, and how often a
 * 'no answer' may be retried. Defaults in code; a dealer may override any part (validated here).
 */

export const LEAD_KINDS = ['test_drive', 'offer', 'trade_in', 'service'] as const;
export type LeadKind = (typeof LEAD_KINDS)[number];

const businessDurationSchema = z.union(
  [
    z.strictObject({ minutes: z.number().nonnegative() }),
    z.strictObject({ hours: z.number().nonnegative() }),
    z.strictObject({ businessDays: z.number().int().nonnegative() }),
  ],
  { error: 'expected exactly one of { minutes: ≥0 }, { hours: ≥0 } or { businessDays: whole number ≥0 }' },
);

export const ESCALATION_RECIPIENTS = ['assignee', 'team_lead', 'manager'] as const;
export type EscalationRecipient = (typeof ESCALATION_RECIPIENTS)[number];

const escalationStepSchema = z.strictObject({
  /** Business time after the previous step (the first step: after the callback due time). */
  after: businessDurationSchema,
  /** Hand the lead to a present colleague of the assignee's role before notifying. */
  reassign: z.boolean().default(false),
  notify: z.array(z.enum(ESCALATION_RECIPIENTS)).min(1, { message: 'name at least one recipient' }),
});
export type EscalationStep = z.output<typeof escalationStepSchema>;

export const DEFAULT_SLA_POLICY = {
  callbackSla: {
    test_drive: { hours: 2 },
    offer: { hours: 2 },
    trade_in: { hours: 4 },
    service: { businessDays: 1 },
  } satisfies Record<LeadKind, BusinessDuration>,
  escalation: [
    { after: { minutes: 0 }, reassign: false, notify: ['assignee'] },
    { after: { hours: 1 }, reassign: true, notify: ['team_lead'] },
    { after: { hours: 1 }, reassign: false, notify: ['manager'] },
  ] as EscalationStep[],
  noAnswer: {
    /** The 'no answer' that makes the lead unreachable (the ones before it schedule a retry). */
    maxAttempts: 3,
    retryAfter: { hours: 2 } as BusinessDuration,
  },
  /** How long the signed links in staff emails stay valid (calendar days). */
  linkValidityDays: 14,
};

/** A dealer's override: every part optional, missing parts come from DEFAULT_SLA_POLICY. */
export const slaPolicyOverrideSchema = z.strictObject({
  callbackSla: z
    .strictObject({
      test_drive: businessDurationSchema.optional(),
      offer: businessDurationSchema.optional(),
      trade_in: businessDurationSchema.optional(),
      service: businessDurationSchema.optional(),
    })
    .optional(),
  escalation: z.array(escalationStepSchema).max(9, { message: 'at most 9 escalation steps' }).optional(),
  noAnswer: z
    .strictObject({
      maxAttempts: z.number().int().min(1).max(10).optional(),
      retryAfter: businessDurationSchema.optional(),
    })
    .optional(),
  linkValidityDays: z.number().int().min(1).max(90).optional(),
});
export type SlaPolicyOverride = z.input<typeof slaPolicyOverrideSchema>;

export type SlaPolicy = {
  callbackSla: Record<LeadKind, BusinessDuration>;
  escalation: EscalationStep[];
  noAnswer: { maxAttempts: number; retryAfter: BusinessDuration };
  linkValidityDays: number;
};

/** The effective policy; throws an error naming the field and the problem for bad overrides. */
export function resolveSlaPolicy(override: unknown = {}): SlaPolicy {
  const parsed = slaPolicyOverrideSchema.safeParse(override ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${['slaPolicy', ...i.path].join('.')}: ${i.message}`);
    throw new Error(`invalid lead SLA policy: ${problems.join('; ')}`);
  }
  const o = parsed.data;
  return {
    callbackSla: { ...DEFAULT_SLA_POLICY.callbackSla, ...stripUndefined(o.callbackSla ?? {}) },
    escalation: o.escalation ?? DEFAULT_SLA_POLICY.escalation,
    noAnswer: { ...DEFAULT_SLA_POLICY.noAnswer, ...stripUndefined(o.noAnswer ?? {}) },
    linkValidityDays: o.linkValidityDays ?? DEFAULT_SLA_POLICY.linkValidityDays,
  };
}

function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as never;
}
