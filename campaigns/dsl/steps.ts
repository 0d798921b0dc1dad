import { z } from 'zod';
import { conditionSchema, type Condition } from './conditions';
import { durationSchema, offsetSchema, type Duration, type Offset } from './duration';
import { campaignEventTypes, type CampaignEventType } from './eventTypes';

export { childBranches, forEachStep } from './stepTree';

export const staffRoles = ['salesperson', 'service_advisor', 'team_lead', 'manager'] as const;
export type StaffRole = (typeof staffRoles)[number];

const stepName = z.string().min(1).max(80).optional();
const contextKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, { message: 'must be a context key such as huDueMonthStart' });
const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a local time HH:mm' });

export type WaitStep = { kind: 'wait'; name?: string; duration: Duration };
export type WaitUntilStep = {
  kind: 'waitUntil';
  name?: string;
  /** Key of a date (yyyy-MM-dd) in the enrollment context. */
  date: string;
  offset?: Offset;
  /** Local wall-clock time in the dealer's time zone; default 09:00. */
  at?: string;
  /** What to do when the instant has already passed at this point: go on at once, or end the campaign. */
  ifPast?: 'continue' | 'exit';
};
export type SendStep = { kind: 'send'; name?: string; template: string; onFrequencyCap?: 'defer' | 'skip' };
export type BranchStep = { kind: 'branch'; name?: string; when: Condition; then: Step[]; else: Step[] };
export type WaitForEventStep = {
  kind: 'waitForEvent';
  name?: string;
  event: CampaignEventType;
  timeout: Duration;
  onEvent: Step[];
  onTimeout: Step[];
};
export type CreateTaskStep = { kind: 'createTask'; name?: string; role: StaffRole; task: string; dueIn?: Duration; note?: string };

export type Step = WaitStep | WaitUntilStep | SendStep | BranchStep | WaitForEventStep | CreateTaskStep;
export type StepKind = Step['kind'];

export const stepSchema: z.ZodType<Step> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('wait'), name: stepName, duration: durationSchema }).strict(),
    z
      .object({
        kind: z.literal('waitUntil'),
        name: stepName,
        date: contextKey,
        offset: offsetSchema.optional(),
        at: localTime.optional(),
        ifPast: z.enum(['continue', 'exit']).optional(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('send'),
        name: stepName,
        template: z.string().min(1),
        onFrequencyCap: z.enum(['defer', 'skip']).optional(),
      })
      .strict(),
    z
      .object({ kind: z.literal('branch'), name: stepName, when: conditionSchema, then: z.array(stepSchema), else: z.array(stepSchema) })
      .strict(),
    z
      .object({
        kind: z.literal('waitForEvent'),
        name: stepName,
        event: z.enum(campaignEventTypes),
        timeout: durationSchema,
        onEvent: z.array(stepSchema),
        onTimeout: z.array(stepSchema),
      })
      .strict(),
    z
      .object({
        kind: z.literal('createTask'),
        name: stepName,
        role: z.enum(staffRoles),
        task: z.string().regex(/^[a-z][a-z0-9_]*$/, { message: 'must be a task kind such as call_for_service' }),
        dueIn: durationSchema.optional(),
        note: z.string().max(500).optional(),
      })
      .strict(),
  ]),
);
