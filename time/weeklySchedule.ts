import { DateTime } from 'luxon';
import { localDateTime } from './instant';
import type { WeeklyHours } from './openingHours';
import { minutesOfDay, opensAtAll, weekdayKey } from './weeklyHours';

/**
 * The engine under business time and sending windows: weekly hours in a time zone, optionally
 * closed on the public holidays of a federal state, turned into concrete open intervals
 * (instants). Every local wall time is placed with the zone's rules of that very day, so the
 * intervals are DST-correct, and durations measured between instants are real elapsed time.
 */
export interface WeeklySchedule {
  timeZone: string;
  hours: WeeklyHours;
  /** Closed all day on this local date (yyyy-MM-dd), whatever the weekly hours say: a public holiday. */
  isClosedOn: (localDate: string) => boolean;
}

/** A stretch of open time: open at `start`, closed again at `end`. */
export interface OpenInterval {
  start: DateTime;
  end: DateTime;
}

/** A run of this many consecutive closed days means the schedule is unusable (never reached by real hours). */
const MAX_CLOSED_DAYS_IN_A_ROW = 400;

/** The calendar date (midnight UTC, for date arithmetic) on which `instant` falls in `timeZone`. */
export function calendarDateOf(instant: DateTime, timeZone: string): DateTime {
  const local = instant.setZone(timeZone);
  return DateTime.utc(local.year, local.month, local.day);
}

/** The open intervals of one local calendar date, in order; none on a closed weekday or holiday. */
export function openIntervalsOn(date: DateTime, schedule: WeeklySchedule): OpenInterval[] {
  if (schedule.isClosedOn(date.toFormat('yyyy-MM-dd'))) return [];
  const result: OpenInterval[] = [];
  for (const iv of schedule.hours[weekdayKey(date.weekday)]) {
    const from = minutesOfDay(iv.from);
    const to = minutesOfDay(iv.to);
    const start = localDateTime(date, Math.floor(from / 60), from % 60, schedule.timeZone);
    const end = localDateTime(date, Math.floor(to / 60), to % 60, schedule.timeZone);
    // An interval lying wholly inside a spring-forward gap has no real time in it.
    if (end.toMillis() > start.toMillis()) result.push({ start, end });
  }
  return result;
}

/**
 * Every open interval that ends after `from`, in order, the first one clipped to begin at `from`.
 * Infinite: the caller stops iterating. Throws when the schedule never opens.
 */
export function* openIntervalsFrom(from: DateTime, schedule: WeeklySchedule): Generator<OpenInterval> {
  if (!opensAtAll(schedule.hours)) throw new Error('opening hours: every weekday is closed, so there is no open time to count');
  const fromMs = from.toMillis();
  let date = calendarDateOf(from, schedule.timeZone);
  let closedDays = 0;
  for (;;) {
    const intervals = openIntervalsOn(date, schedule);
    for (const iv of intervals) {
      if (iv.end.toMillis() <= fromMs) continue;
      yield iv.start.toMillis() < fromMs ? { start: from, end: iv.end } : iv;
    }
    closedDays = intervals.length > 0 ? 0 : closedDays + 1;
    if (closedDays > MAX_CLOSED_DAYS_IN_A_ROW)
      throw new Error(`opening hours: no open time in ${MAX_CLOSED_DAYS_IN_A_ROW} days after ${from.toISO()}`);
    date = date.plus({ days: 1 });
  }
}

/** The first open instant at or after `from` (`from` itself when open then), in the schedule's zone. */
export function firstOpenInstant(from: DateTime, schedule: WeeklySchedule): DateTime {
  const first = openIntervalsFrom(from, schedule).next();
  if (first.done) throw new Error('opening hours: no open time found');
  return first.value.start.setZone(schedule.timeZone);
}

/** True when `at` lies inside an open interval (open at the opening minute, closed at the closing minute). */
export function isOpenAt(at: DateTime, schedule: WeeklySchedule): boolean {
  const ms = at.toMillis();
  return openIntervalsOn(calendarDateOf(at, schedule.timeZone), schedule).some((iv) => iv.start.toMillis() <= ms && ms < iv.end.toMillis());
}

/** The next calendar date after `date` that has any open interval. */
export function nextDateWithOpenTime(date: DateTime, schedule: WeeklySchedule): DateTime {
  let candidate = date;
  for (let i = 0; i < MAX_CLOSED_DAYS_IN_A_ROW; i++) {
    candidate = candidate.plus({ days: 1 });
    if (openIntervalsOn(candidate, schedule).length > 0) return candidate;
  }
  throw new Error(`opening hours: no open day in ${MAX_CLOSED_DAYS_IN_A_ROW} days after ${date.toFormat('yyyy-MM-dd')}`);
}
