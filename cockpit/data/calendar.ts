import { DateTime } from 'luxon';
import type { Location } from '../../db/generated/client';
import type { BusinessCalendarInput } from '../../time/businessTime';

/** A location's business calendar (time zone, opening hours, federal state's holidays). */
export function calendarOf(location: Pick<Location, 'timeZone' | 'openingHours' | 'federalState'>): BusinessCalendarInput {
  return { timeZone: location.timeZone, openingHours: location.openingHours, federalState: location.federalState } as BusinessCalendarInput;
}

/** Monday 00:00 to the next Monday 00:00 in the dealer's zone; `offset` -1 = last week, +1 = next week. */
export function weekOf(now: Date, timeZone: string, offset = 0): { from: Date; to: Date } {
  const start = DateTime.fromJSDate(now, { zone: timeZone }).startOf('week').plus({ weeks: offset });
  return { from: start.toJSDate(), to: start.plus({ weeks: 1 }).toJSDate() };
}

export function dayOf(now: Date, timeZone: string): { from: Date; to: Date } {
  const start = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  return { from: start.toJSDate(), to: start.plus({ days: 1 }).toJSDate() };
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const personName = (p: { firstName: string | null; lastName: string } | null | undefined) =>
  p ? [p.firstName, p.lastName].filter(Boolean).join(' ') : null;

export function customerName(c: {
  salutation: string;
  title: string | null;
  firstName: string | null;
  lastName: string;
  companyName: string | null;
}): string {
  const salutation = c.salutation === 'mr' ? 'Herr' : c.salutation === 'ms' ? 'Frau' : '';
  const name = [salutation, c.title, c.firstName, c.lastName].filter(Boolean).join(' ');
  return c.companyName ? `${name} (${c.companyName})` : name;
}
