import type { FastifyInstance } from 'fastify';
import { contextOf, sendPage, type CockpitDeps } from '../context';
import { loadOverview } from '../data/overview';
import { overviewBody } from '../pages/overviewPage';

export function registerOverviewRoutes(app: FastifyInstance, deps: CockpitDeps): void {
  app.get('/', async (request, reply) => {
    const { user, dealer, tr, now } = contextOf(request);
    const data = await loadOverview(deps.prisma, user, now, dealer.timeZone);
    return sendPage(request, reply, { title: tr.t('overview.title'), active: 'overview', body: overviewBody(data, tr) });
  });
}
