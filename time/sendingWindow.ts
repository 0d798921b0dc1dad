import { z } from 'zod';
import { federalStateSchema } from './federalStateSchema';
import { DEFAULT_TIME_ZONE, formatInstant, parseInstant, type InstantInput } from './instant';
import { frozenHours, weeklyHoursSchema, type WeeklyHours } from './openingHours';
import { isPublicHoliday } from './publicHolidays';
import { timeZoneSchema } from './timeZoneSchema';
import { parseOrThrow } from './validation';
import { firstOpenInstant, isOpenAt, type WeeklySchedule } from './weeklySchedule';

/**
 * When marketing email may go out: a weekly window in the dealer's local time (default
 * Mon–Sat 09:00–19:00, never on Sunday) and, by default, never on a public holiday of the
 * dealer's federal state. A send that falls outside is held until the window next opens
 * ("quiet hours"). Pure and deterministic (activities decide with it; workflows do not run it).
 */

const daily = (from: string, to: string) => [{ from, to }];

/** Mon–Sat 09:00–19:00, Sunday closed. */
export const DEFAULT_SENDING_HOURS: WeeklyHours = frozenHours({
  mon: daily('09:00', '19:00'),
  tue: daily('09:00', '19:00'),
  wed: daily('09:00', '19:00'),
  thu: daily('09:00', '19:00'),
  fri: daily('09:00', '19:00'),
  sat: daily('09:00', '19:00'),
  sun: [],
});

export const sendingWindowSchema = z.object({
  /** weekly hours in which sending is allowed, in the dealer's time zone */
  hours: weeklyHoursSchema.default(DEFAULT_SENDING_HOURS),
  /** hold mail on the public holidays of the dealer's federal state */
  skipPublicHolidays: z.boolean().default(true),
});
export type SendingWindow = z.output<typeof sendingWindowSchema>;
/** `{}` means the defaults: Mon–Sat 09:00–19:00, not on public holidays. */
export type SendingWindowInput = z.input<typeof sendingWindowSchema>;

export function parseSendingWindow(input: unknown): SendingWindow {
  return parseOrThrow(sendingWindowSchema, input ?? {}, 'sending window');
}

/** Where the dealer is: its time zone (default Europe/Berlin) and federal state. */
export const dealerLocaleSchema = z.object({
  timeZone: timeZoneSchema.default(DEFAULT_TIME_ZONE),
  federalState: federalStateSchema,
});
export type DealerLocaleInput = z.input<typeof dealerLocaleSchema>;

function scheduleOf(window: SendingWindowInput | undefined, locale: DealerLocaleInput): WeeklySchedule {
  const w = parseSendingWindow(window);
  const l = parseOrThrow(dealerLocaleSchema, locale, 'dealer locale');
  const state = l.federalState;
  return { timeZone: l.timeZone, hours: w.hours, isClosedOn: w.skipPublicHolidays ? (date) => isPublicHoliday(date, state) : () => false };
}

/**
 * The instant an email planned for `at` may be sent: `at` itself when inside the window,
 * otherwise the next opening of the window (e.g. Saturday 20:00 → Monday 09:00).
 */
export function nextSendingInstant(at: InstantInput, window: SendingWindowInput | undefined, locale: DealerLocaleInput): string {
  return formatInstant(firstOpenInstant(parseInstant(at, 'at'), scheduleOf(window, locale)));
}

/** Is `at` inside the sending window? */
export function isInsideSendingWindow(at: InstantInput, window: SendingWindowInput | undefined, locale: DealerLocaleInput): boolean {
  return isOpenAt(parseInstant(at, 'at'), scheduleOf(window, locale));
}
