import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { InvalidLinkError, LINK_PROBLEM_STATUS, verifyLinkToken, type LinkClaims, type LinkProblem, type LinkPurpose } from '../../links/signedLinks';
import { htmlPage } from './htmlPage';

export const tokenQuery = z.object({ t: z.string().max(4096).optional().describe('Signed link token from the email') });

const problems: Record<LinkProblem | 'missing', { title: string; text: string }> = {
  missing: { title: 'Link unvollständig', text: 'Dieser Link ist unvollständig. Bitte öffnen Sie den Link direkt aus der E-Mail oder kopieren Sie ihn vollständig in Ihren Browser.' },
  malformed: { title: 'Link ungültig', text: 'Dieser Link ist beschädigt. Bitte öffnen Sie den Link direkt aus der E-Mail oder kopieren Sie ihn vollständig in Ihren Browser. Es wurde nichts geändert.' },
  forged: { title: 'Link ungültig', text: 'Dieser Link ist nicht gültig. Es wurde nichts geändert.' },
  wrong_purpose: { title: 'Link ungültig', text: 'Dieser Link gehört zu einer anderen Aktion. Es wurde nichts geändert.' },
  expired: { title: 'Link abgelaufen', text: 'Dieser Link ist abgelaufen. Es wurde nichts geändert. Bitte fordern Sie eine neue E-Mail an oder wenden Sie sich an Ihr Autohaus.' },
};

/**
 * The token's claims, or undefined after replying with a German error page. Every public link route
 * goes through here, so all answer a bad token alike (links/signedLinks LINK_PROBLEM_STATUS:
 * missing or malformed 400, forged or for another action 403, expired 410).
 */
export function claimsOrErrorPage(reply: FastifyReply, token: string | undefined, purpose: LinkPurpose, secret: string, now: Date): LinkClaims | undefined {
  let problem: keyof typeof problems = 'missing';
  if (token) {
    try {
      return verifyLinkToken(token, purpose, secret, now);
    } catch (error) {
      if (!(error instanceof InvalidLinkError)) throw error;
      problem = error.problem;
    }
  }
  const { title, text } = problems[problem];
  sendPage(reply, LINK_PROBLEM_STATUS[problem], htmlPage({ title, paragraphs: [text], tone: 'error' }));
  return undefined;
}

export function sendPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').type('text/html; charset=utf-8').send(html);
}
