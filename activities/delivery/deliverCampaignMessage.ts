import type { LegalBasisRequirement } from '../../campaigns/dsl/campaign';
import type { Settings } from '../../config/settings';
import type { createRenderer } from '../../templates/render';
import { isInsideSendingWindow, nextSendingInstant, type SendingWindowInput } from '../../time/sendingWindow';
import { skipReasonFor } from './eligibility';
import type { FrequencyCap } from './frequencyCap';
import { categoryOf, composeCustomerMail, isTemplateError, sendingLocaleOf } from './composeCustomerMail';
import { findOrCreateOutboxRow, markSkipped, type NewOutboxRow, type OutboxRow } from './outbox';
import { loadRecipient, type Recipient } from './recipient';
import { claimAndSend, recordedOutcome, resolveInterruptedSend, type DeliveryOutcome, type OutboxSendDeps } from './sendThroughOutbox';

export type DeliverCampaignMessageInput = {
  idempotencyKey: string;
  customerId: string;
  vehicleId?: string;
  templateId: string;
  legalBasis: LegalBasisRequirement;
  campaignId: string;
  campaignVersion: number;
  campaignPriority: number;
  enrollmentId?: string;
  newsletterRunId?: string;
  stepPath?: string;
  context: Record<string, string | number | boolean | null>;
  onFrequencyCap: 'defer' | 'skip';
  /** Engine time (the workflow's clock) at which the step runs. */
  now: string;
  /** Template variables merged over the customer's (e.g. a newsletter's headline and paragraphs). */
  extraVariables?: Record<string, unknown>;
};

export type CampaignDeliveryDeps = OutboxSendDeps & {
  settings: Pick<Settings, 'MAIL_FROM' | 'MAIL_REPLY_TO' | 'BOUNCE_DOMAIN' | 'PUBLIC_BASE_URL' | 'LINK_SIGNING_SECRET'>;
  renderer: ReturnType<typeof createRenderer>;
  frequencyCap: FrequencyCap;
  sendingWindow?: SendingWindowInput;
};

/**
 * Delivers one campaign email exactly once per idempotency key: consent, objection, suppression and
 * erasure are checked now (not at enrollment), then the sending window and frequency cap, then the
 * outbox claim and SMTP. Bad template data is recorded as a failed message; the workflow goes on.
 */
export async function deliverCampaignMessage(deps: CampaignDeliveryDeps, input: DeliverCampaignMessageInput): Promise<DeliveryOutcome> {
  const recipient = await loadRecipient(deps.prisma, input.customerId, input.vehicleId);
  const row = await findOrCreateOutboxRow(deps.prisma, outboxRowFor(input, recipient));
  return deliverToLoadedRecipient(deps, input, recipient, row);
}

/** The outbox row a customer message starts as (status 'queued'). */
export function outboxRowFor(input: DeliverCampaignMessageInput, recipient: Recipient | undefined): NewOutboxRow {
  return {
    idempotencyKey: input.idempotencyKey,
    dealerId: recipient?.customer.dealerId,
    templateId: input.templateId,
    language: recipient?.customer.language ?? 'de',
    recipientEmail: recipient?.customer.email?.toLowerCase() ?? '',
    customerId: recipient ? input.customerId : undefined,
    campaignId: input.campaignId,
    enrollmentId: input.enrollmentId,
    newsletterRunId: input.newsletterRunId,
    category: categoryOf(input),
    queuedAt: new Date(input.now),
  };
}

/**
 * Everything after loading: the recorded outcome of an earlier attempt, eligibility, sending window,
 * rendering, frequency cap, claim and SMTP, for a recipient and outbox row loaded by the caller.
 * `beforeSend` (e.g. a rate limit) runs just before the claim. (Newsletters send in waves instead:
 * activities/newsletters/sendWaves.ts.)
 */
export async function deliverToLoadedRecipient(
  deps: CampaignDeliveryDeps,
  input: DeliverCampaignMessageInput,
  recipient: Recipient | undefined,
  row: OutboxRow,
  beforeSend?: () => Promise<void>,
): Promise<DeliveryOutcome> {
  const now = new Date(input.now);
  const category = categoryOf(input);
  const recorded = recordedOutcome(row) ?? (await resolveInterruptedSend(deps.prisma, row));
  if (recorded) return recorded;

  const skip = recipient ? skipReasonFor({ ...recipient.customer, suppressions: recipient.suppressions }, input.legalBasis) : 'erased';
  if (skip || !recipient) {
    await markSkipped(deps.prisma, row.id, skip ?? 'erased', now);
    return { status: 'skipped', reason: skip ?? 'erased' };
  }

  const locale = sendingLocaleOf(recipient);
  if (category === 'marketing' && !isInsideSendingWindow(input.now, deps.sendingWindow, locale)) {
    return { status: 'deferred', reason: 'outside_sending_window', retryAt: nextSendingInstant(input.now, deps.sendingWindow, locale) };
  }

  let composed;
  try {
    composed = await composeCustomerMail(deps, input, recipient, now);
  } catch (error) {
    if (!isTemplateError(error)) throw error;
    await deps.prisma.message.updateMany({
      where: { id: row.id, status: 'queued' },
      data: { status: 'failed', error: error.message.slice(0, 2000) },
    });
    return { status: 'failed', error: error.message };
  }

  const { rendered, messageId, mail } = composed;
  await beforeSend?.();
  await deps.prisma.message.update({
    where: { id: row.id },
    data: { subject: rendered.subject, messageIdHeader: messageId, language: rendered.language },
  });
  const result = await claimAndSend(deps, row, mail, now, category === 'marketing' ? deps.frequencyCap : undefined);
  if (result.status !== 'capped') return result;
  if (input.onFrequencyCap === 'skip' || !result.roomAt) {
    await markSkipped(deps.prisma, row.id, 'frequency_cap', now);
    return { status: 'skipped', reason: 'frequency_cap' };
  }
  return { status: 'deferred', reason: 'frequency_cap', retryAt: result.roomAt.toISOString() };
}
