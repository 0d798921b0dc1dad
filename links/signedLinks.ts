import crypto from 'node:crypto';

/**
 * Signed links for unsubscribe, double opt-in and staff callback pages: the token carries what the
 * link may do, for whom, and until when, and an HMAC-SHA256 over that with LINK_SIGNING_SECRET.
 */
export type LinkPurpose = 'unsubscribe' | 'confirm_consent' | 'log_callback' | 'take_over_lead';

export type LinkClaims = { purpose: LinkPurpose; subject: string; expiresAt?: string; extra?: Record<string, string> };

export class InvalidLinkError extends Error {
  constructor(readonly problem: 'malformed' | 'forged' | 'expired' | 'wrong_purpose') {
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

export function verifyLinkToken(token: string, expected: LinkPurpose, secret: string, now: Date): LinkClaims {
  const [body, signature, ...rest] = token.split('.');
  if (!body || !signature || rest.length > 0) throw new InvalidLinkError('malformed');
  const wanted = Buffer.from(mac(secret, body));
  const given = Buffer.from(signature);
  if (wanted.length !== given.length || !crypto.timingSafeEqual(wanted, given)) throw new InvalidLinkError('forged');
  let claims: LinkClaims;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as LinkClaims;
  } catch {
    throw new InvalidLinkError('malformed');
  }
  if (claims.purpose !== expected) throw new InvalidLinkError('wrong_purpose');
  if (claims.expiresAt && Date.parse(claims.expiresAt) < now.getTime()) throw new InvalidLinkError('expired');
  return claims;
}

/** An absolute URL under PUBLIC_BASE_URL carrying a signed token. */
export function signedUrl(baseUrl: string, route: string, claims: LinkClaims, secret: string): string {
  const url = new URL(route, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  url.searchParams.set('t', signLinkToken(claims, secret));
  return url.toString();
}
