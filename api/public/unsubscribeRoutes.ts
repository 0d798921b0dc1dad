import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { recordOptOut } from '../customers/optOut';
import type { ApiDeps } from '../deps';
import { confirmForm, htmlPage } from './htmlPage';
import { claimsOrErrorPage, sendPage, tokenQuery } from './linkToken';


/**
 * Abmelden: GET shows a confirmation page with a button (link scanners must not unsubscribe
 * anyone); POST is RFC 8058 one-click (`List-Unsubscribe=One-Click`) and the button's target.
 * Both record a Suppression (reason unsubscribe) and the customer's objection, effective at once.
 */
export function unsubscribeRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  const now = deps.now ?? (() => new Date());
  return async (app) => {
    app.get('/unsubscribe', {
      config: { public: true },
      schema: { summary: 'Unsubscribe page (signed link)', tags: ['public pages'], querystring: tokenQuery, security: [] },
    }, async (request, reply) => {
      const claims = claimsOrErrorPage(reply, request.query.t, 'unsubscribe', deps.settings.LINK_SIGNING_SECRET, now());
      if (!claims) return reply;
      const action = `/unsubscribe?t=${encodeURIComponent(request.query.t!)}`;
      return sendPage(reply, 200, htmlPage({
        title: 'Vom Newsletter abmelden',
        paragraphs: ['Möchten Sie keine Werbung und keine Angebote mehr per E-Mail von uns erhalten? Ein Klick genügt, die Abmeldung gilt sofort.'],
        html: `${confirmForm(action, 'Jetzt abmelden', { 'List-Unsubscribe': 'One-Click' })}<p class="note">Wichtige Nachrichten zu Ihren Aufträgen und Terminen erhalten Sie weiterhin.</p>`,
      }));
    });

    app.post('/unsubscribe', {
      config: { public: true },
      schema: { summary: 'One-click unsubscribe (RFC 8058)', tags: ['public pages'], querystring: tokenQuery, security: [] },
    }, async (request, reply) => {
      const claims = claimsOrErrorPage(reply, request.query.t, 'unsubscribe', deps.settings.LINK_SIGNING_SECRET, now());
      if (!claims) return reply;
      const customer = await deps.prisma.customer.findUnique({ where: { id: claims.subject }, select: { id: true } });
      if (!customer) {
        return sendPage(reply, 410, htmlPage({ title: 'Link nicht mehr gültig', paragraphs: ['Zu diesem Link gibt es keine Kundendaten mehr. Sie erhalten keine E-Mails mehr von uns.'], tone: 'error' }));
      }
      await recordOptOut(deps.prisma, {
        customerId: customer.id,
        at: now(),
        suppressEmail: true,
        channel: 'email',
        kind: 'consent.unsubscribed',
        summary: 'Über den Abmeldelink in einer E-Mail abgemeldet (Widerspruch gegen Werbung)',
      });
      return sendPage(reply, 200, htmlPage({
        title: 'Sie wurden abgemeldet',
        paragraphs: ['Sie erhalten ab sofort keine Werbe-E-Mails mehr von uns. Wichtige Nachrichten zu Ihren Aufträgen und Terminen erhalten Sie weiterhin.', 'Falls das ein Versehen war, sprechen Sie uns einfach an.'],
      }));
    });
  };
}
