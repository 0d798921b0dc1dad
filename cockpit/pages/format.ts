import { DateTime } from 'luxon';
import type { Lang } from '../i18n';

const ZONE = 'Europe/Berlin';
export const dateTime = (d: Date | null | undefined, lang: Lang) =>
  d
    ? DateTime.fromJSDate(d, { zone: ZONE })
        .setLocale(lang)
        .toFormat(lang === 'de' ? "dd.MM.yyyy, HH:mm 'Uhr'" : 'yyyy-MM-dd HH:mm')
    : '–';
/** Calendar days (@db.Date) are stored at UTC midnight. */
export const calendarDay = (d: Date | null | undefined, lang: Lang) =>
  d ? DateTime.fromJSDate(d, { zone: 'UTC' }).toFormat(lang === 'de' ? 'dd.MM.yyyy' : 'yyyy-MM-dd') : '–';
export const percent = (share: number | null, lang: Lang) =>
  share === null ? '–' : `${(share * 100).toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 })} %`;
export const businessTime = (minutes: number | null) =>
  minutes === null ? '–' : minutes >= 60 ? `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min` : `${minutes} min`;
