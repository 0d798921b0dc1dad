import { DateTime, Duration } from 'luxon';
import type { Language } from './types';

/**
 * Templates take dates as ready-made strings in the customer's language. These helpers make them
 * consistently: German as in "15. März 2027" / "Juni 2027", English (British) as in "15 March 2027" / "June 2027".
 */
const LOCALES: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };
const TIME_ZONE = 'Europe/Berlin';

function inLanguage(date: DateTime | Date | string, language: Language): DateTime {
  const dt =
    typeof date === 'string' ? DateTime.fromISO(date, { zone: TIME_ZONE }) : date instanceof Date ? DateTime.fromJSDate(date) : date;
  if (!dt.isValid) throw new Error(`Not a valid date: ${String(date)} (${dt.invalidExplanation ?? dt.invalidReason})`);
  return dt.setZone(TIME_ZONE).setLocale(LOCALES[language]);
}

/**
 * A newsletter formats the same few dates (e.g. a link's expiry day) for thousands of recipients:
 * dates given as strings are formatted once per language and remembered (a few hundred at most).
 */
const rememberedFormats = new Map<string, string>();
function remembered(date: DateTime | Date | string, key: string, format: () => string): string {
  if (typeof date !== 'string') return format();
  let value = rememberedFormats.get(`${key}|${date}`);
  if (value === undefined) {
    if (rememberedFormats.size >= 500) rememberedFormats.clear();
    value = format();
    rememberedFormats.set(`${key}|${date}`, value);
  }
  return value;
}

/** "15. März 2027" / "15 March 2027" */
export function formatDate(date: DateTime | Date | string, language: Language): string {
  return remembered(date, `date|${language}`, () =>
    inLanguage(date, language).toFormat(language === 'de' ? 'd. MMMM yyyy' : 'd MMMM yyyy'),
  );
}

/** "15.03.2027" / "15/03/2027" (tables, touchpoint lists) */
export function formatShortDate(date: DateTime | Date | string, language: Language): string {
  return inLanguage(date, language).toFormat(language === 'de' ? 'dd.MM.yyyy' : 'dd/MM/yyyy');
}

/** "Juni 2027" / "June 2027" (HU due month) */
export function formatMonthYear(date: DateTime | Date | string, language: Language): string {
  return remembered(date, `month|${language}`, () => inLanguage(date, language).toFormat('MMMM yyyy'));
}

/** "15.03.2027, 17:45 Uhr" / "15/03/2027, 17:45" */
export function formatDateTime(date: DateTime | Date | string, language: Language): string {
  const dt = inLanguage(date, language);
  return language === 'de' ? dt.toFormat("dd.MM.yyyy, HH:mm 'Uhr'") : dt.toFormat('dd/MM/yyyy, HH:mm');
}

/** How long someone has been waiting: "2 Stunden und 15 Minuten" / "2 hours, 15 minutes" (two largest units). */
export function formatWaitingTime(milliseconds: number, language: Language): string {
  const totalMinutes = Math.max(0, Math.floor(milliseconds / 60_000));
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  const largest: Record<string, number> = days > 0 ? { days, hours } : hours > 0 ? { hours, minutes } : { minutes };
  const parts = Object.fromEntries(Object.entries(largest).filter(([, n], i) => i === 0 || n > 0));
  return Duration.fromObject(parts, { locale: LOCALES[language] }).toHuman({ listStyle: 'narrow', unitDisplay: 'long' });
}

/**
 * How long something has been overdue, for "seit …" / "for …": "3 Tagen", "2 Wochen", "11 Monaten",
 * "über 2 Jahren" / "3 days", "2 weeks", "11 months", "over 2 years". Days below two weeks, weeks
 * below two months, months below two years.
 */
export function formatOverdueFor(days: number, language: Language): string {
  const d = Math.max(1, Math.floor(days));
  const [n, unit] =
    d < 14
      ? [d, 'day']
      : d < 61
        ? [Math.floor(d / 7), 'week']
        : d < 730
          ? [Math.floor(d / 30.4375), 'month']
          : [Math.floor(d / 365.25), 'year'];
  const de: Record<string, [string, string]> = {
    day: ['einem Tag', 'Tagen'],
    week: ['einer Woche', 'Wochen'],
    month: ['einem Monat', 'Monaten'],
    year: ['einem Jahr', 'Jahren'],
  };
  if (language === 'de') return `${unit === 'year' ? 'über ' : ''}${n === 1 ? de[unit]![0] : `${n} ${de[unit]![1]}`}`;
  return `${unit === 'year' ? 'over ' : ''}${n} ${unit}${n === 1 ? '' : 's'}`;
}
