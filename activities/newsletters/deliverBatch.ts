import { Context } from '@temporalio/activity';
import type { NewsletterContent, NewsletterDefinition } from '../../newsletters/definition';
import type { NewsletterCounts } from '../../workflows/newsletterRun/contract';
import { outboxRowFor, type CampaignDeliveryDeps, type DeliverCampaignMessageInput } from '../delivery/deliverCampaignMessage';
import type { DeliveryOutcome } from '../delivery/sendThroughOutbox';
import { findOrCreateOutboxRows, loadRecipients } from './loadBatch';
import { createPacer, type Pacer } from './pacer';
import { sendInWaves } from './sendWaves';
import { triage } from './triage';
import { newsletterRunCounts, OUTCOME_UNKNOWN } from './runCounts';

export type DeliverNewsletterBatchInput = {
  runId: string;
  newsletter: Pick<NewsletterDefinition, 'id' | 'templateId' | 'legalBasis' | 'content' | 'ratePerSecond' | 'onFrequencyCap'>;
  /** Recipients with a greater id than this (id order), still pending or deferred. */
  afterId: string | null;
  limit: number;
  /** Wall-clock epoch ms from which the previous batch's rate limit lets the next message go. */
  pacedFrom?: number;
  /** Engine time (the workflow's clock). */
  now: string;
};

export type DeliverNewsletterBatchResult = {
  /** The last recipient id handled; null when none was left after `afterId`. */
  lastId: string | null;
  handled: number;
  /** The earliest moment a deferred recipient of this batch may be tried again. */
  retryAt?: string;
  /** For the next batch's rate limit (see `pacedFrom`). */
  pacedUntil?: number;
  counts: NewsletterCounts;
};

/** What a retried attempt resumes from: recipients up to lastId were handled by an earlier attempt. */
type BatchHeartbeat = { lastId: string; handled: number; retryAt?: string };

/** Recipients loaded, triaged and recorded together; fewer round trips per message, one resume point per chunk. */
const CHUNK = 250;

/** The idempotency key of one newsletter email: one per run and customer, whatever retries or restarts happen. */
export const newsletterMessageKey = (runId: string, customerId: string) => `newsletter/${runId}/${customerId}`;

function contentFor(content: DeliverNewsletterBatchInput['newsletter']['content'], language: string): NewsletterContent {
  return language === 'en' && content.en ? content.en : content.de;
}

function recipientState(outcome: DeliveryOutcome): { status: 'sent' | 'skipped' | 'failed' | 'queued'; reason: string | null } {
  switch (outcome.status) {
    case 'sent':
      return { status: 'sent', reason: null };
    case 'skipped':
      return { status: 'skipped', reason: outcome.reason };
    case 'failed':
      return { status: 'failed', reason: outcome.error.slice(0, 200) };
    case 'unknown':
      return { status: 'failed', reason: OUTCOME_UNKNOWN };
    case 'deferred':
      return { status: 'queued', reason: `deferred: ${outcome.reason}` };
  }
}

/** Writes a chunk's outcomes to its recipient rows in one statement. */
async function recordOutcomes(deps: CampaignDeliveryDeps, rows: Array<{ id: string; messageId: string; outcome: DeliveryOutcome }>) {
  const states = rows.map((r) => recipientState(r.outcome));
  await deps.prisma.$executeRaw`
    UPDATE newsletter_recipients r
    SET status = v.status::"NewsletterRecipientStatus", "skipReason" = v.reason, "messageId" = v.message_id::uuid, "updatedAt" = now()
    FROM unnest(${rows.map((r) => r.id)}::uuid[], ${states.map((s) => s.status)}::text[], ${states.map((s) => s.reason)}::text[], ${rows.map((r) => r.messageId)}::text[])
      AS v(id, status, reason, message_id)
    WHERE r.id = v.id`;
}

/**
 * Sends one batch of a newsletter run: recipients in id order after `afterId`, in chunks of 250 whose
 * recipients and outbox rows are loaded in bulk (the next chunk while this one is on the wire). Each
 * chunk is triaged with the campaign rules (an earlier attempt's outcome; consent, objection,
 * suppression and erasure now; sending window), then sent in waves of twice the SMTP pool (claim +
 * frequency cap for a whole wave in one transaction, see sendWaves.ts). A token bucket holds the
 * rate. After each chunk a heartbeat records how far it got, so a retried attempt (worker killed)
 * starts after it; the outbox answers for the rest.
 */
