import type { DateTime } from 'luxon';
import { formatLocalDate, parseLocalDate } from '../time/instant';

/**
 * When a vehicle is due for something a dealer reminds its owner of: the main inspection
 * (HU/AU), the next service, the window for a repurchase offer.
 *
 * Pure and deterministic: every date is a local calendar date `yyyy-MM-dd` in the dealer's time
 * zone, nothing reads the clock ("is it overdue?" is the caller's comparison with its own today).
 * To turn a date into an instant for a timer, use `atLocalTime` from time/instant.
 */
export { atLocalTime } from '../time/instant';

/** A calendar month, as on the HU sticker: `{ year: 2027, month: 5 }` = May 2027. */
export interface YearMonth {
  year: number;
  month: number;
}

/** Average days per month (365.25 / 12), for turning fractional months into days. */
const DAYS_PER_MONTH = 30.4375;

/** Data from a DMS import or the database often says null for "unknown": treat it like absent. */
type Maybe<T> = T | null | undefined;

function optionalDate(value: Maybe<string>, field: string): DateTime | undefined {
  return value === undefined || value === null ? undefined : parseLocalDate(value, field);
}

function known<T>(value: Maybe<T>): value is T {
  return value !== undefined && value !== null;
}

function positiveNumber(value: number, field: string, integer = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new Error(`${field}: expected a positive ${integer ? 'whole ' : ''}number, got ${JSON.stringify(value)}`);
  }
  return value;
}

