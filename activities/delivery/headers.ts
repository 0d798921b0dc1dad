import crypto from 'node:crypto';
import type { Settings } from '../../config/settings';
import { bounceDomainOf } from '../../mail/addresses';
import { bounceAddressFor } from '../../mail/bounceToken';

/** A stable Message-ID from the idempotency key: a re-sent staff email carries the same one, so clients de-duplicate. */
export function messageIdFor(idempotencyKey: string, mailFrom: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'stammkunde.local';
  const digest = crypto.createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
  return `<${digest}@${domain}>`;
}

/** RFC 2369 + RFC 8058 one-click unsubscribe headers. */
export function unsubscribeHeaders(unsubscribeUrl: string, mailFrom: string, token: string): Record<string, string> {
  const domain = /@([^>\s]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'stammkunde.local';
  return {
    'List-Unsubscribe': `<${unsubscribeUrl}>, <mailto:unsubscribe@${domain}?subject=unsubscribe%20${encodeURIComponent(token.slice(0, 200))}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

/** The SMTP envelope of one message: MAIL FROM is its signed bounce address, so a late bounce names the message. */
export function envelopeFor(
  settings: Pick<Settings, 'MAIL_FROM' | 'BOUNCE_DOMAIN' | 'MAIL_REPLY_TO' | 'LINK_SIGNING_SECRET'>,
  messageId: string,
  to: string,
): { from: string; to: string[] } {
  return { from: bounceAddressFor(messageId, settings.LINK_SIGNING_SECRET, bounceDomainOf(settings)), to: [to] };
}
