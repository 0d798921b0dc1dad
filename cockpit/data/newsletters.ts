import type { PrismaClient } from '../../db/generated/client';

export type NewsletterRunRow = {
  id: string;
  name: string;
  workflowId: string | null;
  status: string;
  startedAt: Date | null;
  finishedAt: Date | null;
  counts: Record<string, number>;
  total: number;
};

/** The dealer's newsletter runs, newest first, with their recipients counted by status (live, from the snapshot). */
export async function loadNewsletterRuns(prisma: PrismaClient, dealerId: string): Promise<NewsletterRunRow[]> {
  const runs = await prisma.newsletterRun.findMany({ where: { dealerId }, orderBy: { createdAt: 'desc' }, take: 20 });
  const counts = runs.length
    ? await prisma.newsletterRecipient.groupBy({
        by: ['runId', 'status'],
        where: { runId: { in: runs.map((r) => r.id) } },
        _count: { _all: true },
      })
    : [];
  return runs.map((run) => {
    const mine = counts.filter((c) => c.runId === run.id);
    return {
      id: run.id,
      name: run.name,
      workflowId: run.workflowId,
      status: run.status,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      counts: Object.fromEntries(mine.map((c) => [c.status, c._count._all])),
      total: mine.reduce((sum, c) => sum + c._count._all, 0),
    };
  });
}
