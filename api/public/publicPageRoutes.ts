import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ApiDeps } from '../deps';
import { consentRoutes } from './consentRoutes';
import { leadPageRoutes } from './leadPageRoutes';
import { unsubscribeRoutes } from './unsubscribeRoutes';

/** Pages behind signed links in emails: no API key; customer pages in the customer's language, staff pages in German. */
export function publicPageRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(unsubscribeRoutes(deps));
    await app.register(consentRoutes(deps));
    await app.register(leadPageRoutes(deps));
  };
}
