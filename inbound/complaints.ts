import { sendCustomerEvent } from '../lifecycle/client';
import type { InboundDeps, InboundResult } from './deps';
import { addressHashOf } from './deps';
import type { OutboxMatch } from './matchOutbox';
import type { FeedbackReport } from './reports';

/**
 * An ARF complaint ("this is spam") about a message we sent: the address gets a complaint
 * suppression and the customer's objection to advertising is recorded at once (Customer.objectedAt,
 * checked by every send), then the lifecycle hears an `objection` event (ids only) and stops the
 * running enrollments. Not-spam and other feedback types are only recorded.
 */
export async function handleComplaint(
  deps: InboundDeps,
  report: FeedbackReport,
  match: OutboxMatch,
  eventId: string,
  now: Date,
): Promise<InboundResult> {
  const row = match.row!;
  const address = row.recipientEmail.toLowerCase();
  const base = {
    outboxMessageId: row.id,
    customerId: row.customerId ?? undefined,
    dealerId: row.dealerId ?? undefined,
    campaignId: row.campaignId ?? undefined,
    statusCode: report.feedbackType,
    addressHash: addressHashOf(address),
  };
  if (!['abuse', 'fraud', 'virus'].includes(report.feedbackType)) {
    return { ...base, kind: 'complaint', outcome: 'none', reason: `feedback type ${report.feedbackType} is not a complaint` };
  }
  await deps.prisma.suppression.createMany({
    data: [{ email: address, reason: 'complaint', note: `ARF ${report.feedbackType} (message ${row.id})` }],
    skipDuplicates: true,
  });
  if (!row.customerId)
    return { ...base, kind: 'complaint', outcome: 'suppressed', reason: `matched by ${match.by}; no customer on the message` };
  await deps.prisma.customer.updateMany({ where: { id: row.customerId, objectedAt: null }, data: { objectedAt: now } });
  await sendCustomerEvent({ client: deps.client, taskQueue: deps.taskQueue, prisma: deps.prisma }, row.customerId, {
    type: 'objection',
    eventId,
    occurredAt: now.toISOString(),
  });
  return { ...base, kind: 'complaint', outcome: 'objection_recorded', reason: `matched by ${match.by}` };
}
