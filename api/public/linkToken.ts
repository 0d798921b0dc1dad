import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { InvalidLinkError, LINK_PROBLEM_STATUS, verifyLinkToken, type LinkClaims, type LinkPurpose } from '../../links/signedLinks';
import type { Language } from '../../templates/types';
import { htmlPage } from './htmlPage';
import type { ApiDeps } from '../deps';
import { browserLanguage, PAGE_TEXTS } from './pageTexts';

export const tokenQuery = z.object({ t: z.string().max(4096).optional().describe('Signed link token from the email') });

/**
 * The token's claims, or undefined after replying with an error page in `language`. Every public link
 * route goes through here, so all answer a bad token alike (links/signedLinks LINK_PROBLEM_STATUS:
 * missing or malformed 400, forged or for another action 403, expired 410).
 */
export function claimsOrErrorPage(
  reply: FastifyReply,
  token: string | undefined,
  purpose: LinkPurpose,
  secret: string,
  now: Date,
  language: Language = 'de',
): LinkClaims | undefined {
  let problem: keyof typeof LINK_PROBLEM_STATUS | 'missing' = 'missing';
  if (token) {
    try {
      return verifyLinkToken(token, purpose, secret, now);
    } catch (error) {
      if (!(error instanceof InvalidLinkError)) throw error;
      problem = error.problem;
    }
  }
  const { title, text } = PAGE_TEXTS[language].linkProblems[problem];
  sendPage(reply, LINK_PROBLEM_STATUS[problem], htmlPage({ title, paragraphs: [text], tone: 'error', language }));
  return undefined;
}

/**
 * A public page's link reader: the `?t=` token for `purpose`, checked with the API's secret and clock; a bad one is
 * answered with an error page in the browser's language (undefined is returned then).
 */
export function linkClaimsReader(deps: Pick<ApiDeps, 'settings' | 'now'>) {
  const now = deps.now ?? (() => new Date());
  return (request: FastifyRequest & { query: { t?: string } }, reply: FastifyReply, purpose: LinkPurpose) =>
    claimsOrErrorPage(reply, request.query.t, purpose, deps.settings.LINK_SIGNING_SECRET, now(), browserLanguage(request));
}

export function sendPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .type('text/html; charset=utf-8')
    .send(html);
}