function addMonthsToMonth(date: DateTime, months: number): YearMonth {
  const index = date.year * 12 + (date.month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** Adds fractional months: whole months on the calendar, the rest as average-length days. */
function plusFractionalMonths(date: DateTime, months: number): DateTime {
  const whole = Math.floor(months);
  return date.plus({ months: whole }).plus({ days: Math.round((months - whole) * DAYS_PER_MONTH) });
}

export interface HuInput {
  /** Erstzulassung, yyyy-MM-dd */
  firstRegistration: string;
  /** date of the last HU actually done, yyyy-MM-dd */
  lastHuDate?: string | null;
  /** taxis (Kraftdroschken) are inspected every 12 months, the first time too */
  isTaxi?: boolean | null;
}

/**
 * The month the next HU (with AU) is due, per §29 StVZO: a car's first HU 36 months after first
 * registration, then 24 months after the last HU; a taxi every 12 months. Month precision, as on
 * the sticker: due month = month of (date + interval). An HU done late is not backdated: the next
 * one counts from the date it was actually done.
 */
export function huDueMonth(input: HuInput): YearMonth {
  const firstRegistration = parseLocalDate(input.firstRegistration, 'firstRegistration');
  const lastHu = optionalDate(input.lastHuDate, 'lastHuDate');
  if (lastHu && lastHu.toMillis() < firstRegistration.toMillis()) {
    throw new Error(`lastHuDate: ${input.lastHuDate} is before firstRegistration ${input.firstRegistration}`);
  }
  if (lastHu) return addMonthsToMonth(lastHu, input.isTaxi ? 12 : 24);
  return addMonthsToMonth(firstRegistration, input.isTaxi ? 12 : 36);
}

/** The day to send the HU reminder: `weeksBefore` weeks before the first day of the due month. */
export function huReminderDate(dueMonth: YearMonth, weeksBefore = 6): string {
  const { year, month } = dueMonth;
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12) {
    throw new Error(`dueMonth: expected { year, month: 1…12 }, got ${JSON.stringify(dueMonth)}`);
  }
  if (!Number.isInteger(weeksBefore) || weeksBefore < 0) throw new Error(`weeksBefore: expected a whole number ≥ 0, got ${weeksBefore}`);
  const firstOfMonth = parseLocalDate(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`, 'dueMonth');
  return formatLocalDate(firstOfMonth.minus({ weeks: weeksBefore }));
}

export interface MileageReading {
  /** yyyy-MM-dd */
  date: string;
  km: number;
}

export interface ServiceInput {
  /** date of the last service, yyyy-MM-dd; without it, counting starts at delivery or first registration */
  lastServiceDate?: string | null;
  deliveryDate?: string | null;
  firstRegistration?: string | null;
  /** service interval by time; default 12 months (per-make values are the caller's business) */
  intervalMonths?: number | null;
  /** service interval by distance, e.g. 30000 km */
  intervalKm?: number | null;
  /** odometer at the last service (or at delivery when there was none yet) */
  lastServiceMileage?: number | null;
  /** odometer readings with dates (workshop visits, customer portal); the earliest and latest give the average */
  mileageReadings?: MileageReading[] | null;
  /** average km per month, when already known; readings take precedence */
  averageKmPerMonth?: number | null;
}

export interface ServiceDue {
  /** the earlier of byTime and byMileage, yyyy-MM-dd */
  dueDate: string;
  /** which limit comes first */
  reason: 'time' | 'mileage';
  byTime: string;
  /** null when no km interval or no driving average is known, or the car is not driven */
  byMileage: string | null;
  averageKmPerMonth: number | null;
}

/** Average km per month from the earliest and the latest reading: (km difference) / (months between). */
export function averageKmPerMonth(readings: MileageReading[]): number {
  if (!Array.isArray(readings) || readings.length < 2) throw new Error('mileageReadings: need at least two readings with dates');
  const parsed = readings
    .map((r, i) => ({ date: parseLocalDate(r.date, `mileageReadings.${i}.date`), km: r.km, i }))
    .sort((a, b) => a.date.toMillis() - b.date.toMillis());
  parsed.forEach((r) => {
    if (typeof r.km !== 'number' || !Number.isFinite(r.km) || r.km < 0)
      throw new Error(`mileageReadings.${r.i}.km: expected a number ≥ 0, got ${JSON.stringify(r.km)}`);
  });
  const first = parsed[0];
  const last = parsed[parsed.length - 1];
  const months = last.date.diff(first.date, 'months').months;
  if (months <= 0) throw new Error('mileageReadings: the readings must be on at least two different dates');
  if (last.km < first.km) throw new Error(`mileageReadings: the odometer went down from ${first.km} km to ${last.km} km`);
  return (last.km - first.km) / months;
}

/**
 * When the next service is due: by time (last service, else delivery, else first registration,
 * plus `intervalMonths`) and, with a km interval and a driving average, by mileage; whichever
 * comes first. By mileage: when the odometer at the last service and a later reading are known,
 * from the km still left at that reading; otherwise `intervalKm / average` months after the base date.
 */
export function nextServiceDue(input: ServiceInput): ServiceDue {
  const baseField = known(input.lastServiceDate) ? 'lastServiceDate' : known(input.deliveryDate) ? 'deliveryDate' : 'firstRegistration';
  const baseValue = input[baseField];
  if (!known(baseValue)) throw new Error('nextServiceDue: needs lastServiceDate, deliveryDate or firstRegistration');
  const base = parseLocalDate(baseValue, baseField);
  const intervalMonths = positiveNumber(input.intervalMonths ?? 12, 'intervalMonths', true);
  const byTime = base.plus({ months: intervalMonths });

  const average = known(input.mileageReadings)
    ? averageKmPerMonth(input.mileageReadings)
    : known(input.averageKmPerMonth)
      ? nonNegative(input.averageKmPerMonth, 'averageKmPerMonth')
      : null;
  const byMileage =
    known(input.intervalKm) && average !== null && average > 0
      ? dueByMileage(base, positiveNumber(input.intervalKm, 'intervalKm'), average, input)
      : null;

  const mileageFirst = byMileage !== null && byMileage.toMillis() < byTime.toMillis();
  return {
    dueDate: formatLocalDate(mileageFirst ? byMileage : byTime),
    reason: mileageFirst ? 'mileage' : 'time',
    byTime: formatLocalDate(byTime),
    byMileage: byMileage ? formatLocalDate(byMileage) : null,
    averageKmPerMonth: average,
  };
}

function nonNegative(value: number, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new Error(`${field}: expected a number ≥ 0, got ${JSON.stringify(value)}`);
  return value;
}

function dueByMileage(base: DateTime, intervalKm: number, average: number, input: ServiceInput): DateTime {
  const latest = latestReadingOnOrAfter(base, input.mileageReadings);
  if (known(input.lastServiceMileage) && latest) {
    const dueAtKm = nonNegative(input.lastServiceMileage, 'lastServiceMileage') + intervalKm;
    return plusFractionalMonths(latest.date, (dueAtKm - latest.km) / average);
  }
  return plusFractionalMonths(base, intervalKm / average);
}

function latestReadingOnOrAfter(base: DateTime, readings: Maybe<MileageReading[]>): { date: DateTime; km: number } | undefined {
  const later = (readings ?? [])
    .map((r) => ({ date: parseLocalDate(r.date, 'mileageReadings.date'), km: r.km }))
    .filter((r) => r.date.toMillis() >= base.toMillis())
    .sort((a, b) => a.date.toMillis() - b.date.toMillis());
  return later[later.length - 1];
}

export interface RepurchaseInput {
  /** end of the leasing or financing contract, yyyy-MM-dd */
  leaseEndDate?: string | null;
  firstRegistration?: string | null;
  deliveryDate?: string | null;
  monthsBeforeLeaseEnd?: number | null;
  vehicleAgeYears?: number | null;
}

export interface RepurchaseWindow {
  /** yyyy-MM-dd */
  opens: string;
  reason: 'leaseEnd' | 'vehicleAge';
}

/**
 * When to start the repurchase conversation: `monthsBeforeLeaseEnd` (default 6) months before a
 * lease or financing ends; for a car owned outright, the day it reaches `vehicleAgeYears`
 * (default 5), counted from first registration (or delivery when that is unknown).
 */
export function repurchaseWindowOpens(input: RepurchaseInput): RepurchaseWindow {
  if (known(input.leaseEndDate)) {
    const leaseEnd = parseLocalDate(input.leaseEndDate, 'leaseEndDate');
    const months = nonNegative(input.monthsBeforeLeaseEnd ?? 6, 'monthsBeforeLeaseEnd');
    if (!Number.isInteger(months)) throw new Error(`monthsBeforeLeaseEnd: expected a whole number, got ${months}`);
    return { opens: formatLocalDate(leaseEnd.minus({ months })), reason: 'leaseEnd' };
  }
  const ageField = known(input.firstRegistration) ? 'firstRegistration' : 'deliveryDate';
  const ageBase = input[ageField];
  if (!known(ageBase)) throw new Error('repurchaseWindowOpens: needs leaseEndDate, firstRegistration or deliveryDate');
  const years = positiveNumber(input.vehicleAgeYears ?? 5, 'vehicleAgeYears', true);
  return { opens: formatLocalDate(parseLocalDate(ageBase, ageField).plus({ years })), reason: 'vehicleAge' };
}
