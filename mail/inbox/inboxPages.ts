import { DateTime } from 'luxon';
import { formatAddress } from '../receivedMail';
import type { InboxEntry, InboxMessage } from './inboxStore';

/** Every word a person reads on the inbox pages, in one place. */
const TEXT = {
  title: 'Posteingang',
  subtitle: 'E-Mails, die Stammkunde verschickt hat (lokaler Testempfang, nichts geht nach draußen).',
  empty: 'Noch keine E-Mails empfangen.',
  received: 'Empfangen',
  from: 'Von',
  to: 'An',
  cc: 'Cc',
  subject: 'Betreff',
  date: 'Datum',
  noSubject: '(kein Betreff)',
  back: '← Zurück zum Posteingang',
  refresh: 'Aktualisieren',
  html: 'HTML-Ansicht',
  text: 'Textfassung',
  noHtml: 'Diese E-Mail hat keinen HTML-Teil.',
  noText: 'Diese E-Mail hat keine Textfassung.',
  allHeaders: 'Alle Kopfzeilen',
  raw: 'Quelltext (.eml)',
  envelope: 'Umschlag (SMTP)',
  count: (n: number) => (n === 1 ? '1 Nachricht' : `${n} Nachrichten`),
  notFound: 'Diese Nachricht gibt es nicht (mehr).',
  missing: '— fehlt —',
};

const ZONE = 'Europe/Berlin';

const STYLE = `
  *{box-sizing:border-box}
  body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2933;background:#f4f5f7}
  header{background:#12355b;color:#fff;padding:14px 24px}
  header h1{margin:0;font-size:20px}
  header p{margin:2px 0 0;opacity:.8;font-size:13px}
  main{max-width:1100px;margin:20px auto;padding:0 16px}
  a{color:#12355b}
  .card{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:16px;margin-bottom:16px}
  table{width:100%;border-collapse:collapse}
  th,td{text-align:left;padding:8px 10px;border-bottom:1px solid #eceff2;vertical-align:top}
  th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:#616e7c}
  tbody tr:hover{background:#f7f9fb}
  td.time{white-space:nowrap;color:#52606d;width:1%}
  .meta th{width:170px;text-transform:none;letter-spacing:0;font-size:14px}
  .muted{color:#7b8794}
  .bar{display:flex;justify-content:space-between;align-items:center;margin-bottom:12px}
  iframe{width:100%;height:640px;border:1px solid #dde1e6;border-radius:4px;background:#fff}
  pre{white-space:pre-wrap;word-break:break-word;margin:0;font:13px/1.5 ui-monospace,Menlo,Consolas,monospace}
  h2{font-size:16px;margin:0 0 10px}
  details summary{cursor:pointer}
`;

/** Policy for the inbox's own pages: no scripts at all, message HTML only inside our sandboxed frame. */
export const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Policy for a message's HTML: a sandbox without scripts, forms or same-origin access; images and styles may load. */
export const MESSAGE_HTML_CSP =
  "sandbox; default-src 'none'; img-src data: cid: http: https:; style-src 'unsafe-inline' http: https:; font-src data: http: https:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export function listPage(entries: InboxEntry[]): string {
  const rows = entries
    .map(
      (e) => `<tr>
        <td class="time">${escapeHtml(formatTime(e.receivedAt))}</td>
        <td>${escapeHtml(e.to.join(', '))}</td>
        <td><a href="/messages/${encodeURIComponent(e.id)}">${subjectHtml(e.subject)}</a></td>
      </tr>`,
    )
    .join('\n');
  const body = entries.length
    ? `<table><thead><tr><th>${TEXT.received}</th><th>${TEXT.to}</th><th>${TEXT.subject}</th></tr></thead><tbody>${rows}</tbody></table>`
    : `<p class="muted">${TEXT.empty}</p>`;
  return layout(
    TEXT.title,
    `<div class="bar"><span class="muted">${TEXT.count(entries.length)}</span><a href="/">${TEXT.refresh}</a></div>
     <div class="card">${body}</div>`,
  );
}

export function detailPage(message: InboxMessage): string {
  const id = encodeURIComponent(message.id);
  const meta: Array<[string, string]> = [
    [TEXT.from, message.from ? formatAddress(message.from) : ''],
    [TEXT.to, message.to.map(formatAddress).join(', ')],
    ...(message.cc.length ? [[TEXT.cc, message.cc.map(formatAddress).join(', ')] as [string, string]] : []),
    [TEXT.subject, message.subject || TEXT.noSubject],
    [TEXT.date, message.date ? formatTime(message.date) : ''],
    [TEXT.received, formatTime(message.receivedAt)],
    ['Message-ID', message.messageId ?? ''],
    ['List-Unsubscribe', message.headers['list-unsubscribe'] ?? ''],
    ['List-Unsubscribe-Post', message.headers['list-unsubscribe-post'] ?? ''],
    [TEXT.envelope, `${message.envelope.from ?? '<>'} → ${message.envelope.to.join(', ')}`],
  ];
  const metaRows = meta
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${v ? escapeHtml(v) : `<span class="muted">${TEXT.missing}</span>`}</td></tr>`)
    .join('');
  const allHeaders = Object.entries(message.headers)
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td><pre>${escapeHtml(v)}</pre></td></tr>`)
    .join('');
  const html = message.html
    ? `<iframe src="/messages/${id}/html" sandbox="" referrerpolicy="no-referrer" title="${TEXT.html}"></iframe>`
    : `<p class="muted">${TEXT.noHtml}</p>`;
  const text = message.text ? `<pre>${escapeHtml(message.text)}</pre>` : `<p class="muted">${TEXT.noText}</p>`;
  return layout(
    message.subject || TEXT.noSubject,
    `<div class="bar"><a href="/">${TEXT.back}</a><a href="/messages/${id}/raw">${TEXT.raw}</a></div>
     <div class="card"><h2>${subjectHtml(message.subject)}</h2><table class="meta">${metaRows}</table>
       <details><summary>${TEXT.allHeaders}</summary><table class="meta">${allHeaders}</table></details></div>
     <div class="card"><h2>${TEXT.html}</h2>${html}</div>
     <div class="card"><h2>${TEXT.text}</h2>${text}</div>`,
  );
}

export function notFoundPage(): string {
  return layout(TEXT.title, `<div class="card"><p>${TEXT.notFound}</p><p><a href="/">${TEXT.back}</a></p></div>`);
}

function layout(title: string, content: string): string {
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Stammkunde</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>Stammkunde · ${TEXT.title}</h1><p>${TEXT.subtitle}</p></header>
<main>${content}</main>
</body>
</html>`;
}

function subjectHtml(subject: string): string {
  return subject ? escapeHtml(subject) : `<span class="muted">${TEXT.noSubject}</span>`;
}

function formatTime(iso: string): string {
  const time = DateTime.fromISO(iso, { zone: ZONE });
  return time.isValid ? time.setLocale('de').toFormat('dd.MM.yyyy HH:mm:ss') : iso;
}
