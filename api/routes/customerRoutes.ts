import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { dealerIdFor } from '../auth';
import { requestDoubleOptIn } from '../customers/doubleOptIn';
import { findCustomer } from '../customers/findCustomer';
import { recordOptOut } from '../customers/optOut';
import type { ApiDeps } from '../deps';
import { upsertCustomer } from '../ingest/upsertCustomer';
import { customerIdParams, bodyErrorResponses } from '../schemas/common';
import {
  consentRequestSchema,
  customerExternalIdParams,
  customerUpsertResponse,
  customerUpsertSchema,
  objectionSchema,
} from '../schemas/customerSchemas';

const tags = ['customers'];

/** Customer master data and consent: upsert from the DMS, consent requests, objections. */
export function customerRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  const now = deps.now ?? (() => new Date());
  return async (app) => {
    app.put(
      '/customers/:externalId',
      {
        schema: {
          summary: 'Create or update a customer by DMS customer number',
          tags,
          params: customerExternalIdParams,
          body: customerUpsertSchema,
          response: { 200: customerUpsertResponse, 201: customerUpsertResponse, ...bodyErrorResponses },
        },
      },
      async (request, reply) => {
        const dealerId = await dealerIdFor(deps.prisma, request);
        const result = await upsertCustomer(deps.prisma, dealerId, request.params.externalId, request.body);
        return reply.code(result.created ? 201 : 200).send(result);
      },
    );

    app.post(
      '/customers/:id/consent',
      {
        schema: {
          summary: 'Record a consent request and send the double opt-in confirmation email',
          tags,
          params: customerIdParams,
          body: consentRequestSchema,
          response: {
            202: z.object({
              status: z
                .enum(['confirmation_sent', 'confirmation_pending', 'already_confirmed'])
                .describe('confirmation_pending: an earlier confirmation email is still on its way'),
              enrollmentId: z.string().optional(),
            }),
            ...bodyErrorResponses,
          },
        },
      },
      async (request, reply) => {
        const dealerId = await dealerIdFor(deps.prisma, request);
        const result = await requestDoubleOptIn(deps, dealerId, request.params.id, request.body, now());
        return reply.code(202).send(result);
      },
    );

    app.post(
      '/customers/:id/objection',
      {
        schema: {
          summary: 'Record an objection to advertising (stops all marketing at once)',
          tags,
          params: customerIdParams,
          body: objectionSchema,
          response: {
            200: z.object({ customerId: z.string(), objectedAt: z.string(), alreadyObjected: z.boolean() }),
            ...bodyErrorResponses,
          },
        },
      },
      async (request) => {
        const dealerId = await dealerIdFor(deps.prisma, request);
        const customer = await findCustomer(deps.prisma, dealerId, request.params.id);
        const result = await recordOptOut(deps.prisma, {
          customerId: customer.id,
          at: request.body.objectedAt ? new Date(request.body.objectedAt) : now(),
          suppressEmail: false,
          channel: request.body.channel ?? 'phone',
          kind: 'consent.objection',
          summary: `Widerspruch gegen Werbung${request.body.note ? `: ${request.body.note}` : ''}`,
        });
        return { ...result, objectedAt: result.objectedAt.toISOString() };
      },
    );
  };
}
