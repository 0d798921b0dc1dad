import { z } from 'zod';

/**
 * A segment: which of a dealer's customers a newsletter is for. Every part is optional; the parts
 * given must all hold (AND). Customers who objected to advertising or were erased are never in a segment.
 * Checked with zod, so a typo in a definition fails at load with the field's name.
 */

export const fuelTypes = ['petrol', 'diesel', 'hybrid', 'plug_in_hybrid', 'electric', 'lpg', 'cng', 'hydrogen', 'other'] as const;

const nonEmptyList = <T extends z.ZodType>(item: T) =>
  z.array(item).min(1, { message: 'must list at least one value (leave the field out to not filter)' });
const word = z.string().trim().min(1);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date yyyy-MM-dd' });

/** A moment relative to the run ("730 days ago") or a fixed calendar date (midnight in the dealer's time zone). */
export const pointInTimeSchema = z.union([isoDate, z.object({ daysAgo: z.number().int().min(0) }).strict()]);
export type PointInTime = z.infer<typeof pointInTimeSchema>;

/** At least one of the customer's registered vehicles (not deregistered) matches every condition given here; `{}` = owns one. */
export const vehicleFilterSchema = z
  .object({
    /** e.g. ['Volkswagen', 'Škoda']; case does not matter. */
    makes: nonEmptyList(word).optional(),
    /** e.g. ['ID.4', 'Golf']; case does not matter. */
    models: nonEmptyList(word).optional(),
    fuelTypes: nonEmptyList(z.enum(fuelTypes)).optional(),
    /** First registration (or, without one, delivery) at least this many years before the run. */
    olderThanYears: z.number().positive().optional(),
    /** First registration (or, without one, delivery) less than this many years before the run. */
    youngerThanYears: z.number().positive().optional(),
  })
  .strict()
  .refine((v) => !(v.olderThanYears && v.youngerThanYears && v.olderThanYears >= v.youngerThanYears), {
    message: 'olderThanYears must be less than youngerThanYears, or nobody matches',
    path: ['olderThanYears'],
  });

export const segmentSchema = z
  .object({
    vehicle: vehicleFilterSchema.optional(),
    /** Names of the dealer's locations (branches), e.g. ['München-Laim']. */
    locations: nonEmptyList(word).optional(),
    languages: nonEmptyList(z.enum(['de', 'en'])).optional(),
    /**
     * The customer's last touchpoint (any channel). `before`: nothing since then (also true for a
     * customer without any touchpoint). `after`: at least one touchpoint since then.
     */
    lastInteraction: z
      .object({ before: pointInTimeSchema.optional(), after: pointInTimeSchema.optional() })
      .strict()
      .refine((v) => v.before !== undefined || v.after !== undefined, { message: 'lastInteraction: give before, after or both' })
      .optional(),
    tags: z
      .object({ all: nonEmptyList(word).optional(), any: nonEmptyList(word).optional(), none: nonEmptyList(word).optional() })
      .strict()
      .optional(),
  })
  .strict();

export type Segment = z.infer<typeof segmentSchema>;

/** Parses a segment definition; the error names the field and the problem. */
export function parseSegment(input: unknown, label = 'segment'): Segment {
  const parsed = segmentSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${[label, ...issue.path].join('.')}: ${issue.message}`);
  throw new Error(`Invalid segment: ${problems.join('; ')}`);
}
