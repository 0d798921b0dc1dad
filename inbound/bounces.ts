import type { InboundDeps, InboundResult } from './deps';
import { addressHashOf } from './deps';
import type { OutboxMatch } from './matchOutbox';
import { bounceClass, type DeliveryStatus } from './reports';

/**
 * A DSN matched to the message it reports on: a hard bounce suppresses the address we sent to; a
 * soft bounce is counted and suppresses the address once SOFT_BOUNCE_LIMIT soft bounces came back;
 * a delay or success report is only recorded. The customer's timeline shows the bounce.
 */
export async function handleBounce(
  deps: InboundDeps,
  dsn: DeliveryStatus,
  match: OutboxMatch,
  eventId: string,
  now: Date,
): Promise<InboundResult> {
  const { row } = match;
  const address = row!.recipientEmail.toLowerCase();
  const base = {
    outboxMessageId: row!.id,
    customerId: row!.customerId ?? undefined,
    dealerId: row!.dealerId ?? undefined,
    campaignId: row!.campaignId ?? undefined,
    statusCode: dsn.status,
    addressHash: addressHashOf(address),
  };
  const kind = bounceClass(dsn);
  if (kind === 'report')
    return { ...base, kind: 'delivery_report', outcome: 'none', reason: `action ${dsn.action}, matched by ${match.by}` };

  let suppress = kind === 'hard';
  if (kind === 'soft') {
    const earlier = await deps.prisma.inboundMessage.count({ where: { kind: 'soft_bounce', addressHash: base.addressHash } });
    suppress = earlier + 1 >= deps.settings.SOFT_BOUNCE_LIMIT;
  }
  if (suppress) {
    await deps.prisma.suppression.createMany({
      data: [{ email: address, reason: 'bounce', note: `${kind} bounce ${dsn.status} (message ${row!.id})` }],
      skipDuplicates: true,
    });
  }
  if (row!.customerId && row!.dealerId) {
    await deps.prisma.touchpoint.createMany({
      data: [
        {
          dealerId: row!.dealerId,
          customerId: row!.customerId,
          messageId: row!.id,
          channel: 'email',
          direction: 'inbound',
          department: 'system',
          kind: kind === 'hard' ? 'email.bounced' : 'email.soft_bounced',
          summary: `E-Mail nicht zustellbar (${dsn.status})${suppress ? ': Adresse gesperrt' : ': vorübergehend, wird gezählt'}`,
          occurredAt: now,
          externalEventId: `${eventId}:bounce`,
        },
      ],
      skipDuplicates: true,
    });
  }
  return {
    ...base,
    kind: kind === 'hard' ? 'hard_bounce' : 'soft_bounce',
    outcome: suppress ? 'suppressed' : 'counted',
    reason: `matched by ${match.by}${kind === 'soft' ? `; soft bounce limit ${deps.settings.SOFT_BOUNCE_LIMIT}` : ''}`,
  };
}
