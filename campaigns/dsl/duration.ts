import { z } from 'zod';

/** A calendar-aware span: months are calendar months in the dealer's time zone, not 30 days. */
export const durationSchema = z
  .object({
    minutes: z.number().int().nonnegative().optional(),
    hours: z.number().int().nonnegative().optional(),
    days: z.number().int().nonnegative().optional(),
    weeks: z.number().int().nonnegative().optional(),
    months: z.number().int().nonnegative().optional(),
    years: z.number().int().nonnegative().optional(),
  })
  .strict()
  .refine((d) => Object.values(d).some((v) => (v ?? 0) > 0), { message: 'duration must be longer than zero' });

export type Duration = z.infer<typeof durationSchema>;

/** A signed offset from a date, e.g. `{ weeks: -6 }` for "6 weeks before". */
export const offsetSchema = z
  .object({
    days: z.number().int().optional(),
    weeks: z.number().int().optional(),
    months: z.number().int().optional(),
    years: z.number().int().optional(),
  })
  .strict();

export type Offset = z.infer<typeof offsetSchema>;

export function describeDuration(d: Duration): string {
  return Object.entries(d)
    .filter(([, v]) => (v ?? 0) > 0)
    .map(([unit, v]) => `${v} ${unit}`)
    .join(' ');
}
