import { Prisma, type PrismaClient } from '../../db/generated/client';
import type { NewsletterDefinition } from '../../newsletters/definition';
import { segmentCondition } from '../../segments/compileSegment';
import { parseSegment } from '../../segments/segmentSchema';
import type { NewsletterCounts } from '../../workflows/newsletterRun/contract';
import { newsletterRunCounts } from './runCounts';

export type OpenNewsletterRunInput = {
  workflowId: string;
  newsletter: NewsletterDefinition;
  trigger: 'schedule' | 'manual';
  /** Engine time: relative segment dates ("older than 8 years") count from here. */
  now: string;
};

/** The dealer the newsletter is for: the one it names, or the only dealer in the database. */
async function dealerOf(prisma: PrismaClient, newsletter: NewsletterDefinition) {
  if (newsletter.dealerId) return prisma.dealer.findUniqueOrThrow({ where: { id: newsletter.dealerId } });
  const dealers = await prisma.dealer.findMany({ take: 2, orderBy: { createdAt: 'asc' } });
  if (dealers.length !== 1) {
    throw new Error(`${newsletter.id}.dealerId: required when the database has ${dealers.length === 0 ? 'no dealer' : 'several dealers'}`);
  }
  return dealers[0];
}

/**
 * Creates the run and snapshots its recipients in one transaction: INSERT … SELECT from the compiled
 * segment, inside PostgreSQL. Keyed by the workflow id, so a retried activity finds the run it made
 * and does not snapshot again (a customer who joins the segment later is not added to this run).
 */
export async function openNewsletterRun(
  prisma: PrismaClient,
  input: OpenNewsletterRunInput,
): Promise<{ runId: string; counts: NewsletterCounts }> {
  const existing = await prisma.newsletterRun.findUnique({ where: { workflowId: input.workflowId } });
  if (existing) return { runId: existing.id, counts: await newsletterRunCounts(prisma, existing.id) };

  const dealer = await dealerOf(prisma, input.newsletter);
  const segment = parseSegment(input.newsletter.segment, `${input.newsletter.id}.segment`);
  const now = new Date(input.now);
  const condition = segmentCondition(segment, { dealerId: dealer.id, now, timeZone: dealer.timeZone });
  const runId = await prisma.$transaction(async (tx) => {
    const run = await tx.newsletterRun.create({
      data: {
        dealerId: dealer.id,
        name: input.newsletter.name,
        templateId: input.newsletter.templateId,
        segment: { newsletterId: input.newsletter.id, trigger: input.trigger, ...segment } as Prisma.InputJsonValue,
        status: 'running',
        workflowId: input.workflowId,
        scheduledAt: now,
        startedAt: now,
      },
    });
    await tx.$executeRaw`
      INSERT INTO newsletter_recipients (id, "runId", "customerId", status, "createdAt", "updatedAt")
      SELECT gen_random_uuid(), ${run.id}::uuid, c.id, 'pending', now(), now()
      FROM customers c WHERE ${condition}
      ON CONFLICT ("runId", "customerId") DO NOTHING`;
    return run.id;
  });
  return { runId, counts: await newsletterRunCounts(prisma, runId) };
}

/** Sets the run row's status (paused, running, completed, cancelled); cancelling skips whoever is left; a finished run stores its summary. */
export async function markNewsletterRun(
  prisma: PrismaClient,
  input: { runId: string; status: 'running' | 'paused' | 'completed' | 'cancelled'; now: string },
): Promise<NewsletterCounts> {
  const finished = input.status === 'completed' || input.status === 'cancelled';
  if (input.status === 'cancelled') {
    await prisma.newsletterRecipient.updateMany({
      where: { runId: input.runId, status: { in: ['pending', 'queued'] } },
      data: { status: 'skipped', skipReason: 'cancelled' },
    });
  }
  const counts = await newsletterRunCounts(prisma, input.runId);
  await prisma.newsletterRun.update({
    where: { id: input.runId },
    data: { status: input.status, ...(finished ? { finishedAt: new Date(input.now), summary: counts as object } : {}) },
  });
  return counts;
}
