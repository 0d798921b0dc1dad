import crypto from 'node:crypto';

/**
 * VERP-style envelope senders: every message goes out with MAIL FROM
 * `bounce+<digest>.<signature>@<bounce domain>`, where <digest> is the 32 hex characters of its
 * Message-ID (see activities/delivery/headers.ts) and <signature> an HMAC over it. A bounce that
 * arrives hours later is addressed to exactly that envelope sender, so it names its outbox row
 * without any parsing guesswork, and a forged token (a spammer guessing addresses) is recognised.
 */
const PREFIX = 'bounce+';
const SIGNATURE_CHARS = 12;
const DIGEST = /^[0-9a-f]{32}$/;

function signatureOf(digest: string, secret: string): string {
  return crypto.createHmac('sha256', secret).update(`bounce:${digest}`).digest('hex').slice(0, SIGNATURE_CHARS);
}

/** The digest inside one of our Message-IDs (`<digest@domain>`), or undefined for any other id. */
export function messageIdDigest(messageIdHeader: string): string | undefined {
  const digest = /^<?([0-9a-f]{32})@/i.exec(messageIdHeader.trim())?.[1]?.toLowerCase();
  return digest && DIGEST.test(digest) ? digest : undefined;
}

/** The envelope sender for the message with this Message-ID. */
export function bounceAddressFor(messageIdHeader: string, secret: string, domain: string): string {
  const digest = messageIdDigest(messageIdHeader);
  if (!digest) throw new Error(`messageId: ${messageIdHeader} is not one of ours (<32 hex digits@domain>)`);
  return `${PREFIX}${digest}.${signatureOf(digest, secret)}@${domain}`;
}

/** The Message-ID digest a bounce address carries, if the address is one of ours and its signature holds. */
export function digestFromBounceAddress(address: string, secret: string): string | undefined {
  const local = address.trim().toLowerCase().split('@')[0] ?? '';
  if (!local.startsWith(PREFIX)) return undefined;
  const [digest, signature] = local.slice(PREFIX.length).split('.');
  if (!digest || !signature || !DIGEST.test(digest)) return undefined;
  const expected = signatureOf(digest, secret);
  if (signature.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) return undefined;
  return digest;
}
