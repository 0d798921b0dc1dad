import { z } from 'zod';
import { timeZoneSchema } from '../time/timeZoneSchema';
import { segmentSchema } from '../segments/segmentSchema';

/**
 * A newsletter: a segment, the content of the 'newsletter-generic' template, how fast it may go out,
 * and optionally a schedule (a calendar in the dealer's time zone). Defined in code, checked with zod.
 */

const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), { message: 'must be an http(s) URL' });

export const newsletterContentSchema = z
  .object({
    subject: z.string().min(1).max(150),
    preheader: z.string().min(1).max(200),
    headline: z.string().min(1),
    paragraphs: z.array(z.string().min(1)).min(1).max(20),
    callToAction: z
      .object({ label: z.string().min(1), url: httpUrl })
      .strict()
      .optional(),
    signature: z.array(z.string().min(1)).min(1).max(4).optional(),
  })
  .strict();
export type NewsletterContent = z.infer<typeof newsletterContentSchema>;

const weekdays = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type Weekday = (typeof weekdays)[number];

/**
 * When a recurring newsletter goes out, in local time: `{ months: [10], weekday: 'TUESDAY', weekOfMonth: 1, at: '10:00' }`
 * is "the first Tuesday of October at 10:00". Without weekday: `dayOfMonth` (default 1).
 */
export const newsletterScheduleSchema = z
  .object({
    months: z.array(z.number().int().min(1).max(12)).min(1),
    weekday: z.enum(weekdays).optional(),
    /** With weekday: 1 = days 1–7 of the month (the first such weekday), 2 = days 8–14, … */
    weekOfMonth: z.number().int().min(1).max(4).optional(),
    dayOfMonth: z.number().int().min(1).max(28).optional(),
    at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a local time HH:mm' }),
    timeZone: timeZoneSchema.default('Europe/Berlin'),
  })
  .strict()
  .refine((s) => !(s.weekday && s.dayOfMonth), { message: 'give weekday (with weekOfMonth) or dayOfMonth, not both', path: ['dayOfMonth'] })
  .refine((s) => !(s.weekOfMonth && !s.weekday), { message: 'weekOfMonth needs a weekday', path: ['weekOfMonth'] });
export type NewsletterSchedule = z.infer<typeof newsletterScheduleSchema>;

export const newsletterDefinitionSchema = z
  .object({
    /** Stable id, used in schedule and workflow ids: lower-case letters, digits and dashes. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,60}$/, { message: 'must be lower-case letters, digits and dashes, 2–61 characters' }),
    name: z.string().min(1),
    /** The dealer it is for; unset means the only dealer in the database. */
    dealerId: z.string().uuid().optional(),
    segment: segmentSchema,
    templateId: z.literal('newsletter-generic').default('newsletter-generic'),
    /** German content; English-speaking customers get `en` when given, else the German text. */
    content: z.object({ de: newsletterContentSchema, en: newsletterContentSchema.optional() }).strict(),
    /**
     * The legal basis every recipient needs at send time: express consent (double opt-in, the default
     * for a general newsletter) or also §7(3) UWG for existing customers (own similar services, e.g. tyre change).
     */
    legalBasis: z.enum(['consent', 'existing_customer']).default('consent'),
    /** Messages per second at most (unset: as fast as SMTP takes them). */
    ratePerSecond: z.number().positive().max(10_000).optional(),
    /** Recipients the marketing frequency cap holds back: skipped (default, the news is time-bound) or sent once the cap has room. */
    onFrequencyCap: z.enum(['skip', 'defer']).default('skip'),
    schedule: newsletterScheduleSchema.optional(),
  })
  .strict();

export type NewsletterDefinition = z.infer<typeof newsletterDefinitionSchema>;
export type NewsletterDefinitionInput = z.input<typeof newsletterDefinitionSchema>;

/** Checks a definition; the error names the newsletter, the field and the problem. */
export function defineNewsletter(input: NewsletterDefinitionInput): NewsletterDefinition {
  const parsed = newsletterDefinitionSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const name = typeof (input as { id?: unknown })?.id === 'string' ? (input as { id: string }).id : 'newsletter';
  const problems = parsed.error.issues.map((issue) => `${[name, ...issue.path].join('.')}: ${issue.message}`);
  throw new Error(`Invalid newsletter definition: ${problems.join('; ')}`);
}
