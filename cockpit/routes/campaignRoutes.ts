import type { FastifyInstance } from 'fastify';
import { builtInCampaigns } from '../../campaigns/catalogue';
import { CockpitError } from '../access';
import { contextOf, sendPage, type CockpitDeps } from '../context';
import { campaignResults, campaignStepCounts, enrollmentsByVersion } from '../data/campaignStats';
import { campaignBody, campaignsBody } from '../pages/campaignPages';

export function registerCampaignRoutes(app: FastifyInstance, deps: CockpitDeps): void {
  app.get('/campaigns', async (request, reply) => {
    const { user, tr } = contextOf(request);
    const enrollments = await enrollmentsByVersion(deps.prisma, user.dealerId);
    return sendPage(request, reply, {
      title: tr.t('campaigns.title'),
      active: 'campaigns',
      body: campaignsBody(builtInCampaigns, enrollments, tr),
    });
  });

  app.get<{ Params: { id: string } }>('/campaigns/:id', async (request, reply) => {
    const { user, tr } = contextOf(request);
    const campaign = builtInCampaigns.find((c) => c.id === request.params.id);
    if (!campaign) throw new CockpitError(404, `campaign ${request.params.id}`);
    const [versions, counts, results] = await Promise.all([
      enrollmentsByVersion(deps.prisma, user.dealerId, campaign.id),
      campaignStepCounts(deps.prisma, user.dealerId, campaign),
      campaignResults(deps.prisma, user.dealerId, campaign.id),
    ]);
    return sendPage(request, reply, {
      title: campaign.name,
      active: 'campaigns',
      body: campaignBody(campaign, versions.get(campaign.id), counts, results, tr),
    });
  });
}
