import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { dealerIdFor } from '../auth';
import type { ApiDeps } from '../deps';
import { badRequest } from '../problems';
import { conversionKinds, holdoutComparison, leadResponseByLocation, messagesByCampaign } from '../reports/kpiReport';
import { COMPLAINT_RATE_LIMIT, mailByCampaignWeek } from '../reports/mailKpi';
import { day, errorResponses } from '../schemas/common';

const kpiQuery = z
  .object({
    from: day.optional().describe('First day included (UTC), yyyy-MM-dd'),
    to: day.optional().describe('Last day included (UTC), yyyy-MM-dd; must not be before `from` (400 naming `to` otherwise)'),
  })
  .strict()
  .describe('Cross-field rule: `to` must not be before `from`; the API answers 400 naming `to` otherwise');

const groupRate = z.object({ enrollments: z.number().int(), converted: z.number().int(), conversionRate: z.number().nullable() });

const kpiResponse = z.object({
  range: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  leadResponse: z.array(
    z.object({
      locationId: z.string().nullable(),
      locationName: z.string(),
      leads: z.number().int(),
      contacted: z.number().int(),
      medianMinutesToFirstContact: z.number().nullable().describe('Median of firstContactAt − receivedAt over contacted leads'),
      contactedWithinOneHourShare: z.number().nullable().describe('Share (0–1) of all received leads contacted within one hour'),
      needingAttention: z
        .number()
        .int()
        .describe(
          'Leads flagged for the dealer: nobody on the escalation ladder was reachable (and no escalation mailbox), or the automatic follow-up stopped',
        ),
    }),
  ),
  messages: z.array(
    z.object({
      campaignId: z.string().nullable(),
      sent: z.number().int(),
      skipped: z.record(z.string(), z.number().int()).describe('Skipped messages by reason (objection, unsubscribed, frequency_cap, …)'),
      otherStatuses: z.record(z.string(), z.number().int()),
    }),
  ),
  holdout: z.object({
    conversionKinds: z.array(z.string()).describe('Touchpoint kinds that count as a conversion when they occur after the enrollment began'),
    campaigns: z.array(z.object({ campaignId: z.string(), treated: groupRate, holdout: groupRate })),
  }),
  mail: z.object({
    complaintRateLimit: z.number().describe('0.003: the bulk-sender limit of Gmail and Yahoo'),
    weeks: z
      .array(
        z.object({
          campaignId: z.string().nullable(),
          week: z.string().describe('ISO week of the send (Europe/Berlin), e.g. 2027-W09'),
          sent: z.number().int(),
          hardBounces: z.number().int(),
          softBounces: z.number().int(),
          complaints: z.number().int(),
          complaintRate: z.number().nullable().describe('complaints / sent'),
          overComplaintLimit: z.boolean(),
          replies: z.number().int(),
          leadsFromReplies: z.number().int(),
        }),
      )
      .describe('Per campaign and week of sending: what was sent and what came back for it'),
  }),
});

export function reportRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/reports/kpi',
      {
        schema: {
          summary:
            'KPIs: lead response per location, messages per campaign, holdout vs treated, bounces/complaints/replies per campaign and week',
          tags: ['reports'],
          querystring: kpiQuery,
          response: { 200: kpiResponse, ...errorResponses },
        },
      },
      async (request) => {
        const dealerId = await dealerIdFor(deps.prisma, request);
        const from = request.query.from ? new Date(`${request.query.from}T00:00:00Z`) : undefined;
        const to = request.query.to ? new Date(new Date(`${request.query.to}T00:00:00Z`).getTime() + 86_400_000) : undefined;
        if (from && to && from >= to) throw badRequest('to', 'must not be before from');
        const range = { from, to };
        return {
          range: { from: request.query.from ?? null, to: request.query.to ?? null },
          leadResponse: await leadResponseByLocation(deps.prisma, dealerId, range),
          messages: await messagesByCampaign(deps.prisma, dealerId, range),
          holdout: { conversionKinds: [...conversionKinds], campaigns: await holdoutComparison(deps.prisma, dealerId, range) },
          mail: { complaintRateLimit: COMPLAINT_RATE_LIMIT, weeks: await mailByCampaignWeek(deps.prisma, dealerId, range) },
        };
      },
    );
  };
}
