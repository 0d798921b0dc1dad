import { DateTime } from 'luxon';
import { z } from 'zod';
import { behaviourSchema } from './behaviour';

/**
 * What a simulation runs: whose customers (a pseudonymised snapshot of the dealer's database, or a
 * generated population), from when, for how long, with which seed, behaviour and campaign definitions.
 */
const isoDate = z.iso.date({ message: 'must be a calendar date yyyy-MM-dd' });

export const populationSchema = z.discriminatedUnion('source', [
  z.strictObject({
    source: z.literal('snapshot'),
    /** postgresql://… of the dealer's database, or undefined for the embedded PGlite in the data dir. Only read. */
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\//, { message: 'must start with postgresql://' })
      .optional(),
    /** Restrict to one dealer (default: every dealer in the database). */
    dealerId: z.uuid({ message: 'must be a UUID' }).optional(),
  }),
  z.strictObject({
    source: z.literal('generated'),
    customers: z.number().int().min(1, { message: 'must be at least 1' }).max(200_000, { message: 'must be at most 200000' }),
    locations: z.number().int().min(1).max(50).default(1),
  }),
]);

export const simulationOptionsSchema = z.strictObject({
  population: populationSchema,
  /** First simulated day (local, Europe/Berlin by default); must not lie in the past. */
  start: isoDate,
  months: z.number().int().min(1, { message: 'must be at least 1' }).max(60, { message: 'must be at most 60' }),
  seed: z.string().min(1).max(100).default('stammkunde'),
  behaviour: behaviourSchema.default(behaviourSchema.parse({})),
  /** A directory of campaign modules, or a git ref of this repository, whose definitions are compared with the current ones. */
  changedCampaigns: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('directory'), path: z.string().min(1) }),
      z.strictObject({ kind: z.literal('gitRef'), ref: z.string().min(1).max(200) }),
    ])
    .optional(),
  /** Events the marketer wants to happen, e.g. an objection in month 5 ("what if"). */
  scriptedEvents: z
    .array(
      z.strictObject({
        customerId: z.uuid({ message: 'must be a UUID' }),
        on: isoDate,
        type: z.enum(['objection', 'service_visit_done', 'hu_done', 'email_replied']),
      }),
    )
    .default([]),
  /** "Customers who get more than N messages in a month" (default 3). */
  heavyRecipientThreshold: z.number().int().min(1).max(100).default(3),
  timeZone: z.string().default('Europe/Berlin'),
});

export type SimulationOptions = z.output<typeof simulationOptionsSchema>;
export type SimulationOptionsInput = z.input<typeof simulationOptionsSchema>;

/** Parses the options, or throws one error naming every bad field. */
export function parseSimulationOptions(candidate: unknown): SimulationOptions {
  const parsed = simulationOptionsSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  throw new Error(
    `Invalid simulation options: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`).join('; ')}`,
  );
}

/** A simulation's start date `daysAhead` days from today in the dealership's zone (the CLI's default is today). */
export function simulationStartDate(daysAhead = 0, zone = 'Europe/Berlin'): string {
  return DateTime.now().setZone(zone).plus({ days: daysAhead }).toISODate()!;
}
