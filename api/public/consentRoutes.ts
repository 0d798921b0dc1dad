import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { confirmDoubleOptIn } from '../customers/doubleOptIn';
import type { ApiDeps } from '../deps';
import { htmlPage } from './htmlPage';
import { claimsOrErrorPage, sendPage, tokenQuery } from './linkToken';

/** Double opt-in: the link from the confirmation email proves consent (§7(2) Nr. 2 UWG). */
export function consentRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  const now = deps.now ?? (() => new Date());
  return async (app) => {
    app.get('/consent/confirm', {
      config: { public: true },
      schema: {
        summary: 'Confirm email consent (double opt-in, signed link)',
        tags: ['public pages'],
        querystring: tokenQuery,
        security: [],
      },
    }, async (request, reply) => {
      const claims = claimsOrErrorPage(reply, request.query.t, 'confirm_consent', deps.settings.LINK_SIGNING_SECRET, now());
      if (!claims) return reply;
      const result = await confirmDoubleOptIn(deps.prisma, claims.subject, now());
      if (result.status === 'erased' || result.status === 'no_request') {
        return sendPage(reply, 410, htmlPage({
          title: 'Link nicht mehr gültig',
          paragraphs: ['Zu diesem Link gibt es keine offene Anmeldung. Es wurde nichts geändert.'],
          tone: 'error',
        }));
      }
      return sendPage(reply, 200, htmlPage({
        title: 'Vielen Dank für Ihre Bestätigung!',
        paragraphs: [
          result.status === 'confirmed'
            ? 'Ihre E-Mail-Adresse ist bestätigt. Ab jetzt informieren wir Sie über Inspektion und Hauptuntersuchung, Neuigkeiten und Angebote.'
            : 'Ihre E-Mail-Adresse war bereits bestätigt. Sie müssen nichts weiter tun.',
          'Ihre Einwilligung können Sie jederzeit mit Wirkung für die Zukunft widerrufen – über den Abmeldelink in jeder E-Mail.',
        ],
      }));
    });
  };
}
