import { DateTime, IANAZone } from 'luxon';

/**
 * Instants and local calendar dates at the API boundary.
 *
 * Temporal payloads are JSON, so an instant travels as an ISO-8601 string with an offset
 * (`2027-03-30T08:45:00.000Z`) or as epoch milliseconds; a local calendar date travels as
 * `yyyy-MM-dd`. Inside, everything is a luxon DateTime.
 *
 * Pure and deterministic: nothing here reads the clock. (luxon itself consults its clock once,
 * only as a provisional UTC-offset guess that it then corrects; results never depend on it.)
 */

/** An instant as it arrives: ISO-8601 with an offset or `Z`, or epoch milliseconds. */
export type InstantInput = string | number;

export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

const ISO_WITH_OFFSET = /T.*(Z|[+-]\d{2}(:?\d{2})?)$/i;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Parses an instant; a string must carry its offset, because a bare local time is ambiguous. */
export function parseInstant(value: InstantInput, field = 'instant'): DateTime {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${field}: epoch milliseconds must be a finite number`);
    return DateTime.fromMillis(value, { zone: 'utc' });
  }
  if (typeof value !== 'string' || !ISO_WITH_OFFSET.test(value.trim())) {
    throw new Error(`${field}: expected an ISO-8601 instant with offset (e.g. 2027-03-30T08:45:00Z), got ${JSON.stringify(value)}`);
  }
  const parsed = DateTime.fromISO(value.trim(), { setZone: true });
  if (!parsed.isValid)
    throw new Error(
      `${field}: not a valid ISO-8601 instant: ${JSON.stringify(value)} (${parsed.invalidExplanation ?? parsed.invalidReason})`,
    );
  return parsed.toUTC();
}

/** The canonical wire form of an instant: UTC with milliseconds, like Date#toISOString. */
export function formatInstant(dt: DateTime): string {
  const iso = dt.toUTC().toISO();
  if (!iso) throw new Error(`cannot format an invalid instant (${dt.invalidReason})`);
  return iso;
}

/** Throws a clear error unless `timeZone` is an IANA zone name luxon understands. */
export function assertTimeZone(timeZone: string, field = 'timeZone'): string {
  if (typeof timeZone !== 'string' || !IANAZone.isValidZone(timeZone)) {
    throw new Error(`${field}: ${JSON.stringify(timeZone)} is not an IANA time zone (e.g. Europe/Berlin)`);
  }
  return timeZone;
}

/** Parses `yyyy-MM-dd` into a pure calendar date (a DateTime at midnight UTC, used only for date arithmetic). */
export function parseLocalDate(value: string, field = 'date'): DateTime {
  if (typeof value !== 'string' || !LOCAL_DATE.test(value)) {
    throw new Error(`${field}: expected a calendar date yyyy-MM-dd, got ${JSON.stringify(value)}`);
  }
  const parsed = DateTime.fromISO(value, { zone: 'utc' });
  if (!parsed.isValid) throw new Error(`${field}: ${value} is not a real calendar date`);
  return parsed;
}

/** Formats a calendar date (as produced by parseLocalDate) back to `yyyy-MM-dd`. */
export function formatLocalDate(date: DateTime): string {
  return date.toFormat('yyyy-MM-dd');
}

/** Splits `HH:mm` into hour and minute, with a clear error naming the field. */
export function parseLocalTime(value: string, field = 'time'): { hour: number; minute: number } {
  const match = typeof value === 'string' ? LOCAL_TIME.exec(value) : null;
  if (!match) throw new Error(`${field}: expected a time HH:mm between 00:00 and 23:59, got ${JSON.stringify(value)}`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` at the given time of day.
 * A wall time that does not exist (inside the spring-forward gap, e.g. 02:30 on the last Sunday
 * of March in Europe/Berlin) moves forward by the gap (→ 03:30 CEST). A wall time that occurs
 * twice (02:30 on the last Sunday of October) means the earlier of the two instants (CEST).
 *
 * Computed from the zone's offsets alone (not via luxon's fromObject, whose choice in the doubled
 * hour depends on the machine's current date), so the answer never depends on the clock.
 */
export function localDateTime(date: DateTime, hour: number, minute: number, timeZone: string, second = 0, millisecond = 0): DateTime {
  const zone = IANAZone.create(timeZone);
  if (!zone.isValid) throw new Error(`timeZone: ${JSON.stringify(timeZone)} is not an IANA time zone`);
  const wallAsUtc = Date.UTC(date.year, date.month - 1, date.day, hour, minute, second, millisecond);
  const DAY = 86_400_000;
  const offsetBefore = zone.offset(wallAsUtc - DAY);
  const offsetAfter = zone.offset(wallAsUtc + DAY);
  const candidates = [...new Set([offsetBefore, offsetAfter])]
    .map((offset) => wallAsUtc - offset * 60_000)
    .filter((ts) => zone.offset(ts) * 60_000 === wallAsUtc - ts);
  // No candidate: the wall time is in a gap; reading it with the offset before the gap moves it forward.
  const ts = candidates.length > 0 ? Math.min(...candidates) : wallAsUtc - offsetBefore * 60_000;
  return DateTime.fromMillis(ts, { zone: timeZone });
}

/** `atLocalTime('2027-03-30', '10:45', 'Europe/Berlin')` → `'2027-03-30T08:45:00.000Z'`. */
export function atLocalTime(dateIso: string, time: string, timeZone: string = DEFAULT_TIME_ZONE): string {
  const date = parseLocalDate(dateIso, 'date');
  const { hour, minute } = parseLocalTime(time, 'time');
  return formatInstant(localDateTime(date, hour, minute, assertTimeZone(timeZone)));
}

/** The local calendar date (`yyyy-MM-dd`) of an instant in a time zone. */
export function localDateOf(instant: InstantInput, timeZone: string = DEFAULT_TIME_ZONE): string {
  return parseInstant(instant).setZone(assertTimeZone(timeZone)).toFormat('yyyy-MM-dd');
}
