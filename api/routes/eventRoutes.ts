import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { customerEventSchema } from '../../lifecycle/customerEvents';
import { dealerIdFor } from '../auth';
import { ingestCustomerEvent } from '../customers/customerEvents';
import { findCustomer } from '../customers/findCustomer';
import type { ApiDeps } from '../deps';
import { errorResponses, customerIdParams } from '../schemas/common';

const tags = ['customers'];
const accepted = z.object({ eventId: z.string(), duplicate: z.boolean().describe('true when this eventId was received before (nothing is stored twice)') });

/** Lifecycle events and erasure requests, forwarded to the customer's lifecycle workflow. */
export function eventRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  const now = deps.now ?? (() => new Date());
  return async (app) => {
    app.post('/customers/:id/events', {
      schema: {
        summary: 'Post a lifecycle event (delivery, service visit, HU, interaction, sale …); idempotent on eventId',
        tags,
        params: customerIdParams,
        body: customerEventSchema.describe('One event; `type` decides the other fields. eventId is yours and makes re-delivery safe.'),
        response: { 202: accepted, ...errorResponses },
      },
    }, async (request, reply) => {
      const dealerId = await dealerIdFor(deps.prisma, request);
      const customer = await findCustomer(deps.prisma, dealerId, request.params.id);
      return reply.code(202).send(await ingestCustomerEvent(deps, customer.id, request.body));
    });

    app.post('/customers/:id/erasure', {
      schema: {
        summary: 'Request erasure (Art. 17 DSGVO): personal data is blanked and every campaign stops',
        tags,
        params: customerIdParams,
        body: z.object({ requestedAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with offset' }).optional() }).strict().optional(),
        response: { 202: accepted, ...errorResponses },
      },
    }, async (request, reply) => {
      const dealerId = await dealerIdFor(deps.prisma, request);
      const customer = await findCustomer(deps.prisma, dealerId, request.params.id);
      // One erasure per customer: a repeated request is the same event, whatever time it names.
      const event = { type: 'erasure_requested' as const, eventId: `erasure:${customer.id}`, occurredAt: request.body?.requestedAt ?? now().toISOString() };
      const result = await ingestCustomerEvent(deps, customer.id, event, { sameIdIsSameEvent: true });
      return reply.code(202).send(result);
    });
  };
}
