import { WorkflowNotFoundError } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { takeOverLead } from '../../leads/takeOver';
import { CockpitError, may } from '../access';
import { contextOf, sendPage, type CockpitDeps } from '../context';
import { loadLeadDetail } from '../data/leadDetail';
import { loadLeadList } from '../data/leads';
import { leadBody } from '../pages/leadPage';
import { leadsBody } from '../pages/leadsPage';

const uuid = z.uuid({ message: 'must be a UUID' });
const empty = (v: unknown) => (v === '' ? undefined : v);
const listQuery = z.object({
  location: z.preprocess(empty, uuid.optional()),
  status: z.preprocess(
    empty,
    z
      .enum(['new', 'contacted', 'qualified', 'won', 'lost', 'spam'], { message: 'must be new, contacted, qualified, won, lost or spam' })
      .optional(),
  ),
  assignee: z.preprocess(empty, uuid.optional()),
  overdue: z.preprocess(empty, z.literal('1', { message: 'must be 1 when given' }).optional()),
  lang: z.string().optional(),
});

function parseOr400<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new CockpitError(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; '));
  return parsed.data;
}

export function registerLeadRoutes(app: FastifyInstance, deps: CockpitDeps): void {
  const requireLeads = (request: Parameters<typeof contextOf>[0]) => {
    const ctx = contextOf(request);
    if (!may(ctx.user, 'viewLeads')) throw new CockpitError(403, ctx.tr.t('error.forbiddenRole'));
    return ctx;
  };

  app.get('/leads', async (request, reply) => {
    const ctx = requireLeads(request);
    const q = parseOr400(listQuery, request.query);
    const filter = { locationId: q.location, status: q.status, assigneeId: q.assignee, overdue: q.overdue === '1' };
    const data = await loadLeadList(deps.prisma, ctx.user, filter, ctx.now);
    return sendPage(request, reply, { title: ctx.tr.t('leads.title'), active: 'leads', body: leadsBody(data, filter, ctx.tr) });
  });

  app.get<{ Params: { id: string }; Querystring: { assigned?: string } }>('/leads/:id', async (request, reply) => {
    const ctx = requireLeads(request);
    const id = parseOr400(uuid, request.params.id);
    const data = await loadLeadDetail(deps.prisma, ctx, id);
    const requested = request.query.assigned ? data.colleagues.find((c) => c.id === request.query.assigned) : undefined;
    const flash = requested ? `${ctx.tr.t('lead.reassigned')} ${requested.name}.` : undefined;
    return sendPage(request, reply, {
      title: `${ctx.tr.t('lead.title')}: ${data.customer?.name ?? data.lead.id}`,
      active: 'leads',
      body: leadBody(data, ctx.tr, { csrfToken: ctx.session.csrfToken, mayReassign: may(ctx.user, 'reassignLeads'), flash }),
    });
  });

  /** Team lead or principal hands an open lead to a colleague: the follow-up workflow does it (fresh SLA, email to them). */
  app.post<{ Params: { id: string } }>('/leads/:id/assign', async (request, reply) => {
    const ctx = requireLeads(request);
    if (!may(ctx.user, 'reassignLeads')) throw new CockpitError(403, ctx.tr.t('error.forbiddenRole'));
    const id = parseOr400(uuid, request.params.id);
    const { staffId } = parseOr400(z.object({ staffId: uuid, _csrf: z.string() }), request.body);
    const data = await loadLeadDetail(deps.prisma, ctx, id); // 404 / 403 as for the page
    if (!data.colleagues.some((c) => c.id === staffId))
      throw new CockpitError(400, `staffId: ${staffId} is not an active colleague at this location`);
    if (data.lead.status !== 'new')
      throw new CockpitError(400, `lead ${id}: only a lead waiting for its first contact can be re-assigned (status ${data.lead.status})`);
    try {
      await takeOverLead({ client: deps.client, prisma: deps.prisma }, { leadId: id, staffId });
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw new CockpitError(400, `lead ${id}: its follow-up has ended, nothing to re-assign`);
      throw error;
    }
    return reply.redirect(`/cockpit/leads/${id}?assigned=${staffId}`, 303);
  });
}
