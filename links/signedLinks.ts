import crypto from 'node:crypto';
import { z } from 'zod';

/**
 * Signed links for unsubscribe, double opt-in and staff callback pages: the token carries what the
 * link may do, for whom, and until when, and an HMAC-SHA256 over that with LINK_SIGNING_SECRET.
 * Every link expires: a token without a valid `expiresAt` is refused.
 */
export const LINK_PURPOSES = ['unsubscribe', 'confirm_consent', 'log_callback', 'take_over_lead'] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

/** What a verified token may claim; anything else (null, a number, a non-UUID subject, no expiry) is malformed. */
export const linkClaimsSchema = z.strictObject({
  purpose: z.enum(LINK_PURPOSES),
  /** The customer or lead the link acts on. */
  subject: z.uuid(),
  expiresAt: z.iso.datetime({ offset: true }),
  extra: z.record(z.string().max(100), z.string().max(500)).optional(),
});

export type LinkClaims = z.infer<typeof linkClaimsSchema>;

export type LinkProblem = 'malformed' | 'forged' | 'expired' | 'wrong_purpose';

/**
 * The one status rule for every public link route: a missing or damaged token is the client's
 * malformed request (400), a token we did not sign or signed for another action is forbidden (403),
 * an expired one is gone (410).
 */
export const LINK_PROBLEM_STATUS: Record<LinkProblem | 'missing', 400 | 403 | 410> = {
  missing: 400,
  malformed: 400,
  forged: 403,
  wrong_purpose: 403,
  expired: 410,
};

export class InvalidLinkError extends Error {
  constructor(readonly problem: LinkProblem) {
    super(`link is ${problem.replace('_', ' ')}`);
    this.name = 'InvalidLinkError';
  }
}

function mac(secret: string, body: string): string {
  return crypto.createHmac('sha256', secret).update(body).digest('base64url');
}

export function signLinkToken(claims: LinkClaims, secret: string): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${mac(secret, body)}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidLinkError('malformed');
  }
}

export function verifyLinkToken(token: string, expected: LinkPurpose, secret: string, now: Date): LinkClaims {
  const [body, signature, ...rest] = token.split('.');
  if (!body || !signature || rest.length > 0) throw new InvalidLinkError('malformed');
  const wanted = Buffer.from(mac(secret, body));
  const given = Buffer.from(signature);
  if (wanted.length !== given.length || !crypto.timingSafeEqual(wanted, given)) throw new InvalidLinkError('forged');
  const parsed = linkClaimsSchema.safeParse(parseJson(Buffer.from(body, 'base64url').toString('utf8')));
  if (!parsed.success) throw new InvalidLinkError('malformed');
  const claims = parsed.data;
  if (claims.purpose !== expected) throw new InvalidLinkError('wrong_purpose');
  if (Date.parse(claims.expiresAt) <= now.getTime()) throw new InvalidLinkError('expired');
  return claims;
}

/** An absolute URL under PUBLIC_BASE_URL carrying a signed token. */
export function signedUrl(baseUrl: string, route: string, claims: LinkClaims, secret: string): string {
  const url = new URL(route, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  url.searchParams.set('t', signLinkToken(claims, secret));
  return url.toString();
}
