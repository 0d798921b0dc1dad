import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { confirmDoubleOptIn } from '../customers/doubleOptIn';
import type { ApiDeps } from '../deps';
import { htmlPage } from './htmlPage';
import { linkClaimsReader, sendPage, tokenQuery } from './linkToken';
import { browserLanguage, customerLanguage, PAGE_TEXTS } from './pageTexts';

/** Double opt-in: the link from the confirmation email proves consent (§7(2) Nr. 2 UWG). */
export function consentRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  const now = deps.now ?? (() => new Date());
  const linkClaims = linkClaimsReader(deps);
  return async (app) => {
    app.get(
      '/consent/confirm',
      {
        config: { public: true },
        schema: {
          summary: 'Confirm email consent (double opt-in, signed link)',
          tags: ['public pages'],
          querystring: tokenQuery,
          security: [],
        },
      },
      async (request, reply) => {
        const claims = linkClaims(request, reply, 'confirm_consent');
        if (!claims) return reply;
        const language = await customerLanguage(deps.prisma, claims.subject, browserLanguage(request));
        const texts = PAGE_TEXTS[language];
        const result = await confirmDoubleOptIn(deps.prisma, claims.subject, now());
        if (result.status === 'erased' || result.status === 'no_request')
          return sendPage(reply, 410, htmlPage({ language, ...texts.consentNotOpen, tone: 'error' }));
        return sendPage(
          reply,
          200,
          htmlPage({
            language,
            title: texts.consentThanks,
            paragraphs: [result.status === 'confirmed' ? texts.consentConfirmed : texts.consentAlready, texts.consentRevoke],
          }),
        );
      },
    );
  };
}
