import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadCampaignCatalogue } from '../../campaigns/catalogue';
import type { Step } from '../../campaigns/dsl/steps';
import { errorResponses } from '../schemas/common';

const campaignSummary = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  audience: z.string(),
  legalBasis: z.enum(['consent', 'existing_customer', 'transactional']),
  steps: z.number().int().describe('Number of steps, counting those inside branches and event waits'),
  holdoutPercent: z.number(),
});

function countSteps(steps: Step[]): number {
  return steps.reduce((sum, step) => {
    const nested = step as { then?: Step[]; else?: Step[]; onEvent?: Step[]; onTimeout?: Step[] };
    return sum + 1 + countSteps([...(nested.then ?? []), ...(nested.else ?? []), ...(nested.onEvent ?? []), ...(nested.onTimeout ?? [])]);
  }, 0);
}

export function campaignRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/campaigns',
      {
        schema: {
          summary: 'The campaign catalogue',
          tags: ['campaigns'],
          response: { 200: z.object({ campaigns: z.array(campaignSummary) }), ...errorResponses },
        },
      },
      async () => {
        const campaigns = [...loadCampaignCatalogue().values()].map((c) => ({
          id: c.id,
          version: c.version,
          name: c.name,
          audience: c.audience,
          legalBasis: c.legalBasis,
          steps: countSteps(c.steps),
          holdoutPercent: c.options.holdoutPercent,
        }));
        return { campaigns };
      },
    );
  };
}
