/**
 * The campaign DSL marketing writes. Every helper returns plain data; `defineCampaign`
 * fills in defaults, and the registry validates the result with zod at load time.
 */
import type { CampaignDefinition, CampaignOptions, LegalBasisRequirement } from './campaign';
import type { Condition } from './conditions';
import type { Duration, Offset } from './duration';
import type { CampaignEventType } from './eventTypes';
import type { CreateTaskStep, SendStep, StaffRole, Step, WaitUntilStep } from './steps';

export type CampaignSpec = {
  id: string;
  version: number;
  name: string;
  audience: string;
  legalBasis: LegalBasisRequirement;
  context?: string[];
  exitOn?: CampaignEventType[];
  options?: Partial<CampaignOptions>;
  steps: Step[];
};

export const defaultCampaignOptions: CampaignOptions = { reentry: { mode: 'never' }, holdoutPercent: 0, priority: 0 };

export function defineCampaign(spec: CampaignSpec): CampaignDefinition {
  return {
    ...spec,
    context: spec.context ?? [],
    exitOn: spec.exitOn ?? [],
    options: { ...defaultCampaignOptions, ...spec.options },
  };
}

const named = <T extends object>(step: T, name?: string): T => (name ? { ...step, name } : step);

export const wait = (duration: Duration, name?: string): Step => named({ kind: 'wait' as const, duration }, name);

export const waitUntil = (
  date: string,
  options: { offset?: Offset; at?: string; ifPast?: WaitUntilStep['ifPast']; name?: string } = {},
): Step => {
  const { name, ...rest } = options;
  return named({ kind: 'waitUntil' as const, date, ...rest }, name);
};

export const send = (template: string, options: { name?: string; onFrequencyCap?: SendStep['onFrequencyCap'] } = {}): Step => {
  const { name, ...rest } = options;
  return named({ kind: 'send' as const, template, ...rest }, name);
};

export const branch = (when: Condition, then: Step[], otherwise: Step[] = [], name?: string): Step =>
  named({ kind: 'branch' as const, when, then, else: otherwise }, name);

export const waitForEvent = (
  event: CampaignEventType,
  timeout: Duration,
  outcomes: { onEvent?: Step[]; onTimeout?: Step[]; name?: string },
): Step =>
  named(
    { kind: 'waitForEvent' as const, event, timeout, onEvent: outcomes.onEvent ?? [], onTimeout: outcomes.onTimeout ?? [] },
    outcomes.name,
  );

export const createTask = (role: StaffRole, task: string, options: Omit<CreateTaskStep, 'kind' | 'role' | 'task'> = {}): Step => ({
  kind: 'createTask',
  role,
  task,
  ...options,
});

/** Condition helpers, so a branch reads like a sentence: branch(eq('customer.language', 'en'), …). */
export const eq = (field: string, value: string | number | boolean | null): Condition => ({ field, op: 'eq', value });
export const neq = (field: string, value: string | number | boolean | null): Condition => ({ field, op: 'neq', value });
export const isIn = (field: string, value: Array<string | number>): Condition => ({ field, op: 'in', value });
export const exists = (field: string): Condition => ({ field, op: 'exists' });
export const missing = (field: string): Condition => ({ field, op: 'missing' });
export const gt = (field: string, value: string | number): Condition => ({ field, op: 'gt', value });
export const lt = (field: string, value: string | number): Condition => ({ field, op: 'lt', value });
export const all = (...conditions: Condition[]): Condition => ({ all: conditions });
export const any = (...conditions: Condition[]): Condition => ({ any: conditions });
export const not = (condition: Condition): Condition => ({ not: condition });
