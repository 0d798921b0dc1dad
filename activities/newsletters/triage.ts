import { isInsideSendingWindow, nextSendingInstant } from '../../time/sendingWindow';
import { categoryOf, sendingLocaleOf } from '../delivery/composeCustomerMail';
import type { CampaignDeliveryDeps, DeliverCampaignMessageInput } from '../delivery/deliverCampaignMessage';
import { skipReasonFor } from '../delivery/eligibility';
import type { OutboxRow } from '../delivery/outbox';
import type { Recipient } from '../delivery/recipient';
import { recordedOutcome, resolveInterruptedSend, type DeliveryOutcome } from '../delivery/sendThroughOutbox';
import { markSkippedMany } from './bulkOutbox';
import type { SendableMessage } from './sendWaves';

type Candidate = { input: DeliverCampaignMessageInput; recipient: Recipient | undefined; row: OutboxRow };

/**
 * The checks before rendering, for a chunk, with the same rules and order as deliverToLoadedRecipient:
 * an earlier attempt's recorded outcome (a marketing row found 'sending' becomes 'unknown', never
 * re-sent), eligibility at send time (skips written in one statement), then the sending window.
 * Returns the decided outcomes by outbox row id and the messages left to send.
 */
export async function triage(
  deps: CampaignDeliveryDeps,
  candidates: Candidate[],
  now: Date,
): Promise<{ outcomes: Map<string, DeliveryOutcome>; sendable: SendableMessage[] }> {
  const outcomes = new Map<string, DeliveryOutcome>();
  const sendable: SendableMessage[] = [];
  const skips: Array<{ id: string; reason: string }> = [];
  const windowByLocale = new Map<string, DeliveryOutcome | undefined>();
  for (const { input, recipient, row } of candidates) {
    const recorded = recordedOutcome(row) ?? (row.status === 'sending' ? await resolveInterruptedSend(deps.prisma, row) : undefined);
    if (recorded) {
      outcomes.set(row.id, recorded);
      continue;
    }
    const skip = recipient ? skipReasonFor({ ...recipient.customer, suppressions: recipient.suppressions }, input.legalBasis) : 'erased';
    if (skip || !recipient) {
      skips.push({ id: row.id, reason: skip ?? 'erased' });
      outcomes.set(row.id, { status: 'skipped', reason: skip ?? 'erased' });
      continue;
    }
    if (categoryOf(input) === 'marketing') {
      const locale = sendingLocaleOf(recipient);
      const key = `${locale.timeZone}|${locale.federalState}`;
      if (!windowByLocale.has(key)) {
        windowByLocale.set(
          key,
          isInsideSendingWindow(input.now, deps.sendingWindow, locale)
            ? undefined
            : { status: 'deferred', reason: 'outside_sending_window', retryAt: nextSendingInstant(input.now, deps.sendingWindow, locale) },
        );
      }
      const deferred = windowByLocale.get(key);
      if (deferred) {
        outcomes.set(row.id, deferred);
        continue;
      }
    }
    sendable.push({ input, recipient, row });
  }
  await markSkippedMany(deps.prisma, skips, now);
  return { outcomes, sendable };
}
