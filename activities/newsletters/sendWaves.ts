import type { OutboxRow } from '../delivery/outbox';
import { composeCustomerMail, isTemplateError, type ComposedCustomerMail } from '../delivery/composeCustomerMail';
import type { CampaignDeliveryDeps, DeliverCampaignMessageInput } from '../delivery/deliverCampaignMessage';
import type { Recipient } from '../delivery/recipient';
import { newsletterWaveSize, WAVES_IN_FLIGHT } from '../delivery/sendSlots';
import { recordedOutcome, settleSendError, type DeliveryOutcome } from '../delivery/sendThroughOutbox';
import { sendMail } from '../../mail/transport';
import { markSkippedMany, markSentMany } from './bulkOutbox';
import { claimWave } from './waveClaim';

/** A message that passed eligibility and the sending window and now only needs rendering and sending. */
export type SendableMessage = { input: DeliverCampaignMessageInput; recipient: Recipient; row: OutboxRow };

export type WavesResult = {
  /** By outbox row id. */
  outcomes: Map<string, DeliveryOutcome>;
  /** The first error that must fail the batch (temporary SMTP, database); the outbox answers for the rest on retry. */
  failure?: unknown;
};

type Composed = { ready: Array<SendableMessage & { composed: ComposedCustomerMail }>; failed: Array<{ id: string; error: string }> };

/**
 * Sends messages in waves of twice the SMTP pool: render the wave, take its rate-limit tokens, hold
 * that many wave slots, claim the whole wave in one transaction, hand it to SMTP, record every
 * 'sent' in one statement. WAVES_IN_FLIGHT (4) waves are on the wire at once: the next is claimed
 * and rendered while the earlier ones are answered, so the connections never wait for a claim. So
 * at most four waves are claimed and unanswered — the messages a crash can leave in doubt (see
 * newsletterSlotCount).
 */
export async function sendInWaves(
  deps: CampaignDeliveryDeps,
  messages: SendableMessage[],
  now: Date,
  /** Called before a wave of `count` messages is claimed: the rate limit's tokens, the heartbeat. */
  beforeWave: (count: number) => Promise<void>,
  /** The activity's cancellation (a worker shutting down): no further wave starts; the ones on the wire are answered and recorded. */
  stop?: AbortSignal,
): Promise<WavesResult> {
  const outcomes = new Map<string, DeliveryOutcome>();
  let failure: unknown;
  const size = newsletterWaveSize(deps.transport);
  const waves: SendableMessage[][] = [];
  for (let i = 0; i < messages.length; i += size) waves.push(messages.slice(i, i + size));

  const composeAhead = (wave: SendableMessage[] | undefined) => {
    if (!wave) return undefined;
    const composing = composeWave(deps, wave, now);
    composing.catch(() => undefined); // awaited below; this only keeps an early exit from an unhandled rejection
    return composing;
  };
  let next = composeAhead(waves[0]);
  const inFlight: Array<Promise<void>> = [];
  const noteFailure = (error: unknown) => void (failure ??= error);
  for (let i = 0; i < waves.length; i++) {
    if (stop?.aborted) {
      failure ??= stop.reason ?? new Error('cancelled');
      break;
    }
    const composing = next!;
    next = undefined;
    try {
      const { ready, failed } = await composing;
      for (const f of failed) outcomes.set(f.id, { status: 'failed', error: f.error });
      if (ready.length > 0) await beforeWave(ready.length);
      if (ready.length > 0)
        inFlight.push(holdSlots(deps, ready.length, () => claimSendRecord(deps, ready, now, outcomes)).then(noteFailure, noteFailure));
      next = composeAhead(waves[i + 1]);
      if (inFlight.length >= WAVES_IN_FLIGHT) await inFlight.shift();
    } catch (error) {
      failure ??= error;
    }
    next ??= composeAhead(waves[i + 1]);
  }
  await Promise.all(inFlight);
  return { outcomes, failure };
}

const holdSlots = <T>(deps: CampaignDeliveryDeps, count: number, work: () => Promise<T>) =>
  deps.waveSlots ? deps.waveSlots.hold(count, work) : work();

async function composeWave(deps: CampaignDeliveryDeps, wave: SendableMessage[], now: Date): Promise<Composed> {
  const result: Composed = { ready: [], failed: [] };
  for (const message of wave) {
    try {
      result.ready.push({ ...message, composed: await composeCustomerMail(deps, message.input, message.recipient, now) });
    } catch (error) {
      if (!isTemplateError(error)) throw error;
      await deps.prisma.message.updateMany({
        where: { id: message.row.id, status: 'queued' },
        data: { status: 'failed', error: error.message.slice(0, 2000) },
      });
      result.failed.push({ id: message.row.id, error: error.message });
    }
  }
  return result;
}

/** One wave: claim, SMTP in parallel, record. Returns the error that must fail the batch, if any. */
async function claimSendRecord(
  deps: CampaignDeliveryDeps,
  wave: Composed['ready'],
  now: Date,
  outcomes: Map<string, DeliveryOutcome>,
): Promise<unknown> {
  const claim = await claimWave(
    deps.prisma,
    wave.map((m) => ({
      row: m.row,
      subject: m.composed.rendered.subject,
      messageIdHeader: m.composed.messageId,
      language: m.composed.rendered.language,
    })),
    now,
    deps.frequencyCap,
  );
  const capSkips: Array<{ id: string; reason: string }> = [];
  for (const [id, roomAt] of claim.capped) {
    const message = wave.find((m) => m.row.id === id)!;
    if (message.input.onFrequencyCap === 'skip' || !roomAt) {
      capSkips.push({ id, reason: 'frequency_cap' });
      outcomes.set(id, { status: 'skipped', reason: 'frequency_cap' });
    } else outcomes.set(id, { status: 'deferred', reason: 'frequency_cap', retryAt: roomAt.toISOString() });
  }
  await markSkippedMany(deps.prisma, capSkips, now);

  // Taken by another attempt in the meantime: answer from the row, never send.
  const lost = wave.filter((m) => !claim.claimed.has(m.row.id) && !claim.capped.has(m.row.id));
  if (lost.length > 0) {
    const current = await deps.prisma.message.findMany({ where: { id: { in: lost.map((m) => m.row.id) } } });
    for (const row of current) outcomes.set(row.id, recordedOutcome(row) ?? { status: 'unknown' });
  }

  const claimed = wave.filter((m) => claim.claimed.has(m.row.id));
  const settled = await Promise.allSettled(
    claimed.map(async (m) => {
      const sent = await sendMail(deps.transport, m.composed.mail);
      deps.faults?.afterSmtpAccepted?.(m.row.idempotencyKey);
      return sent;
    }),
  );
  let failure: unknown;
  const accepted: Array<{ id: string; providerMessageId: string }> = [];
  for (let i = 0; i < claimed.length; i++) {
    const { row, composed } = claimed[i];
    const result = settled[i];
    if (result.status === 'fulfilled') {
      accepted.push({ id: row.id, providerMessageId: result.value.providerMessageId });
      outcomes.set(row.id, { status: 'sent', messageId: result.value.messageId || composed.messageId });
      continue;
    }
    try {
      outcomes.set(row.id, await settleSendError(deps.prisma, row, result.reason));
    } catch (error) {
      failure ??= error;
    }
  }
  await markSentMany(deps.prisma, accepted, now);
  try {
    for (const m of claimed) if (accepted.some((a) => a.id === m.row.id)) deps.faults?.afterOutboxSent?.(m.row.idempotencyKey);
  } catch (error) {
    failure ??= error;
  }
  return failure;
}
