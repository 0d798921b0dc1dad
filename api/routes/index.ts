import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ApiDeps } from '../deps';
import { campaignRoutes } from './campaignRoutes';
import { customerRoutes } from './customerRoutes';
import { eventRoutes } from './eventRoutes';
import { journeyRoutes } from './journeyRoutes';
import { leadRoutes } from './leadRoutes';
import { locationRoutes } from './locationRoutes';
import { newsletterRunRoutes } from './newsletterRunRoutes';
import { reportRoutes } from './reportRoutes';
import { vehicleRoutes } from './vehicleRoutes';

/** The JSON API (API key required). */
export function apiRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(customerRoutes(deps));
    await app.register(eventRoutes(deps));
    await app.register(journeyRoutes(deps));
    await app.register(vehicleRoutes(deps));
    await app.register(leadRoutes(deps));
    await app.register(locationRoutes(deps));
    await app.register(campaignRoutes());
    await app.register(newsletterRunRoutes(deps));
    await app.register(reportRoutes(deps));
  };
}
