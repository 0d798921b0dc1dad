import type { BusinessCalendar } from './businessTime';
import { publicHolidaysIn } from './publicHolidays';

/** Years of holidays pinned: a lead is followed up within days or weeks, so this covers it with room. */
export const PINNED_YEARS = 3;

/**
 * The calendar with its state's public holidays written out for `PINNED_YEARS` years from `fromYear`. An activity
 * pins them when a workflow starts and returns the calendar: it is then recorded in the workflow's history, and the
 * deadlines the workflow computes from it (SLA, escalation ladder, retries) stay what they were even if a later
 * date-holidays release changes a holiday, so running workflows keep their timers and replay never breaks.
 */
export function pinPublicHolidays(calendar: BusinessCalendar, fromYear: number): BusinessCalendar {
  const toYear = fromYear + PINNED_YEARS - 1;
  const dates: string[] = [];
  for (let year = fromYear; year <= toYear; year++) dates.push(...publicHolidaysIn(year, calendar.federalState).map((h) => h.date));
  return { ...calendar, pinnedHolidays: { fromYear, toYear, dates } };
}