export async function deliverNewsletterBatch(
  deps: CampaignDeliveryDeps,
  input: DeliverNewsletterBatchInput,
): Promise<DeliverNewsletterBatchResult> {
  const context = Context.current();
  const resumed = context.info.heartbeatDetails as BatchHeartbeat | undefined;
  let progress: BatchHeartbeat | undefined = resumed;
  const heartbeat = () => context.heartbeat(progress);
  const pacer = createPacer(input.newsletter.ratePerSecond, heartbeat, input.pacedFrom);

  const recipients = await deps.prisma.newsletterRecipient.findMany({
    where: {
      runId: input.runId,
      status: { in: ['pending', 'queued'] },
      ...((resumed?.lastId ?? input.afterId) ? { id: { gt: resumed?.lastId ?? input.afterId! } } : {}),
    },
    orderBy: { id: 'asc' },
    take: Math.max(0, input.limit - (resumed?.handled ?? 0)),
    select: { id: true, customerId: true },
  });
  const chunks: Array<typeof recipients> = [];
  for (let start = 0; start < recipients.length; start += CHUNK) chunks.push(recipients.slice(start, start + CHUNK));
  let preparing = chunks.length > 0 ? prepareChunk(deps, input, chunks[0]) : undefined;
  for (let i = 0; i < chunks.length; i++) {
    const prepared = await preparing!;
    // The next chunk is loaded and triaged while this one is on the wire.
    preparing = i + 1 < chunks.length ? prepareChunk(deps, input, chunks[i + 1]) : undefined;
    preparing?.catch(() => undefined); // awaited in the next round; this only keeps an early exit from an unhandled rejection
    const retryAt = await sendChunk(deps, prepared, new Date(input.now), pacer, heartbeat, context.cancellationSignal);
    const chunk = chunks[i];
    progress = {
      lastId: chunk[chunk.length - 1].id,
      handled: (progress?.handled ?? 0) + chunk.length,
      retryAt: [progress?.retryAt, retryAt].filter((t): t is string => !!t).sort()[0],
    };
    heartbeat();
    // A worker shutting down hands the batch back between chunks: the retry starts after the last one recorded.
    if (i + 1 < chunks.length && context.cancellationSignal.aborted) throw context.cancellationSignal.reason ?? new Error('cancelled');
  }
  return {
    lastId: progress?.lastId ?? null,
    handled: progress?.handled ?? 0,
    retryAt: progress?.retryAt,
    pacedUntil: pacer.nextAt() || undefined,
    counts: await newsletterRunCounts(deps.prisma, input.runId),
  };
}

/** A chunk ready to send: its messages with their outbox rows, and the outcomes triage already decided. */
async function prepareChunk(
  deps: CampaignDeliveryDeps,
  input: DeliverNewsletterBatchInput,
  chunk: Array<{ id: string; customerId: string }>,
) {
  const loaded = await loadRecipients(
    deps.prisma,
    chunk.map((r) => r.customerId),
  );
  const messages = chunk.map((r) => {
    const recipient = loaded.get(r.customerId);
    const message: DeliverCampaignMessageInput = {
      idempotencyKey: newsletterMessageKey(input.runId, r.customerId),
      customerId: r.customerId,
      templateId: input.newsletter.templateId,
      legalBasis: input.newsletter.legalBasis,
      campaignId: `newsletter:${input.newsletter.id}`,
      campaignVersion: 1,
      campaignPriority: 0,
      newsletterRunId: input.runId,
      context: {},
      extraVariables: contentFor(input.newsletter.content, recipient?.customer.language ?? 'de'),
      onFrequencyCap: input.newsletter.onFrequencyCap,
      now: input.now,
    };
    return { recipientId: r.id, recipient, message };
  });
  const rows = await findOrCreateOutboxRows(
    deps.prisma,
    messages.map((m) => outboxRowFor(m.message, m.recipient)),
  );
  const withRows = messages.map((m) => ({ ...m, row: rows.get(m.message.idempotencyKey)! }));
  const triaged = await triage(
    deps,
    withRows.map((m) => ({ input: m.message, recipient: m.recipient, row: m.row })),
    new Date(input.now),
  );
  return { messages: withRows, ...triaged };
}

/** Sends a prepared chunk in waves and records every recipient's outcome; returns the earliest retry time of a deferred one. */
async function sendChunk(
  deps: CampaignDeliveryDeps,
  { messages, outcomes, sendable }: Awaited<ReturnType<typeof prepareChunk>>,
  now: Date,
  pacer: Pacer,
  heartbeat: () => void,
  stop: AbortSignal,
): Promise<string | undefined> {
  const waves = await sendInWaves(
    deps,
    sendable,
    now,
    async (count) => {
      heartbeat();
      for (let n = 0; n < count; n++) await pacer.take();
    },
    stop,
  );
  for (const [id, outcome] of waves.outcomes) outcomes.set(id, outcome);

  const done = messages.flatMap((m) => {
    const outcome = outcomes.get(m.row.id);
    return outcome ? [{ id: m.recipientId, messageId: m.row.id, outcome }] : [];
  });
  if (done.length) await recordOutcomes(deps, done);
  // A temporary SMTP or database error: the whole batch is retried; the outbox answers for what went out.
  if (waves.failure) throw waves.failure;
  return done.flatMap((d) => (d.outcome.status === 'deferred' ? [d.outcome.retryAt] : [])).sort()[0];
}
