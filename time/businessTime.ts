import { z } from 'zod';
import { addBusinessDurationOn, businessSchedule, openMillisBetween, type BusinessDuration } from './businessClock';
import { federalStateSchema } from './federalStateSchema';
import { DEFAULT_TIME_ZONE, formatInstant, parseInstant, type InstantInput } from './instant';
import { openingHoursSchema } from './openingHours';
import { isPublicHoliday } from './publicHolidays';
import { timeZoneSchema } from './timeZoneSchema';
import { parseOrThrow } from './validation';
import { firstOpenInstant, isOpenAt, type WeeklySchedule } from './weeklySchedule';

/**
 * Business time of a dealership location: only time inside its opening hours counts; closed
 * weekdays and the public holidays of its federal state are skipped; DST-correct in its zone.
 *
 * This module is the entry for calendars and durations from an API, a config or the database: it validates them and
 * counts with time/businessClock.ts, falling back to today's holiday data for years a calendar has not pinned.
 * Workflows count with businessClock.ts directly, on the calendar an activity pinned.
 *
 * Pure and deterministic: the current instant is always a parameter, instants go in as ISO strings (with offset) or
 * epoch millis and come out as UTC ISO.
 */

/** The state's public holidays for some years, as the holiday data had them when they were pinned (see pinnedHolidays.ts). */
export const pinnedHolidaysSchema = z.strictObject({
  fromYear: z.number().int(),
  toYear: z.number().int(),
  dates: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected yyyy-MM-dd')),
});

export const businessCalendarSchema = z.object({
  timeZone: timeZoneSchema.default(DEFAULT_TIME_ZONE),
  openingHours: openingHoursSchema,
  federalState: federalStateSchema,
  /** When present, these dates are the holidays for the years they cover, whatever today's holiday data says. */
  pinnedHolidays: pinnedHolidaysSchema.optional(),
});
export type BusinessCalendar = z.output<typeof businessCalendarSchema>;
/** `{ federalState: 'BY' }` is enough: Europe/Berlin and the default opening hours fill in. */
export type BusinessCalendarInput = z.input<typeof businessCalendarSchema>;

export function parseBusinessCalendar(input: unknown): BusinessCalendar {
  return parseOrThrow(businessCalendarSchema, input, 'business calendar');
}

/** The calendar as a schedule: its pinned holidays, and today's holiday data for the years they do not cover. */
function scheduleOf(calendar: BusinessCalendarInput): WeeklySchedule {
  return businessSchedule(parseBusinessCalendar(calendar), isPublicHoliday);
}

export type { BusinessDuration } from './businessClock';

const durationSchema = z.union(
  [
    z.strictObject({ minutes: z.number().nonnegative() }),
    z.strictObject({ hours: z.number().nonnegative() }),
    z.strictObject({ businessDays: z.number().int().nonnegative() }),
  ],
  { error: 'duration: expected exactly one of { minutes: ≥0 }, { hours: ≥0 } or { businessDays: whole number ≥0 }' },
);

/**
 * The instant a business duration after `start` ends.
 *
 * - `{ minutes }` / `{ hours }`: counts only open time. A start outside opening hours begins
 *   counting at the next opening. When the duration ends exactly at a closing time, the result is
 *   that closing time (Tue 16:00 + 2 h at an 18:00 close → Tue 18:00), not the next opening.
 * - `{ businessDays: n }`: the same local wall time n business days later (a business day is a
 *   date with opening hours that is not a public holiday): Tue 10:00 + 1 → Wed 10:00. A start
 *   outside opening hours is first moved to the next opening (Sun 11:00 + 1 → Tue 08:00).
 *   When that wall time is not within the target day's hours, the deadline stays on the target day:
 *   the latest closing at or before that time (Fri 17:00 + 1 → Sat 13:00 where Saturday closes at
 *   13:00; during a lunch break 12:30 → 12:00), or the day's first opening if it opens only later.
 * - Zero means: the first open instant at or after `start`.
 */
export function addBusinessDuration(start: InstantInput, duration: BusinessDuration, calendar: BusinessCalendarInput): string {
  const from = parseInstant(start, 'start');
  const d = parseOrThrow(durationSchema, duration, 'business duration');
  return formatInstant(addBusinessDurationOn(from, d, scheduleOf(calendar)));
}

/**
 * Open minutes between two instants (fractional when they are not on whole minutes).
 * Negative when `b` is before `a`. Real elapsed time: an open hour lost to spring-forward is not counted.
 */
export function businessMinutesBetween(a: InstantInput, b: InstantInput, calendar: BusinessCalendarInput): number {
  const from = parseInstant(a, 'a');
  const to = parseInstant(b, 'b');
  const schedule = scheduleOf(calendar);
  if (to.toMillis() < from.toMillis()) return -openMillisBetween(to, from, schedule) / 60_000;
  return openMillisBetween(from, to, schedule) / 60_000;
}

/** The first instant at or after `at` when the location is open: `at` itself if open then. */
export function nextOpening(at: InstantInput, calendar: BusinessCalendarInput): string {
  return formatInstant(firstOpenInstant(parseInstant(at, 'at'), scheduleOf(calendar)));
}

/** Is the location open at `at`? Open from the opening minute, closed from the closing minute on. */
export function isOpen(at: InstantInput, calendar: BusinessCalendarInput): boolean {
  return isOpenAt(parseInstant(at, 'at'), scheduleOf(calendar));
}
