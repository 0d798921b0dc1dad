import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createLocation,
  dealerSettingsSchema,
  locationChangeSchema,
  LocationSettingsError,
  locationSettingsSchema,
  updateDealerSettings,
  updateLocation,
} from '../../locations/locationSettings';
import { dealerIdFor } from '../auth';
import type { ApiDeps } from '../deps';
import { ApiProblem, notFound } from '../problems';
import { bodyErrorResponses, uuid } from '../schemas/common';

const tags = ['locations'];
const hoursHelp =
  'Weekly opening hours, e.g. {"mon":[{"from":"09:00","to":"18:00"}],…}; a missing weekday is closed. Omitted, null or {}: the dealer\'s default hours. A week without any opening time is refused. Cross-field rules: each interval\'s `from` must be before its `to`, and the intervals of one day must not overlap (400 naming the day otherwise).';

const locationResponse = z.object({
  id: z.string(),
  name: z.string(),
  federalState: z.string(),
  timeZone: z.string(),
  openingHours: z.record(z.string(), z.array(z.object({ from: z.string(), to: z.string() }))),
  escalationEmail: z.string().nullable(),
});
type LocationRow = {
  id: string;
  name: string;
  federalState: string;
  timeZone: string;
  openingHours: unknown;
  escalationEmail: string | null;
};
const present = (l: LocationRow) => ({
  id: l.id,
  name: l.name,
  federalState: l.federalState,
  timeZone: l.timeZone,
  openingHours: l.openingHours as Record<string, Array<{ from: string; to: string }>>,
  escalationEmail: l.escalationEmail,
});

function asProblem(error: unknown): never {
  if (error instanceof LocationSettingsError) throw new ApiProblem(400, error.message, [{ path: error.field, message: error.message }]);
  throw error;
}

/** Locations (opening hours, escalation mailbox) and the dealer's defaults, validated in locations/locationSettings.ts. */
export function locationRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/locations',
      {
        schema: {
          summary: 'Create a location (branch) with its opening hours and escalation mailbox',
          tags,
          body: locationSettingsSchema.extend({ openingHours: z.unknown().optional().describe(hoursHelp) }),
          response: { 201: locationResponse, ...bodyErrorResponses },
        },
      },
      async (request, reply) => {
        const dealerId = await dealerIdFor(deps.prisma, request);
        const location = await createLocation(deps.prisma, dealerId, request.body).catch(asProblem);
        return reply.code(201).send(present(location));
      },
    );

    app.patch(
      '/locations/:id',
      {
        schema: {
          summary: "Change a location's opening hours, escalation mailbox or address",
          tags,
          params: z.object({ id: uuid.describe('Location id') }),
          body: locationChangeSchema.extend({ openingHours: z.unknown().optional().describe(hoursHelp) }),
          response: { 200: locationResponse, ...bodyErrorResponses },
        },
      },
      async (request) => {
        const dealerId = await dealerIdFor(deps.prisma, request);
        const existing = await deps.prisma.location.findFirst({ where: { id: request.params.id, dealerId } });
        if (!existing) throw notFound(`location ${request.params.id} not found`);
        return present(await updateLocation(deps.prisma, existing.id, request.body).catch(asProblem));
      },
    );

    app.patch(
      '/dealer',
      {
        schema: {
          summary: "The dealer's escalation mailbox (last rung of every escalation) and default opening hours",
          tags,
          body: dealerSettingsSchema.extend({
            defaultOpeningHours: z.unknown().optional().describe('Opening hours for locations that configure none'),
          }),
          response: { 200: z.object({ id: z.string(), escalationEmail: z.string().nullable() }), ...bodyErrorResponses },
        },
      },
      async (request) => {
        const dealerId = await dealerIdFor(deps.prisma, request);
        const dealer = await updateDealerSettings(deps.prisma, dealerId, request.body).catch(asProblem);
        return { id: dealer.id, escalationEmail: dealer.escalationEmail };
      },
    );
  };
}
