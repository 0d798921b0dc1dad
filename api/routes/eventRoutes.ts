import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { customerEventSchema } from '../../lifecycle/customerEvents';
import { dealerIdFor } from '../auth';
import { ingestCustomerEvent } from '../customers/customerEvents';
import { findCustomer } from '../customers/findCustomer';
import type { ApiDeps } from '../deps';
import { bodyErrorResponses, customerIdParams } from '../schemas/common';

const tags = ['customers'];
const accepted = z.object({
  eventId: z.string(),
  duplicate: z.boolean().describe('true when this eventId was received before (nothing is stored twice)'),
});

/** Lifecycle events, forwarded to the customer's lifecycle workflow (erasure: see privacyRoutes.ts). */
export function eventRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/customers/:id/events',
      {
        schema: {
          summary: 'Post a lifecycle event (delivery, service visit, HU, interaction, sale …); idempotent on eventId',
          tags,
          params: customerIdParams,
          body: customerEventSchema.describe('One event; `type` decides the other fields. eventId is yours and makes re-delivery safe.'),
          response: { 202: accepted, ...bodyErrorResponses },
        },
      },
      async (request, reply) => {
        const dealerId = await dealerIdFor(deps.prisma, request);
        const customer = await findCustomer(deps.prisma, dealerId, request.params.id);
        return reply.code(202).send(await ingestCustomerEvent(deps, customer.id, request.body));
      },
    );
  };
}
