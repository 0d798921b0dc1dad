import type { ScheduleSpec } from '@temporalio/client';
import type { NewsletterSchedule } from './definition';

const monthNames = [
  'JANUARY',
  'FEBRUARY',
  'MARCH',
  'APRIL',
  'MAY',
  'JUNE',
  'JULY',
  'AUGUST',
  'SEPTEMBER',
  'OCTOBER',
  'NOVEMBER',
  'DECEMBER',
] as const;

/**
 * The schedule as a Temporal calendar in the dealer's time zone (Temporal applies DST itself). All
 * fields of a calendar must match, so "first Tuesday" is dayOfWeek TUESDAY and dayOfMonth 1–7.
 */
export function scheduleSpecFor(schedule: NewsletterSchedule): ScheduleSpec {
  const [hour, minute] = schedule.at.split(':').map(Number);
  const dayOfMonth = schedule.weekday
    ? schedule.weekOfMonth
      ? [{ start: (schedule.weekOfMonth - 1) * 7 + 1, end: schedule.weekOfMonth * 7 }]
      : undefined
    : [schedule.dayOfMonth ?? 1];
  return {
    calendars: [
      {
        month: schedule.months.map((m) => monthNames[m - 1]),
        ...(dayOfMonth ? { dayOfMonth } : {}),
        ...(schedule.weekday ? { dayOfWeek: [schedule.weekday] } : {}),
        hour,
        minute,
        second: 0,
      },
    ],
    timezone: schedule.timeZone,
  };
}
