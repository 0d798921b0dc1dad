import { DateTime } from 'luxon';
import { z } from 'zod';
import { DEFAULT_TIME_ZONE, formatInstant, localDateTime, parseInstant, timeZoneSchema, type InstantInput } from './instant';
import { openingHoursSchema } from './openingHours';
import { federalStateSchema } from './publicHolidays';
import { parseOrThrow } from './validation';
import {
  calendarDateOf,
  firstOpenInstant,
  isOpenAt,
  nextDateWithOpenTime,
  openIntervalsFrom,
  openIntervalsOn,
  type OpenInterval,
  type WeeklySchedule,
} from './weeklySchedule';

/**
 * Business time of a dealership location: only time inside its opening hours counts; closed
 * weekdays and the public holidays of its federal state are skipped; DST-correct in its zone.
 *
 * Pure and deterministic (safe in Temporal workflow code): the current instant is always a
 * parameter, instants go in as ISO strings (with offset) or epoch millis and come out as UTC ISO.
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

function scheduleOf(calendar: BusinessCalendarInput): WeeklySchedule {
  const c = parseBusinessCalendar(calendar);
  const pinned = c.pinnedHolidays && {
    fromYear: c.pinnedHolidays.fromYear,
    toYear: c.pinnedHolidays.toYear,
    dates: new Set(c.pinnedHolidays.dates),
  };
  return { timeZone: c.timeZone, hours: c.openingHours, closedOnHolidaysOf: c.federalState, pinnedHolidays: pinned };
}

/** An SLA: business minutes, business hours, or whole business days. */
export type BusinessDuration = { minutes: number } | { hours: number } | { businessDays: number };

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
  const schedule = scheduleOf(calendar);
  const d = parseOrThrow(durationSchema, duration, 'business duration');
  if ('businessDays' in d) return formatInstant(addBusinessDays(from, d.businessDays, schedule));
  const minutes = 'hours' in d ? d.hours * 60 : d.minutes;
  return formatInstant(addOpenMillis(from, Math.round(minutes * 60_000), schedule));
}

function addOpenMillis(from: DateTime, millis: number, schedule: WeeklySchedule): DateTime {
  let remaining = millis;
  for (const iv of openIntervalsFrom(from, schedule)) {
    const available = iv.end.toMillis() - iv.start.toMillis();
    if (remaining <= available) return iv.start.plus({ milliseconds: remaining });
    remaining -= available;
  }
  throw new Error('unreachable: openIntervalsFrom never ends');
}

function addBusinessDays(from: DateTime, days: number, schedule: WeeklySchedule): DateTime {
  const anchor = firstOpenInstant(from, schedule);
  if (days === 0) return anchor;
  let date = calendarDateOf(anchor, schedule.timeZone);
  for (let i = 0; i < days; i++) date = nextDateWithOpenTime(date, schedule);
  const sameWallTime = localDateTime(date, anchor.hour, anchor.minute, schedule.timeZone, anchor.second, anchor.millisecond);
  return keepWithinDay(sameWallTime, openIntervalsOn(date, schedule));
}

/** `at` if inside one of the day's intervals; else the latest closing before it; else the first opening. */
function keepWithinDay(at: DateTime, intervals: OpenInterval[]): DateTime {
  const ms = at.toMillis();
  if (intervals.some((iv) => iv.start.toMillis() <= ms && ms < iv.end.toMillis())) return at;
  const closedBefore = intervals.filter((iv) => iv.end.toMillis() <= ms);
  const last = closedBefore[closedBefore.length - 1];
  if (last) return last.end;
  const first = intervals[0];
  if (!first) throw new Error('unreachable: a business day has open intervals');
  return first.start;
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

function openMillisBetween(from: DateTime, to: DateTime, schedule: WeeklySchedule): number {
  const toMs = to.toMillis();
  let total = 0;
  for (const iv of openIntervalsFrom(from, schedule)) {
    if (iv.start.toMillis() >= toMs) break;
    total += Math.min(iv.end.toMillis(), toMs) - iv.start.toMillis();
  }
  return total;
}

/** The first instant at or after `at` when the location is open: `at` itself if open then. */
export function nextOpening(at: InstantInput, calendar: BusinessCalendarInput): string {
  return formatInstant(firstOpenInstant(parseInstant(at, 'at'), scheduleOf(calendar)));
}

/** Is the location open at `at`? Open from the opening minute, closed from the closing minute on. */
export function isOpen(at: InstantInput, calendar: BusinessCalendarInput): boolean {
  return isOpenAt(parseInstant(at, 'at'), scheduleOf(calendar));
}
