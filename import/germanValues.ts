import { DateTime } from 'luxon';
import { resolveTwoDigitYear, type CenturyContext } from './twoDigitYears';

/**
 * Values as German DMS exports write them. Each parser returns the value or throws an Error whose
 * message says what was expected; the row validation turns it into "<column>: <message>".
 */

/**
 * "07.03.2024" (also "7.3.2024" and ISO "2024-03-07") → "2024-03-07". With a century rule also
 * "07.03.24": the field's rule decides between 1924 and 2024 (import/twoDigitYears).
 */
export function parseGermanDate(raw: string, century?: CenturyContext): string {
  const value = raw.trim();
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$/.exec(value);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (german && german[3].length === 2 && !century) throw new Error(`"${raw}" has a two-digit year: write dd.mm.yyyy`);
  const [year, month, day] = german ? [german[3], german[2], german[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!year) throw new Error(`"${raw}" is not a date dd.mm.yyyy${century ? ' or dd.mm.yy' : ''}`);
  const fullYear =
    year.length === 2 ? resolveTwoDigitYear(raw, { day: Number(day), month: Number(month), yy: Number(year) }, century!) : Number(year);
  const date = DateTime.fromObject({ year: fullYear, month: Number(month), day: Number(day) }, { zone: 'UTC' });
  if (!date.isValid) throw new Error(`"${raw}" is not a valid calendar date`);
  return date.toISODate()!;
}

/** Like parseGermanDate, but also "05/2025" or "05.2025" (HU stickers give a month; "05/25" with a century rule) → the first of that month. */
export function parseGermanDateOrMonth(raw: string, century?: CenturyContext): string {
  const month = /^(\d{1,2})[./](\d{4}|\d{2})$/.exec(raw.trim());
  if (!month) return parseGermanDate(raw, century);
  if (month[2].length === 2 && !century) throw new Error(`"${raw}" has a two-digit year: write mm/yyyy`);
  if (Number(month[1]) < 1 || Number(month[1]) > 12) throw new Error(`"${raw}" is not a valid month mm/yyyy`);
  const year =
    month[2].length === 2
      ? resolveTwoDigitYear(raw, { day: 1, month: Number(month[1]), yy: Number(month[2]) }, century!)
      : Number(month[2]);
  const date = DateTime.fromObject({ year, month: Number(month[1]), day: 1 }, { zone: 'UTC' });
  if (!date.isValid) throw new Error(`"${raw}" is not a valid month mm/yyyy`);
  return date.toISODate()!;
}

/** "45.123" → 45123, "1.234,5" → 1234.5, "12345" → 12345, "87 500 km" → 87500. */
export function parseGermanNumber(raw: string): number {
  const value = raw
    .trim()
    .replace(/\s*km$/i, '')
    .replace(/[\s\u00a0]/g, '');
  if (!/^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/.test(value))
    throw new Error(`"${raw}" is not a number (German format, e.g. 45.123 or 1.234,5)`);
  return Number(value.replace(/\./g, '').replace(',', '.'));
}

/** Kilometres as a whole non-negative number. */
export function parseMileage(raw: string): number {
  const km = parseGermanNumber(raw);
  if (km < 0 || km > 5_000_000) throw new Error(`"${raw}" is not a plausible mileage`);
  return Math.round(km);
}

const SALUTATIONS: Record<string, 'mr' | 'ms' | 'mx' | 'none'> = {
  herr: 'mr',
  hr: 'mr',
  frau: 'ms',
  fr: 'ms',
  divers: 'mx',
  firma: 'none',
  eheleute: 'none',
  familie: 'none',
  '': 'none',
};
export function parseSalutation(raw: string): 'mr' | 'ms' | 'mx' | 'none' {
  const value = SALUTATIONS[raw.trim().toLowerCase().replace(/\.$/, '')];
  if (!value) throw new Error(`"${raw}" is not a salutation (Herr, Frau, Divers, Firma)`);
  return value;
}

const LANGUAGES: Record<string, 'de' | 'en'> = { de: 'de', deutsch: 'de', ger: 'de', en: 'en', englisch: 'en', english: 'en', eng: 'en' };
export function parseLanguage(raw: string): 'de' | 'en' {
  const value = LANGUAGES[raw.trim().toLowerCase()];
  if (!value) throw new Error(`"${raw}" is not a supported language (de, en)`);
  return value;
}

export type ImportedConsent = 'double_opt_in' | 'existing_customer' | 'none';
const CONSENTS: Record<string, ImportedConsent> = {
  ja: 'double_opt_in',
  j: 'double_opt_in',
  x: 'double_opt_in',
  '1': 'double_opt_in',
  true: 'double_opt_in',
  doi: 'double_opt_in',
  'double-opt-in': 'double_opt_in',
  bestandskunde: 'existing_customer',
  '§7(3)': 'existing_customer',
  '§ 7 abs. 3 uwg': 'existing_customer',
  nein: 'none',
  n: 'none',
  '0': 'none',
  false: 'none',
};
/** The consent column: "ja" (documented opt-in), "Bestandskunde" (§7 Abs. 3 UWG), "nein". */
export function parseConsent(raw: string): ImportedConsent {
  const value = CONSENTS[raw.trim().toLowerCase()];
  if (!value) throw new Error(`"${raw}" is not a consent value (ja, nein, Bestandskunde)`);
  return value;
}

/** A 17-character VIN (ISO 3779: no I, O, Q); spaces and dashes are dropped, letters upper-cased. */
export function parseVin(raw: string): string {
  const vin = raw.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(vin)) throw new Error(`"${raw}" is not a 17-character VIN`);
  return vin;
}
