import type { PrismaClient } from '../../db/generated/client';
import type { NewsletterCounts } from '../../workflows/newsletterRun/contract';

export const OUTCOME_UNKNOWN = 'outcome_unknown';

/** The run's counts, grouped in PostgreSQL from its recipient rows (one row per snapshotted customer). */
export async function newsletterRunCounts(prisma: PrismaClient, runId: string): Promise<NewsletterCounts> {
  const groups = await prisma.newsletterRecipient.groupBy({ by: ['status', 'skipReason'], where: { runId }, _count: { _all: true } });
  const counts: NewsletterCounts = { total: 0, sent: 0, skipped: {}, failed: 0, unknown: 0, deferred: 0, remaining: 0 };
  for (const group of groups) {
    const n = group._count._all;
    counts.total += n;
    if (group.status === 'sent') counts.sent += n;
    else if (group.status === 'skipped')
      counts.skipped[group.skipReason ?? 'unknown'] = (counts.skipped[group.skipReason ?? 'unknown'] ?? 0) + n;
    else if (group.status === 'failed' && group.skipReason === OUTCOME_UNKNOWN) counts.unknown += n;
    else if (group.status === 'failed') counts.failed += n;
    else if (group.status === 'queued') {
      counts.deferred += n;
      counts.remaining += n;
    } else counts.remaining += n;
  }
  return counts;
}
