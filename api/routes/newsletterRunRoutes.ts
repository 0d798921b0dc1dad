import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PrismaClient } from '../../db/generated/client';
import { dealerIdFor } from '../auth';
import type { ApiDeps } from '../deps';
import { notFound } from '../problems';
import { errorResponses, uuid } from '../schemas/common';

const recipientStatuses = ['pending', 'queued', 'sent', 'skipped', 'failed'] as const;

/** A run is known by its id (UUID) and by its workflow id (`newsletter-…`, what `stammkunde newsletters run` prints): both work here. */
const runIdentifier = z.union([uuid, z.string().regex(/^newsletter-[A-Za-z0-9._-]+$/)], {
  error: 'must be a newsletter run id (UUID) or its workflow id (newsletter-…)',
});

const runSummary = z.object({
  id: z.string(),
  workflowId: z.string().nullable(),
  name: z.string(),
  templateId: z.string(),
  status: z.string(),
  segment: z.unknown(),
  scheduledAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  createdAt: z.string(),
  recipients: z.object({ total: z.number().int(), ...Object.fromEntries(recipientStatuses.map((s) => [s, z.number().int()])) } as Record<
    string,
    z.ZodNumber
  >),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function recipientCounts(prisma: PrismaClient, runIds: string[]) {
  const rows = await prisma.newsletterRecipient.groupBy({
    by: ['runId', 'status'],
    where: { runId: { in: runIds } },
    _count: { _all: true },
  });
  const counts = new Map<string, Record<string, number>>();
  for (const id of runIds) counts.set(id, { total: 0, ...Object.fromEntries(recipientStatuses.map((s) => [s, 0])) });
  for (const row of rows) {
    const entry = counts.get(row.runId)!;
    entry[row.status] = row._count._all;
    entry.total += row._count._all;
  }
  return counts;
}

export function newsletterRunRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/newsletter-runs',
      {
        schema: {
          summary: 'Newsletter runs, newest first, with recipient counts by status',
          tags: ['newsletters'],
          response: { 200: z.object({ runs: z.array(runSummary) }), ...errorResponses },
        },
      },
      async (request) => {
        const dealerId = await dealerIdFor(deps.prisma, request);
        const runs = await deps.prisma.newsletterRun.findMany({ where: { dealerId }, orderBy: { createdAt: 'desc' }, take: 200 });
        const counts = await recipientCounts(
          deps.prisma,
          runs.map((r) => r.id),
        );
        return { runs: runs.map((run) => present(run, counts.get(run.id)!)) };
      },
    );

    app.get(
      '/newsletter-runs/:id',
      {
        schema: {
          summary: 'One newsletter run with recipient counts by status',
          tags: ['newsletters'],
          params: z.object({ id: runIdentifier }),
          response: { 200: runSummary, ...errorResponses },
        },
      },
      async (request) => {
        const dealerId = await dealerIdFor(deps.prisma, request);
        const { id } = request.params;
        const run = await deps.prisma.newsletterRun.findFirst({
          where: { dealerId, ...(uuid.safeParse(id).success ? { id } : { workflowId: id }) },
        });
        if (!run) throw notFound(`newsletter run ${request.params.id} not found`);
        const counts = await recipientCounts(deps.prisma, [run.id]);
        return present(run, counts.get(run.id)!);
      },
    );
  };
}

function present(run: Awaited<ReturnType<PrismaClient['newsletterRun']['findFirstOrThrow']>>, recipients: Record<string, number>) {
  return {
    id: run.id,
    workflowId: run.workflowId,
    name: run.name,
    templateId: run.templateId,
    status: run.status,
    segment: run.segment,
    scheduledAt: iso(run.scheduledAt),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    createdAt: run.createdAt.toISOString(),
    recipients,
  };
}
