import crypto from 'node:crypto';

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
