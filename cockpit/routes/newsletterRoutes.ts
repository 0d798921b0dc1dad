import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { cancelNewsletterRun, newsletterCatalogue, pauseNewsletterRun, resumeNewsletterRun } from '../../newsletters';
import { listNewsletterSchedules } from '../../newsletters/schedules';
import { CockpitError, may } from '../access';
import { contextOf, sendPage, type CockpitDeps } from '../context';
import { loadNewsletterRuns } from '../data/newsletters';
import { newslettersBody } from '../pages/newslettersPage';

const ACTIONS = { pause: pauseNewsletterRun, resume: resumeNewsletterRun, cancel: cancelNewsletterRun } as const;
const params = z.object({
  id: z.uuid({ message: 'must be a UUID' }),
  action: z.enum(['pause', 'resume', 'cancel'], { message: 'must be pause, resume or cancel' }),
});

export function registerNewsletterRoutes(app: FastifyInstance, deps: CockpitDeps): void {
  app.get<{ Querystring: { requested?: string } }>('/newsletters', async (request, reply) => {
    const ctx = contextOf(request);
    const [runs, schedules] = await Promise.all([
      loadNewsletterRuns(deps.prisma, ctx.user.dealerId),
      listNewsletterSchedules(deps.client).catch((error: unknown) => {
        request.log.warn({ err: error }, 'newsletter schedules unavailable');
        return undefined;
      }),
    ]);
    const requested =
      request.query.requested && request.query.requested in ACTIONS
        ? `${ctx.tr.t('newsletters.requested')}: ${ctx.tr.t(`newsletters.${request.query.requested as keyof typeof ACTIONS}`)}`
        : undefined;
    return sendPage(request, reply, {
      title: ctx.tr.t('newsletters.title'),
      active: 'newsletters',
      refreshSeconds: runs.some((r) => r.status === 'running') ? 5 : undefined,
      body: newslettersBody({
        definitions: newsletterCatalogue,
        schedules,
        runs,
        tr: ctx.tr,
        csrfToken: ctx.session.csrfToken,
        mayControl: may(ctx.user, 'controlNewsletters'),
        flash: requested,
      }),
    });
  });

  /** Pause, resume or cancel a run: a signal to its workflow, which acts after the current batch. */
  app.post<{ Params: { id: string; action: string } }>('/newsletters/runs/:id/:action', async (request, reply) => {
    const ctx = contextOf(request);
    if (!may(ctx.user, 'controlNewsletters')) throw new CockpitError(403, ctx.tr.t('error.forbiddenRole'));
    const parsed = params.safeParse(request.params);
    if (!parsed.success) throw new CockpitError(400, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const run = await deps.prisma.newsletterRun.findUnique({ where: { id: parsed.data.id } });
    if (!run || run.dealerId !== ctx.user.dealerId) throw new CockpitError(404, `newsletter run ${parsed.data.id}`);
    if (!run.workflowId || !['running', 'paused'].includes(run.status))
      throw new CockpitError(400, `newsletter run ${run.id}: ${run.status}, nothing to ${parsed.data.action}`);
    await ACTIONS[parsed.data.action](deps.client, run.workflowId);
    return reply.redirect(`/cockpit/newsletters?requested=${parsed.data.action}`, 303);
  });
}
