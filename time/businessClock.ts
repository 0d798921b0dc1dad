import type { DateTime } from 'luxon';
import type { BusinessCalendar } from './businessTime';
import type { FederalState } from './federalStates';
import { formatInstant, localDateTime, parseInstant, type InstantInput } from './instant';
import {
  calendarDateOf,
  firstOpenInstant,
  nextDateWithOpenTime,
  openIntervalsFrom,
  openIntervalsOn,
  type OpenInterval,
  type WeeklySchedule,
} from './weeklySchedule';

/**
 * Business-time arithmetic on a calendar that is already validated (time/businessTime.ts validates what comes from
 * an API or a config and then counts with this module). Workflows count with it directly: it uses luxon and nothing
 * else, because Temporal's sandbox evaluates every module of the workflow code again for each workflow run, and the
 * holidays a workflow counts with are those an activity pinned into its calendar (time/pinnedHolidays.ts).
 *
 * Pure and deterministic: the current instant is always a parameter.
 */

/** An SLA: business minutes, business hours, or whole business days. */
export type BusinessDuration = { minutes: number } | { hours: number } | { businessDays: number };

/** Whether a state has a public holiday on a local date (yyyy-MM-dd): the holiday data, outside workflow code. */
export type HolidayData = (localDate: string, federalState: FederalState) => boolean;

/**
 * The calendar as a weekly schedule. The years its pinned holidays cover are answered from them; other years from
 * `holidayData`, and without it (workflow code) a date outside the pinned years is an error that says so, never a
 * silent working day.
 */
export function businessSchedule(calendar: BusinessCalendar, holidayData?: HolidayData): WeeklySchedule {
  const pinned = calendar.pinnedHolidays;
  const pinnedDates = new Set(pinned?.dates ?? []);
  const isClosedOn = (localDate: string): boolean => {
    const year = Number(localDate.slice(0, 4));
    if (pinned && year >= pinned.fromYear && year <= pinned.toYear) return pinnedDates.has(localDate);
    if (holidayData) return holidayData(localDate, calendar.federalState);
    const which = pinned ? `only ${pinned.fromYear}–${pinned.toYear} are pinned` : 'none are pinned';
    throw new Error(`business calendar: the public holidays of ${year} are needed, but ${which} (time/pinnedHolidays.ts)`);
  };
  return { timeZone: calendar.timeZone, hours: calendar.openingHours, isClosedOn };
}

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
export function addBusinessDuration(start: InstantInput, duration: BusinessDuration, calendar: BusinessCalendar): string {
  return formatInstant(addBusinessDurationOn(parseInstant(start, 'start'), duration, businessSchedule(calendar)));
}

/** `addBusinessDuration` on a schedule: the deadline as a DateTime. */
export function addBusinessDurationOn(from: DateTime, duration: BusinessDuration, schedule: WeeklySchedule): DateTime {
  if ('businessDays' in duration) return addBusinessDays(from, duration.businessDays, schedule);
  const minutes = 'hours' in duration ? duration.hours * 60 : duration.minutes;
  return addOpenMillis(from, Math.round(minutes * 60_000), schedule);
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

/** Open milliseconds from `from` to `to` (`to` not before `from`). */
export function openMillisBetween(from: DateTime, to: DateTime, schedule: WeeklySchedule): number {
  const toMs = to.toMillis();
  let total = 0;
  for (const iv of openIntervalsFrom(from, schedule)) {
    if (iv.start.toMillis() >= toMs) break;
    total += Math.min(iv.end.toMillis(), toMs) - iv.start.toMillis();
  }
  return total;
}
