import Holidays from 'date-holidays';
import { assertFederalState, type FederalState } from './federalStates';
import { parseLocalDate } from './instant';

export { assertFederalState, GERMAN_FEDERAL_STATES, type FederalState } from './federalStates';

/**
 * German public holidays per federal state, from date-holidays.
 *
 * Only holidays of type `public` count (shops and dealerships closed by law). Observances
 * (Rosenmontag, Heiligabend afternoon, Buß- und Bettag outside Saxony …) and bank holidays do not.
 * Holidays that apply only to a region inside a state (Augsburger Friedensfest, Mariä Himmelfahrt
 * in Catholic Bavarian municipalities …) are ignored: we work at state level.
 *
 * Deterministic: always asks for an explicit year, never for "this year".
 */

export interface PublicHoliday {
  /** local calendar date, yyyy-MM-dd */
  date: string;
  /** German name, e.g. "Ostermontag" */
  name: string;
}

const calendars = new Map<FederalState, Holidays>();
const byYear = new Map<string, Map<string, PublicHoliday>>();

function holidaysFor(state: FederalState): Holidays {
  let hd = calendars.get(state);
  if (!hd) {
    hd = new Holidays('DE', state, { languages: ['de'], types: ['public'] });
    calendars.set(state, hd);
  }
  return hd;
}

function holidayIndex(year: number, state: FederalState): Map<string, PublicHoliday> {
  const key = `${state}:${year}`;
  let index = byYear.get(key);
  if (!index) {
    index = new Map();
    for (const h of holidaysFor(state).getHolidays(year, 'de')) {
      if (h.type !== 'public') continue;
      const date = h.date.slice(0, 10);
      if (!index.has(date)) index.set(date, { date, name: h.name });
    }
    byYear.set(key, index);
  }
  return index;
}

/** The state's public holidays in a year, in date order. */
export function publicHolidaysIn(year: number, federalState: FederalState): PublicHoliday[] {
  if (!Number.isInteger(year) || year < 1900 || year > 2999) throw new Error(`year: expected a year between 1900 and 2999, got ${year}`);
  const index = holidayIndex(year, assertFederalState(federalState));
  return [...index.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** The public holiday on `localDate` (yyyy-MM-dd) in the state, or undefined. */
export function publicHolidayOn(localDate: string, federalState: FederalState): PublicHoliday | undefined {
  const state = assertFederalState(federalState);
  const date = parseLocalDate(localDate, 'localDate');
  return holidayIndex(date.year, state).get(localDate);
}

/** `isPublicHoliday('2027-03-29', 'BY')` → true (Ostermontag). */
export function isPublicHoliday(localDate: string, federalState: FederalState): boolean {
  return publicHolidayOn(localDate, federalState) !== undefined;
}
