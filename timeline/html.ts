import { DateTime } from 'luxon';
import { escapeHtml } from '../templates/escape';

/**
 * A tiny tagged template: every interpolated value is HTML-escaped unless it is itself the result
 * of `html` (a SafeHtml). Arrays are joined. null/undefined/false render as nothing.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolation = SafeHtml | string | number | null | undefined | false | Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, part, i) => out + part + (i < values.length ? render(values[i]!) : ''), ''));
}

const ZONE = 'Europe/Berlin';
export const germanDate = (date: Date | null | undefined) =>
  date ? DateTime.fromJSDate(date, { zone: ZONE }).toFormat('dd.MM.yyyy') : '–';
export const germanDateTime = (date: Date) => DateTime.fromJSDate(date, { zone: ZONE }).toFormat("dd.MM.yyyy, HH:mm 'Uhr'");
/** Calendar days (@db.Date) are stored at UTC midnight: show them as that day, whatever the zone. */
export const germanDay = (date: Date | null | undefined) =>
  date ? DateTime.fromJSDate(date, { zone: 'UTC' }).toFormat('dd.MM.yyyy') : '–';

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#f4f5f7;color:#1d2330}
header{background:#16324f;color:#fff;padding:16px 24px}header h1{margin:0;font-size:22px}header p{margin:4px 0 0;opacity:.8}
main{max-width:960px;margin:0 auto;padding:16px 24px}
section{background:#fff;border-radius:8px;padding:16px 20px;margin:0 0 16px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
h2{font-size:17px;margin:0 0 12px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e4e7eb;vertical-align:top;font-size:14px}
th{color:#5b6575;font-weight:600}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;font-size:14px}.facts dt{color:#5b6575}.facts dd{margin:0}
.badge{display:inline-block;border-radius:10px;padding:1px 8px;font-size:12px;background:#e4e7eb}
.ok{background:#d3f2dc;color:#13522a}.warn{background:#fde7c2;color:#7a4a00}.bad{background:#fbd5d5;color:#8a1c1c}
ol.timeline{list-style:none;margin:0;padding:0;border-left:3px solid #c9d3de}
ol.timeline li{position:relative;margin:0 0 14px 18px}
ol.timeline li::before{content:"";position:absolute;left:-26px;top:5px;width:11px;height:11px;border-radius:50%;background:#16324f}
ol.timeline.upcoming li::before{background:#fff;border:2px solid #2f7d4f;width:8px;height:8px}
.when{color:#5b6575;font-size:13px}.channel{font-weight:600}.detail{color:#5b6575;font-size:13px}
.overdue td{background:#fff4f4}
`;

/** The page frame: German or English, UTF-8, readable without any script. */
export function page(title: string, subtitle: string, body: SafeHtml, language: 'de' | 'en' = 'de'): string {
  return html`<!doctype html>
    <html lang="${language}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>${title}</title>
        <style>
          ${new SafeHtml(STYLE)}
        </style>
      </head>
      <body>
        <header>
          <h1>${title}</h1>
          <p>${subtitle}</p>
        </header>
        <main>${body}</main>
      </body>
    </html>`.value;
}
