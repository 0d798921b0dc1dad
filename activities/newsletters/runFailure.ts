import type { PrismaClient } from '../../db/generated/client';
import type { NewsletterCounts } from '../../workflows/newsletterRun/contract';
import { newsletterRunCounts } from './runCounts';

/** What gave up in a newsletter run: the activity, the error's message (never personal data) and its type. */
export type NewsletterRunFailureInput = { runId: string; activityType: string; cause: string; causeType?: string; now: string };

/**
 * A newsletter run's batch gave up (the relay refused for hours, the database was gone): the run row
 * says `failed` with the counts so far and the cause, and the dealer's managers get a task naming it,
 * so a run never stays "running" in the cockpit while nothing is sent. Recipients not reached stay
 * pending in the run's snapshot: the counts show exactly who got it and who did not.
 */
export async function recordNewsletterRunFailure(prisma: PrismaClient, input: NewsletterRunFailureInput): Promise<NewsletterCounts> {
  const run = await prisma.newsletterRun.findUniqueOrThrow({
    where: { id: input.runId },
    select: { id: true, dealerId: true, name: true },
  });
  const counts = await newsletterRunCounts(prisma, run.id);
  const at = new Date(input.now);
  const cause = input.cause.slice(0, 1000);
  const failure = { activityType: input.activityType, cause, ...(input.causeType ? { causeType: input.causeType } : {}) };
  await prisma.newsletterRun.update({
    where: { id: run.id },
    data: { status: 'failed', finishedAt: at, summary: { ...counts, failure } },
  });
  await prisma.staffTask.createMany({
    data: [
      {
        idempotencyKey: `newsletter-run/${run.id}/failed`,
        dealerId: run.dealerId,
        role: 'manager',
        kind: 'newsletter_run_failed',
        title: `Newsletter gestoppt: ${run.name}`,
        details:
          `${counts.sent} von ${counts.total} Empfängern erreicht, ${counts.remaining} nicht erreicht.\n` +
          `${cause}${input.causeType ? ` [${input.causeType}]` : ''}\n` +
          'Bitte die Ursache beheben; wer nicht erreicht wurde, steht im Lauf als offen.',
        dueAt: at,
        createdAt: at,
      },
    ],
    skipDuplicates: true,
  });
  return counts;
}
