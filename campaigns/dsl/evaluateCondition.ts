/**
 * A branch condition over the enrollment context (`customer.*`, `vehicle.*`, `context.*`) and its evaluation, run
 * inside the enrollment workflow. No libraries: Temporal's sandbox evaluates the workflow code's modules for every
 * workflow run. The schema that validates conditions is in conditions.ts.
 */

export type Condition =
  | { field: string; op: 'eq' | 'neq'; value: string | number | boolean | null }
  | { field: string; op: 'in' | 'notIn'; value: Array<string | number> }
  | { field: string; op: 'gt' | 'gte' | 'lt' | 'lte'; value: string | number }
  | { field: string; op: 'exists' | 'missing' }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export type ConditionInput = Record<'customer' | 'vehicle' | 'context', Record<string, unknown> | null | undefined>;

function readField(input: ConditionInput, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => {
    if (value === null || value === undefined || typeof value !== 'object') return undefined;
    return (value as Record<string, unknown>)[key];
  }, input);
}

function compare(a: unknown, b: string | number): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0; // ISO dates compare as strings
  return undefined;
}

export function evaluateCondition(condition: Condition, input: ConditionInput): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, input));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, input));
  if ('not' in condition) return !evaluateCondition(condition.not, input);
  const actual = readField(input, condition.field);
  switch (condition.op) {
    case 'eq':
      return actual === condition.value;
    case 'neq':
      return actual !== condition.value;
    case 'in':
      return condition.value.includes(actual as string | number);
    case 'notIn':
      return !condition.value.includes(actual as string | number);
    case 'exists':
      return actual !== undefined && actual !== null;
    case 'missing':
      return actual === undefined || actual === null;
    default: {
      const diff = compare(actual, condition.value);
      if (diff === undefined) return false;
      return { gt: diff > 0, gte: diff >= 0, lt: diff < 0, lte: diff <= 0 }[condition.op];
    }
  }
}
