import { z } from 'zod';
import { parseOrThrow } from './validation';
import { minutesOfDay, WEEKDAYS, type Weekday } from './weeklyHours';

export { minutesOfDay, opensAtAll, weekdayKey, WEEKDAYS, type Weekday } from './weeklyHours';

/**
 * A location's weekly opening hours: for each weekday a list of intervals in local wall time,
 * e.g. `{ mon: [{ from: '08:00', to: '12:00' }, { from: '13:00', to: '18:00' }], …, sun: [] }`.
 * Several intervals per day are allowed (a lunch break is the gap between them); an empty list
 * means closed. Intervals are half-open: open at `from`, closed again at `to`.
 * A missing weekday means closed; unknown keys (e.g. `monday`) are rejected.
 */

const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

const timeOfDaySchema = z.string().regex(HH_MM, { message: 'must be a time HH:mm between 00:00 and 23:59' });
const intervalSchema = z.strictObject({ from: timeOfDaySchema, to: timeOfDaySchema });
export type OpeningInterval = z.infer<typeof intervalSchema>;

function dayIntervalsSchema(day: Weekday) {
  const name = WEEKDAY_NAMES[day];
  return z
    .array(intervalSchema)
    .default([])
    .superRefine((intervals, ctx) => {
      intervals.forEach((iv, index) => {
        if (minutesOfDay(iv.from) >= minutesOfDay(iv.to)) {
          ctx.addIssue({ code: 'custom', path: [index], message: `${name}: ${iv.from}–${iv.to} must start before it ends` });
        }
      });
      const sorted = [...intervals].sort((a, b) => minutesOfDay(a.from) - minutesOfDay(b.from));
      for (let i = 1; i < sorted.length; i++) {
        const prev = sorted[i - 1];
        const cur = sorted[i];
        if (minutesOfDay(cur.from) < minutesOfDay(prev.to)) {
          ctx.addIssue({ code: 'custom', message: `${name}: ${prev.from}–${prev.to} and ${cur.from}–${cur.to} overlap` });
        }
      }
    })
    .transform((intervals) => [...intervals].sort((a, b) => minutesOfDay(a.from) - minutesOfDay(b.from)));
}

/** Weekly hours of any kind (opening hours, sending windows); validated and sorted. No default. */
export const weeklyHoursSchema = z.strictObject({
  mon: dayIntervalsSchema('mon'),
  tue: dayIntervalsSchema('tue'),
  wed: dayIntervalsSchema('wed'),
  thu: dayIntervalsSchema('thu'),
  fri: dayIntervalsSchema('fri'),
  sat: dayIntervalsSchema('sat'),
  sun: dayIntervalsSchema('sun'),
});

/** Validated weekly hours, intervals sorted by start within each day. */
export type WeeklyHours = z.output<typeof weeklyHoursSchema>;
/** What a config file or API may send (missing weekdays mean closed). */
export type WeeklyHoursInput = z.input<typeof weeklyHoursSchema>;

/** Deep-freezes weekly hours, so a shared default cannot be changed by whoever receives it. */
export function frozenHours(hours: WeeklyHours): WeeklyHours {
  for (const day of WEEKDAYS) {
    hours[day].forEach((iv) => Object.freeze(iv));
    Object.freeze(hours[day]);
  }
  return Object.freeze(hours);
}

const interval = (from: string, to: string): OpeningInterval[] => [{ from, to }];

/**
 * The opening hours a location gets when it configures none: a typical German dealership
 * with sales and service open Mon–Fri 08:00–18:00 and Saturday 09:00–13:00; Sunday closed.
 */
export const DEFAULT_OPENING_HOURS: WeeklyHours = frozenHours({
  mon: interval('08:00', '18:00'),
  tue: interval('08:00', '18:00'),
  wed: interval('08:00', '18:00'),
  thu: interval('08:00', '18:00'),
  fri: interval('08:00', '18:00'),
  sat: interval('09:00', '13:00'),
  sun: [],
});

/** Opening hours of a location; absent means DEFAULT_OPENING_HOURS. */
export const openingHoursSchema = weeklyHoursSchema.default(DEFAULT_OPENING_HOURS);
export type OpeningHours = WeeklyHours;

/** Validates opening hours from config or an API call; throws an error naming weekday and problem. */
export function parseOpeningHours(input: unknown): OpeningHours {
  return parseOrThrow(openingHoursSchema, input, 'opening hours');
}
