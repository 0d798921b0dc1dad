import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { InvalidLinkError, verifyLinkToken, type LinkClaims, type LinkPurpose } from '../../links/signedLinks';
import type { Language } from '../../templates/types';
import { htmlPage } from './htmlPage';
import { PAGE_TEXTS } from './pageTexts';

export const tokenQuery = z.object({ t: z.string().max(4096).optional().describe('Signed link token from the email') });

const STATUS: Record<InvalidLinkError['problem'] | 'missing', number> = { missing: 403, malformed: 403, forged: 403, wrong_purpose: 403, expired: 410 };

/** The token's claims, or undefined after replying with an error page in `language` (403 forged, 410 expired). */
export function claimsOrErrorPage(reply: FastifyReply, token: string | undefined, purpose: LinkPurpose, secret: string, now: Date, language: Language = 'de'): LinkClaims | undefined {
  let problem: keyof typeof STATUS = 'missing';
  if (token) {
    try {
      return verifyLinkToken(token, purpose, secret, now);
    } catch (error) {
      if (!(error instanceof InvalidLinkError)) throw error;
      problem = error.problem;
    }
  }
  const { title, text } = PAGE_TEXTS[language].linkProblems[problem];
  sendPage(reply, STATUS[problem], htmlPage({ title, paragraphs: [text], tone: 'error', language }));
  return undefined;
}

export function sendPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').type('text/html; charset=utf-8').send(html);
}
