import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eraseCustomer } from '../../privacy/erasure';
import { exportCustomerData } from '../../privacy/exportCustomer';
import { dealerIdFor } from '../auth';
import { findCustomer } from '../customers/findCustomer';
import type { ApiDeps } from '../deps';
import { notFound } from '../problems';
import { customerIdParams, bodyErrorResponses, errorResponses, instant, shortText } from '../schemas/common';

const tags = ['privacy'];

const erasureReport = z.object({
  erasureId: z.string(),
  customerId: z.string(),
  requestedBy: z.string().describe("Who asked: the API key's name, or the CLI user"),
  requestedAt: z.string(),
  stepsDone: z.array(z.string()).describe('workflows_ended, data_blanked, key_shredded'),
  completedAt: z.string().nullable(),
  duplicate: z.boolean().describe("true when this customer's erasure had been requested before (this call repeated or resumed it)"),
  workflowsEnded: z.array(z.string()).describe('Temporal workflows of the customer this call terminated'),
});

/** Erasure (Art. 17) and export (Art. 15/20) of one customer's data. */
export function privacyRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  const now = deps.now ?? (() => new Date());
  return async (app) => {
    // An erasure needs no body: an empty one (even with Content-Type: application/json) or `null` is fine.
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
      const text = String(body).trim();
      try {
        done(null, text === '' ? undefined : JSON.parse(text));
      } catch (error) {
        // The client's mistake, answered like fastify's own JSON parser does: 400 "body: not valid JSON".
        done(Object.assign(error as Error, { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' }), undefined);
      }
    });

    app.post(
      '/customers/:id/erasure',
      {
        schema: {
          summary:
            'Erase a customer (Art. 17 DSGVO): workflows ended, personal data blanked, payload key shredded; idempotent and resumable',
          tags,
          params: customerIdParams,
          body: z
            .object({
              requestedAt: instant.optional().describe('When the customer asked for erasure; defaults to now'),
              requestedBy: shortText(200).optional().describe("Who took the request; defaults to the API key's name"),
            })
            .strict()
            .nullish()
            .describe('Optional; an empty body is fine'),
          response: { 202: erasureReport, ...bodyErrorResponses },
        },
      },
      async (request, reply) => {
        const dealerId = await dealerIdFor(deps.prisma, request);
        const customer = await findCustomer(deps.prisma, dealerId, request.params.id);
        const report = await eraseCustomer(
          { prisma: deps.prisma, client: deps.client, settings: deps.settings, now },
          {
            customerId: customer.id,
            dealerId,
            requestedBy: request.body?.requestedBy ?? `api-key:${request.apiKey?.name ?? 'unknown'}`,
            requestedAt: request.body?.requestedAt ? new Date(request.body.requestedAt) : undefined,
          },
        );
        return reply.code(202).send(report);
      },
    );

    app.get(
      '/customers/:id/export',
      {
        schema: {
          summary: 'Everything stored about a customer, as JSON (Art. 15 and 20 DSGVO)',
          tags,
          params: customerIdParams,
          response: { 200: z.record(z.string(), z.unknown()), ...errorResponses },
        },
      },
      async (request) => {
        const dealerId = await dealerIdFor(deps.prisma, request);
        const customer = await findCustomer(deps.prisma, dealerId, request.params.id);
        const data = await exportCustomerData(deps.prisma, customer.id);
        if (!data) throw notFound(`customer ${customer.id} not found`);
        return JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
      },
    );
  };
}
