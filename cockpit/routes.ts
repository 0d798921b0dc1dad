import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { acceptFormBodies } from '../api/public/formBodies';
import { findSession, SESSION_COOKIE, tokensMatch } from './auth/sessions';
import { CockpitError } from './access';
import type { CockpitDeps } from './context';
import { isLang, translator, type Lang } from './i18n';
import { COCKPIT_CSS, cockpitPage, html } from './layout';
import { registerCampaignRoutes } from './routes/campaignRoutes';
import { registerCustomerRoutes } from './routes/customerRoutes';
import { registerLeadRoutes } from './routes/leadRoutes';
import { cookieOptions, LANG_COOKIE, registerLoginRoutes } from './routes/loginRoutes';
import { registerNewsletterRoutes } from './routes/newsletterRoutes';
import { registerOverviewRoutes } from './routes/overviewRoutes';
import { registerStaffRoutes } from './routes/staffRoutes';

export type { CockpitDeps } from './context';

function errorPage(request: FastifyRequest, reply: FastifyReply, status: number, message: string) {
  const ctx = request.cockpit;
  const tr = ctx?.tr ?? translator('de');
  const title =
    status === 403
      ? tr.t('error.forbidden')
      : status === 404
        ? tr.t('error.notFound')
        : status === 400
          ? tr.t('error.badRequest')
          : 'Fehler';
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(
      cockpitPage({
        tr,
        title,
        user: ctx?.user,
        csrfToken: ctx?.session.csrfToken,
        dealerName: ctx?.dealer.name,
        body: html`<section class="error">
          <h2>${status}</h2>
          <p id="error-message">${message}</p>
        </section>`,
      }),
    );
}

/**
 * The dealer's cockpit under /cockpit: server-rendered pages behind a login (session cookie, CSRF
 * token on every form). The API-key check of the JSON API does not apply here; the session does.
 */
export function cockpitRoutes(deps: CockpitDeps): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    await app.register(fastifyCookie);
    acceptFormBodies(app);

    app.setErrorHandler((error: Error & { statusCode?: number; validation?: unknown }, request, reply) => {
      if (error instanceof CockpitError) return errorPage(request, reply, error.statusCode, error.message);
      if (error.validation || error.statusCode === 400 || error.statusCode === 415) return errorPage(request, reply, 400, error.message);
      request.log.error({ err: error }, 'cockpit page failed');
      return errorPage(request, reply, 500, 'Interner Fehler / internal error');
    });
    app.setNotFoundHandler((request, reply) => errorPage(request, reply, 404, request.url));

    app.addHook('preHandler', async (request, reply) => {
      if (request.routeOptions.config?.cockpitPublic) return;
      const now = deps.now?.() ?? new Date();
      const active = await findSession(deps.prisma, request.cookies[SESSION_COOKIE], now);
      if (!active) {
        if (request.method === 'GET') return reply.redirect(`/cockpit/login?next=${encodeURIComponent(request.url)}`, 303);
        return errorPage(request, reply, 401, 'Bitte anmelden / please log in');
      }
      const query = request.query as { lang?: string };
      let lang: Lang = active.user.language;
      if (isLang(query.lang)) {
        lang = query.lang;
        reply.setCookie(LANG_COOKIE, lang, { ...cookieOptions(deps), maxAge: 365 * 86400 });
      } else if (isLang(request.cookies[LANG_COOKIE])) lang = request.cookies[LANG_COOKIE] as Lang;
      const dealer = await deps.prisma.dealer.findUniqueOrThrow({ where: { id: active.user.dealerId } });
      request.cockpit = { ...active, dealer, tr: translator(lang), now };
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        const body = (request.body ?? {}) as Record<string, unknown>;
        if (!tokensMatch(body._csrf, active.session.csrfToken)) return errorPage(request, reply, 403, request.cockpit.tr.t('error.csrf'));
      }
    });

    app.get('/assets/cockpit.css', { config: { cockpitPublic: true } }, async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(COCKPIT_CSS),
    );
    registerLoginRoutes(app, deps);
    registerOverviewRoutes(app, deps);
    registerLeadRoutes(app, deps);
    registerCampaignRoutes(app, deps);
    registerNewsletterRoutes(app, deps);
    registerCustomerRoutes(app, deps);
    registerStaffRoutes(app, deps);
  };
}
