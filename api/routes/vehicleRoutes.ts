import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dealerIdFor } from '../auth';
import type { ApiDeps } from '../deps';
import { upsertVehicle } from '../ingest/upsertVehicle';
import { bodyErrorResponses } from '../schemas/common';
import { vehicleUpsertResponse, vehicleUpsertSchema, vinParams } from '../schemas/vehicleSchemas';

export function vehicleRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.put(
      '/vehicles/:vin',
      {
        schema: {
          summary: 'Create or update a vehicle by VIN (owner by DMS customer number)',
          tags: ['vehicles'],
          params: vinParams,
          body: vehicleUpsertSchema,
          response: { 200: vehicleUpsertResponse, 201: vehicleUpsertResponse, ...bodyErrorResponses },
        },
      },
      async (request, reply) => {
        const dealerId = await dealerIdFor(deps.prisma, request);
        const result = await upsertVehicle(deps.prisma, dealerId, request.params.vin, request.body);
        return reply.code(result.created ? 201 : 200).send(result);
      },
    );
  };
}
