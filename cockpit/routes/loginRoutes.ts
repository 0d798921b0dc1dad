import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { verifyPassword } from '../auth/passwords';
import { closeSession, openSession, SESSION_COOKIE, SESSION_HOURS, tokensMatch } from '../auth/sessions';
import type { CockpitDeps } from '../context';
import { isLang, translator, type Lang } from '../i18n';
import { cockpitPage, html } from '../layout';

export const LOGIN_CSRF_COOKIE = 'stammkunde_login_csrf';
export const LANG_COOKIE = 'stammkunde_lang';

const loginBody = z.object({
  email: z.string().trim().toLowerCase().max(200),
  password: z.string().max(500),
  _csrf: z.string().optional(),
  next: z.string().optional(),
});

/** Only paths inside the cockpit: never an open redirect. */
const safeNext = (next: string | undefined) =>
  next && /^\/cockpit(\/[A-Za-z0-9/_\-?=&%.]*)?$/.test(next) && !next.startsWith('//') ? next : '/cockpit';

export function cookieOptions(deps: CockpitDeps) {
  return { path: '/cockpit', httpOnly: true, sameSite: 'lax' as const, secure: deps.settings.PUBLIC_BASE_URL.startsWith('https:') };
}

function loginPage(lang: Lang, csrf: string, next: string, failed: boolean): string {
  const tr = translator(lang);
  return cockpitPage({
    tr,
    title: tr.t('login.title'),
    body: html`<section class="login">
      ${failed ? html`<p class="badge bad" id="login-error">${tr.t('login.failed')}</p>` : ''}
      <form method="post" action="/cockpit/login">
        <input type="hidden" name="_csrf" value="${csrf}" /><input type="hidden" name="next" value="${next}" />
        <label for="email">${tr.t('login.email')}</label><input id="email" name="email" type="email" autocomplete="username" required />
        <label for="password">${tr.t('login.password')}</label
        ><input id="password" name="password" type="password" autocomplete="current-password" required />
        <button type="submit">${tr.t('login.submit')}</button>
      </form>
      <p class="detail"><a href="?lang=${lang === 'de' ? 'en' : 'de'}">${lang === 'de' ? 'English' : 'Deutsch'}</a></p>
    </section>`,
  });
}

/**
 * Login and logout. The login form is protected by a double-submit token (a random value in a
 * cookie and in the form); the session cookie is HttpOnly and SameSite=Lax.
 */
export function registerLoginRoutes(app: FastifyInstance, deps: CockpitDeps): void {
  const langOf = (query: { lang?: string }, cookies: Record<string, string | undefined>): Lang =>
    isLang(query.lang) ? query.lang : isLang(cookies[LANG_COOKIE]) ? (cookies[LANG_COOKIE] as Lang) : 'de';

  app.get<{ Querystring: { next?: string; lang?: string } }>('/login', { config: { cockpitPublic: true } }, async (request, reply) => {
    const csrf = crypto.randomBytes(24).toString('base64url');
    const lang = langOf(request.query, request.cookies);
    reply.setCookie(LOGIN_CSRF_COOKIE, csrf, { ...cookieOptions(deps), maxAge: 3600 });
    if (isLang(request.query.lang)) reply.setCookie(LANG_COOKIE, lang, { ...cookieOptions(deps), maxAge: 365 * 86400 });
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(loginPage(lang, csrf, safeNext(request.query.next), false));
  });

  app.post('/login', { config: { cockpitPublic: true } }, async (request, reply) => {
    const lang = langOf({}, request.cookies);
    const parsed = loginBody.safeParse(request.body ?? {});
    if (!parsed.success || !tokensMatch(parsed.data._csrf, request.cookies[LOGIN_CSRF_COOKIE])) {
      const tr = translator(lang);
      return reply
        .code(403)
        .type('text/html; charset=utf-8')
        .send(
          cockpitPage({
            tr,
            title: tr.t('error.forbidden'),
            body: html`<section class="error">
              <h2>403</h2>
              <p id="csrf-refused">${tr.t('error.csrf')}</p>
              <p><a href="/cockpit/login">${tr.t('login.title')}</a></p>
            </section>`,
          }),
        );
    }
    const { email, password, next } = parsed.data;
    const now = deps.now?.() ?? new Date();
    const user = await deps.prisma.cockpitUser.findUnique({ where: { email } });
    const valid = user && !user.disabledAt ? await verifyPassword(password, user.passwordHash) : false;
    if (!user || !valid) {
      const csrf = crypto.randomBytes(24).toString('base64url');
      reply.setCookie(LOGIN_CSRF_COOKIE, csrf, { ...cookieOptions(deps), maxAge: 3600 });
      return reply
        .code(401)
        .type('text/html; charset=utf-8')
        .send(loginPage(lang, csrf, safeNext(next), true));
    }
    const { token } = await openSession(deps.prisma, user.id, now);
    reply.clearCookie(LOGIN_CSRF_COOKIE, cookieOptions(deps));
    reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions(deps), maxAge: SESSION_HOURS * 3600 });
    return reply.redirect(safeNext(next), 303);
  });

  app.post('/logout', async (request, reply) => {
    await closeSession(deps.prisma, request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, cookieOptions(deps));
    return reply.redirect('/cockpit/login', 303);
  });
}
