import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { lifecycleUpcoming } from '../../timeline/lifecycleUpcoming';
import { loadCustomerTimeline } from '../../timeline/loadTimeline';
import { renderCustomerTimeline } from '../../timeline/renderCustomerTimeline';
import { CockpitError } from '../access';
import { contextOf, sendPage, type CockpitDeps } from '../context';
import { loadCustomerCard, searchCustomers } from '../data/customers';
import { customerCardBody, customerSearchBody } from '../pages/customerPages';

const customerId = z.uuid({ message: 'must be a UUID' });
const searchQuery = z.object({ q: z.string().max(200, { message: 'at most 200 characters' }).optional(), lang: z.string().optional() });

export function registerCustomerRoutes(app: FastifyInstance, deps: CockpitDeps): void {
  const idOf = (raw: string) => {
    const parsed = customerId.safeParse(raw);
    if (!parsed.success) throw new CockpitError(400, `customer id: ${parsed.error.issues[0]!.message}`);
    return parsed.data;
  };

  app.get('/customers', async (request, reply) => {
    const { user, tr } = contextOf(request);
    const parsed = searchQuery.safeParse(request.query);
    if (!parsed.success) throw new CockpitError(400, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const query = parsed.data.q ?? '';
    const hits = await searchCustomers(deps.prisma, user.dealerId, query);
    return sendPage(request, reply, { title: tr.t('customers.title'), active: 'customers', body: customerSearchBody(query, hits, tr) });
  });

  app.get<{ Params: { id: string } }>('/customers/:id', async (request, reply) => {
    const { user, tr } = contextOf(request);
    const card = await loadCustomerCard(deps.prisma, user.dealerId, idOf(request.params.id));
    return sendPage(request, reply, { title: card.name, active: 'customers', body: customerCardBody(card, tr) });
  });

  /** The existing timeline page (timeline/), behind the cockpit's login and limited to the user's dealer. */
  app.get<{ Params: { id: string } }>('/customers/:id/timeline', async (request, reply) => {
    const { user } = contextOf(request);
    const id = idOf(request.params.id);
    const owner = await deps.prisma.customer.findUnique({ where: { id }, select: { dealerId: true } });
    if (!owner || owner.dealerId !== user.dealerId) throw new CockpitError(404, `customer ${id}`);
    const data = await loadCustomerTimeline({ prisma: deps.prisma, upcomingFor: lifecycleUpcoming(deps.client), now: deps.now }, id);
    if (!data) throw new CockpitError(404, `customer ${id}`);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderCustomerTimeline(data));
  });
}
