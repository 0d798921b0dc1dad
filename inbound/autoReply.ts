import type { InboundMail } from './parseInbound';

/**
 * RFC 3834 and what mail programs actually send: `Auto-Submitted` other than "no", the
 * X-Autoreply/X-Autorespond family, Exchange's X-Auto-Response-Suppress, a bulk/auto_reply
 * Precedence, and out-of-office subjects in German and English.
 */
const OUT_OF_OFFICE = [
  /out of (the )?office/i,
  /abwesenheit/i,
  /automatische antwort/i,
  /auto(matic)?[ -]?reply/i,
  /\bautoreply\b/i,
  /\bauto[- ]?response\b/i,
  /nicht im büro/i,
  /im urlaub/i,
  /on vacation/i,
];

export function autoReplyReason(mail: InboundMail): string | undefined {
  const h = mail.headers;
  const autoSubmitted = h['auto-submitted']?.trim().toLowerCase();
  if (autoSubmitted && !autoSubmitted.startsWith('no')) return `Auto-Submitted: ${autoSubmitted.slice(0, 40)}`;
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder', 'x-auto-response-suppress'])
    if (h[name] !== undefined) return `${name} header`;
  const precedence = h['precedence']?.trim().toLowerCase();
  if (precedence && ['auto_reply', 'bulk', 'junk', 'list'].includes(precedence)) return `Precedence: ${precedence}`;
  if (h['list-id'] !== undefined || h['list-unsubscribe'] !== undefined) return 'mailing-list message';
  if (OUT_OF_OFFICE.some((pattern) => pattern.test(mail.subject))) return 'out-of-office subject';
  return undefined;
}
