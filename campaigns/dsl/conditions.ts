import { z } from 'zod';
import type { Condition } from './evaluateCondition';

export { evaluateCondition, type Condition, type ConditionInput } from './evaluateCondition';

/**
 * The schema of branch conditions over the enrollment context (`customer.*`, `vehicle.*`, `context.*`). Pure data,
 * evaluated deterministically inside the workflow by evaluateCondition.ts (no zod there: workflows run it).
 */
const fieldPath = z.string().regex(/^(customer|vehicle|context)(\.[A-Za-z0-9_]+)+$/, {
  message: 'field must look like customer.language, vehicle.fuelType or context.someValue',
});
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ field: fieldPath, op: z.enum(['eq', 'neq']), value: scalar }).strict(),
    z.object({ field: fieldPath, op: z.enum(['in', 'notIn']), value: z.array(z.union([z.string(), z.number()])).min(1) }).strict(),
    z.object({ field: fieldPath, op: z.enum(['gt', 'gte', 'lt', 'lte']), value: z.union([z.string(), z.number()]) }).strict(),
    z.object({ field: fieldPath, op: z.enum(['exists', 'missing']) }).strict(),
    z.object({ all: z.array(conditionSchema).min(1) }).strict(),
    z.object({ any: z.array(conditionSchema).min(1) }).strict(),
    z.object({ not: conditionSchema }).strict(),
  ]),
);
