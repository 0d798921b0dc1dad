import { freeText } from '../../config/freeText';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { handleCallbackForm, renderCallbackPage } from '../../leads/callbackPage';
import type { Page } from '../../leads/linkPages';
import { handleTakeOverForm, renderTakeOverPage } from '../../leads/takeOverPage';
import type { LinkPurpose } from '../../links/signedLinks';
import type { ApiDeps } from '../deps';
import { claimsOrErrorPage, sendPage, tokenQuery } from './linkToken';

const formBody = z.record(z.string(), freeText(z.string().max(5000))).optional();
const tags = ['public pages'];

/** Staff pages behind the links in lead emails: log a callback outcome, take a lead over. */
export function leadPageRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  // leads/ reads `now` as a Date for the link check and as a function for logging; pass none (the real clock).
  const linkDeps = { client: deps.client, prisma: deps.prisma, secret: deps.settings.LINK_SIGNING_SECRET };
  const check = () => ({ secret: deps.settings.LINK_SIGNING_SECRET, now: deps.now?.() ?? new Date() });
  const send = (reply: Parameters<typeof sendPage>[0], page: Page) => sendPage(reply, page.status, page.html);
  /** The same token check, and so the same refusal status, as every other public link route. */
  const tokenAccepted = (reply: Parameters<typeof sendPage>[0], token: string | undefined, purpose: LinkPurpose) => {
    const { secret, now } = check();
    return claimsOrErrorPage(reply, token, purpose, secret, now) !== undefined;
  };

  return async (app) => {
    app.get(
      '/leads/callback',
      { config: { public: true }, schema: { summary: 'Callback outcome form (signed link)', tags, querystring: tokenQuery, security: [] } },
      async (request, reply) => {
        if (!tokenAccepted(reply, request.query.t, 'log_callback')) return reply;
        return send(reply, renderCallbackPage(request.query.t, check()));
      },
    );
    app.post(
      '/leads/callback',
      {
        config: { public: true },
        schema: { summary: 'Submit a callback outcome (signed link)', tags, querystring: tokenQuery, body: formBody, security: [] },
      },
      async (request, reply) => {
        const form = request.body ?? {};
        const token = request.query.t ?? form.t;
        if (!tokenAccepted(reply, token, 'log_callback')) return reply;
        return send(reply, await handleCallbackForm(linkDeps, token, form));
      },
    );
    app.get(
      '/leads/take-over',
      { config: { public: true }, schema: { summary: 'Take over a lead (signed link)', tags, querystring: tokenQuery, security: [] } },
      async (request, reply) => {
        if (!tokenAccepted(reply, request.query.t, 'take_over_lead')) return reply;
        return send(reply, renderTakeOverPage(request.query.t, check()));
      },
    );
    app.post(
      '/leads/take-over',
      {
        config: { public: true },
        schema: { summary: 'Confirm taking over a lead (signed link)', tags, querystring: tokenQuery, body: formBody, security: [] },
      },
      async (request, reply) => {
        const form = request.body ?? {};
        const token = request.query.t ?? form.t;
        if (!tokenAccepted(reply, token, 'take_over_lead')) return reply;
        return send(reply, await handleTakeOverForm(linkDeps, token));
      },
    );
  };
}
