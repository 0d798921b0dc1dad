import type { FastifyInstance } from 'fastify';
import { CockpitError, may } from '../access';
import { contextOf, sendPage, type CockpitDeps } from '../context';
import { loadStaffOverview } from '../data/staff';
import { staffBody } from '../pages/staffPage';

export function registerStaffRoutes(app: FastifyInstance, deps: CockpitDeps): void {
  app.get('/staff', async (request, reply) => {
    const { user, tr, now } = contextOf(request);
    if (!may(user, 'viewStaff')) throw new CockpitError(403, tr.t('error.forbiddenRole'));
    const data = await loadStaffOverview(deps.prisma, user.dealerId, now);
    return sendPage(request, reply, { title: tr.t('staff.title'), active: 'staff', body: staffBody(data, tr) });
  });
}
