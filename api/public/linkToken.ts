import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { InvalidLinkError, verifyLinkToken, type LinkClaims, type LinkPurpose } from '../../links/signedLinks';
import { htmlPage } from './htmlPage';

export const tokenQuery = z.object({ t: z.string().max(4096).optional().describe('Signed link token from the email') });

const problems: Record<InvalidLinkError['problem'] | 'missing', { status: number; title: string; text: string }> = {
  missing: { status: 403, title: 'Link unvollständig', text: 'Dieser Link ist unvollständig. Bitte öffnen Sie den Link direkt aus der E-Mail oder kopieren Sie ihn vollständig in Ihren Browser.' },
  malformed: { status: 403, title: 'Link ungültig', text: 'Dieser Link ist beschädigt. Bitte öffnen Sie den Link direkt aus der E-Mail oder kopieren Sie ihn vollständig in Ihren Browser.' },
  forged: { status: 403, title: 'Link ungültig', text: 'Dieser Link ist nicht gültig. Es wurde nichts geändert.' },
  wrong_purpose: { status: 403, title: 'Link ungültig', text: 'Dieser Link gehört zu einer anderen Aktion. Es wurde nichts geändert.' },
  expired: { status: 410, title: 'Link abgelaufen', text: 'Dieser Link ist abgelaufen. Es wurde nichts geändert. Bitte fordern Sie eine neue E-Mail an oder wenden Sie sich an Ihr Autohaus.' },
};

/** The token's claims, or undefined after replying with a German error page (403 forged, 410 expired). */
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
  const { status, title, text } = problems[problem];
  sendPage(reply, status, htmlPage({ title, paragraphs: [text], tone: 'error' }));
  return undefined;
}

export function sendPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').type('text/html; charset=utf-8').send(html);
}
