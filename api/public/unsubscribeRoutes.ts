import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { escapeHtml } from '../../templates/escape';
import { resolveLanguage } from '../../templates/language';
import { recordOptOut } from '../customers/optOut';
import type { ApiDeps } from '../deps';
import { confirmForm, htmlPage } from './htmlPage';
import { linkClaimsReader, sendPage, tokenQuery } from './linkToken';
import { browserLanguage, customerLanguage, PAGE_TEXTS } from './pageTexts';

/**
 * Abmelden: GET shows a confirmation page with a button (link scanners must not unsubscribe
 * anyone); POST is RFC 8058 one-click (`List-Unsubscribe=One-Click`) and the button's target.
 * Both record a Suppression (reason unsubscribe) and the customer's objection, effective at once.
 */
export function unsubscribeRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  const now = deps.now ?? (() => new Date());
  const linkClaims = linkClaimsReader(deps);
  return async (app) => {
    app.get(
      '/unsubscribe',
      {
        config: { public: true },
        schema: { summary: 'Unsubscribe page (signed link)', tags: ['public pages'], querystring: tokenQuery, security: [] },
      },
      async (request, reply) => {
        const claims = linkClaims(request, reply, 'unsubscribe');
        if (!claims) return reply;
        const language = await customerLanguage(deps.prisma, claims.subject, browserLanguage(request));
        const texts = PAGE_TEXTS[language].unsubscribe;
        const action = `/unsubscribe?t=${encodeURIComponent(request.query.t!)}`;
        return sendPage(
          reply,
          200,
          htmlPage({
            language,
            title: texts.title,
            paragraphs: [texts.question],
            html: `${confirmForm(action, texts.button, { 'List-Unsubscribe': 'One-Click' })}<p class="note">${escapeHtml(texts.note)}</p>`,
          }),
        );
      },
    );

    app.post(
      '/unsubscribe',
      {
        config: { public: true },
        schema: { summary: 'One-click unsubscribe (RFC 8058)', tags: ['public pages'], querystring: tokenQuery, security: [] },
      },
      async (request, reply) => {
        const claims = linkClaims(request, reply, 'unsubscribe');
        if (!claims) return reply;
        const customer = await deps.prisma.customer.findUnique({ where: { id: claims.subject }, select: { id: true, language: true } });
        const language = customer ? resolveLanguage(customer.language) : browserLanguage(request);
        const texts = PAGE_TEXTS[language];
        if (!customer) return sendPage(reply, 410, htmlPage({ language, ...texts.unknownCustomer, tone: 'error' }));
        await recordOptOut(deps.prisma, {
          customerId: customer.id,
          at: now(),
          suppressEmail: true,
          channel: 'email',
          kind: 'consent.unsubscribed',
          summary: 'Über den Abmeldelink in einer E-Mail abgemeldet (Widerspruch gegen Werbung)',
        });
        return sendPage(reply, 200, htmlPage({ language, ...texts.unsubscribed }));
      },
    );
  };
}
