import type { WeeklyHours } from './openingHours';

/**
 * Reading validated weekly hours (opening hours, sending windows): weekday keys and wall-clock minutes. The schema
 * that validates them is in openingHours.ts; this module has no libraries, as the business calendar that workflows
 * run (time/businessClock.ts) needs it.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `'09:30'` → 570 minutes after midnight. Expects a validated HH:mm. */
export function minutesOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** luxon weekday (1 = Monday … 7 = Sunday) → key in WeeklyHours. */
export function weekdayKey(isoWeekday: number): Weekday {
  const key = WEEKDAYS[isoWeekday - 1];
  if (!key) throw new Error(`weekday must be 1 (Monday) … 7 (Sunday), got ${isoWeekday}`);
  return key;
}

/** True when at least one weekday has an interval, i.e. the location opens at all. */
export function opensAtAll(hours: WeeklyHours): boolean {
  return WEEKDAYS.some((d) => hours[d].length > 0);
}
