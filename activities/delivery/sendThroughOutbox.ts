import type { PrismaClient } from '../../db/generated/client';
import { MailSendError, sendMail, type MailTransport, type OutgoingMail } from '../../mail/transport';
import { frequencyCapState, lockCustomer, type FrequencyCap } from './frequencyCap';
import { markFailed, markSent, markUnknown, releaseClaim, type OutboxRow } from './outbox';
import type { SendSlots } from './sendSlots';

/** Test seams for the crash windows the exactly-once design must survive. */
export type DeliveryFaults = {
  /** SMTP accepted the message, the process dies before the outbox says so. */
  afterSmtpAccepted?: (idempotencyKey: string) => void;
  /** The outbox says "sent", then the activity fails (e.g. the worker loses its connection). */
  afterOutboxSent?: (idempotencyKey: string) => void;
};

export type DeliveryOutcome =
  | { status: 'sent'; messageId: string }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; error: string }
  | { status: 'unknown' }
  | { status: 'deferred'; reason: 'outside_sending_window' | 'frequency_cap'; retryAt: string };

export type OutboxSendDeps = {
  prisma: PrismaClient;
  transport: MailTransport;
  /** Claims only as many messages as SMTP can take at once (see sendSlots.ts); unset means no limit. */
  sendSlots?: SendSlots;
  /** The same for newsletter waves (see newsletterSlotCount); unset means no limit across batches. */
  waveSlots?: SendSlots;
  faults?: DeliveryFaults;
};

/** What an outbox row already decided: a retry answers from the row and never talks to SMTP. */
export function recordedOutcome(row: OutboxRow): DeliveryOutcome | undefined {
  switch (row.status) {
    case 'sent':
      return { status: 'sent', messageId: row.messageIdHeader ?? row.id };
    case 'skipped':
      return { status: 'skipped', reason: row.skipReason ?? 'unknown' };
    case 'failed':
      return { status: 'failed', error: row.error ?? 'failed' };
    case 'unknown':
      return { status: 'unknown' };
    default:
      return undefined;
  }
}

/**
 * The one window no system can close is "SMTP accepted, crash before the outbox write". A row
 * found in 'sending' means an earlier attempt got that far. Marketing is then never re-sent (at most
 * once, recorded as 'unknown'); staff and transactional mail is re-sent with the same Message-ID
 * (at least once), because a missed escalation costs more than a duplicate.
 */
export async function resolveInterruptedSend(prisma: PrismaClient, row: OutboxRow): Promise<DeliveryOutcome | undefined> {
  if (row.status !== 'sending' || row.category !== 'marketing') return undefined;
  await markUnknown(prisma, row.id);
  const after = await prisma.message.findUniqueOrThrow({ where: { id: row.id } });
  return recordedOutcome(after);
}

/**
 * Claims the row ('queued' → 'sending'), checking the marketing frequency cap under the customer's
 * lock so that two campaigns cannot both take the last slot.
 */
async function claim(
  prisma: PrismaClient,
  row: OutboxRow,
  now: Date,
  cap: FrequencyCap | undefined,
): Promise<{ claimed: true } | { claimed: false; roomAt?: Date }> {
  return prisma.$transaction(async (tx) => {
    if (row.customerId && cap && row.category === 'marketing') {
      await lockCustomer(tx, row.customerId);
      const state = await frequencyCapState(tx, row.customerId, row.id, now, cap);
      if (state.capped) return { claimed: false, roomAt: state.roomAt };
    }
    const updated = await tx.message.updateMany({
      where: { id: row.id, status: { in: row.category === 'marketing' ? ['queued'] : ['queued', 'sending'] } },
      data: { status: 'sending', sendingAt: now, attempts: { increment: 1 } },
    });
    return updated.count === 1 ? { claimed: true } : { claimed: false };
  });
}

export type ClaimAndSendResult = DeliveryOutcome | { status: 'capped'; roomAt?: Date };

/**
 * Claim, talk to SMTP, record, inside a send slot so that no claimed message waits for a connection.
 * Temporary SMTP errors release the claim and throw, so Temporal retries.
 */
export function claimAndSend(
  deps: OutboxSendDeps,
  row: OutboxRow,
  mail: OutgoingMail,
  now: Date,
  cap?: FrequencyCap,
): Promise<ClaimAndSendResult> {
  const work = () => claimSendRecord(deps, row, mail, now, cap);
  return deps.sendSlots ? deps.sendSlots.run(work) : work();
}

async function claimSendRecord(
  deps: OutboxSendDeps,
  row: OutboxRow,
  mail: OutgoingMail,
  now: Date,
  cap?: FrequencyCap,
): Promise<ClaimAndSendResult> {
  const claimed = await claim(deps.prisma, row, now, cap);
  if (!claimed.claimed) {
    if ('roomAt' in claimed) return { status: 'capped', roomAt: claimed.roomAt };
    const current = await deps.prisma.message.findUniqueOrThrow({ where: { id: row.id } });
    return recordedOutcome(current) ?? { status: 'unknown' };
  }
  try {
    const sent = await sendMail(deps.transport, mail);
    deps.faults?.afterSmtpAccepted?.(row.idempotencyKey);
    await markSent(deps.prisma, row.id, sent.providerMessageId, now);
    deps.faults?.afterOutboxSent?.(row.idempotencyKey);
    return { status: 'sent', messageId: sent.messageId };
  } catch (error) {
    return settleSendError(deps.prisma, row, error);
  }
}

/**
 * What a failed SMTP send of a claimed row means: a temporary error releases the claim and is thrown
 * again (Temporal retries); a permanent one marks the row failed, and a rejected recipient is
 * suppressed (bounce). Anything else is thrown as it is, leaving the row claimed.
 */
export async function settleSendError(prisma: PrismaClient, row: OutboxRow, error: unknown): Promise<DeliveryOutcome> {
  if (!(error instanceof MailSendError)) throw error;
  if (error.kind === 'temporary') {
    await releaseClaim(prisma, row.id, error.message);
    throw error;
  }
  await markFailed(prisma, row.id, error.message);
  if (error.classification.cause === 'recipient') {
    await prisma.suppression.createMany({
      data: [{ email: row.recipientEmail.toLowerCase(), reason: 'bounce', note: error.message.slice(0, 500) }],
      skipDuplicates: true,
    });
  }
  return { status: 'failed', error: error.message };
}
