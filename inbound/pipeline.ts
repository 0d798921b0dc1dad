import { componentLogger } from '../config/logger';
import { ownAddressesOf, bareAddress } from '../mail/addresses';
import { autoReplyReason } from './autoReply';
import { handleBounce } from './bounces';
import { handleComplaint } from './complaints';
import { inboundEventId, inboundIdOf, type InboundDeps, type InboundResult } from './deps';
import { matchOutbox } from './matchOutbox';
import { parseInbound, type InboundMail } from './parseInbound';
import { handleReply } from './replies';
import { readDeliveryStatus, readFeedbackReport } from './reports';

export type { InboundDeps, InboundResult } from './deps';

const log = componentLogger('inbound');

/** How a message arrived: the SMTP envelope (endpoint) or none (IMAP). */
export type InboundMeta = { source: 'smtp' | 'imap'; envelopeFrom?: string | null; envelopeTo?: string[] };

export type ProcessedInbound = InboundResult & { id: string; duplicate: boolean };

/**
 * The one inbound pipeline behind the SMTP endpoint and the IMAP poller: parse (postal-mime),
 * de-duplicate, classify (our own mail looping back, DSN, ARF complaint, auto-reply, reply), match
 * to the outbox row, act, and record one inbound_messages row with what was done and why.
 * Bad input never throws: it is recorded as malformed, unmatched or dropped, with a reason. Only a
 * failing database (or Temporal) throws, so the endpoint answers 451 and the sender retries.
 */
export async function processInbound(deps: InboundDeps, raw: Buffer, meta: InboundMeta): Promise<ProcessedInbound> {
  const now = (await deps.clock?.()) ?? new Date();
  const parsed = await parseInbound(raw);
  const id = inboundIdOf(parsed.dedupeKey);
  const existing = await deps.prisma.inboundMessage.findUnique({ where: { dedupeKey: parsed.dedupeKey } });
  if (existing) {
    return {
      id: existing.id,
      duplicate: true,
      kind: existing.kind,
      outcome: existing.outcome,
      reason: existing.reason ?? undefined,
      outboxMessageId: existing.outboxMessageId ?? undefined,
      customerId: existing.customerId ?? undefined,
      leadId: existing.leadId ?? undefined,
    };
  }
  const result: InboundResult =
    'malformed' in parsed
      ? { kind: 'malformed', outcome: 'none', reason: parsed.malformed }
      : await classifyAndAct(deps, parsed, meta, inboundEventId(id), now);
  await deps.prisma.inboundMessage.createMany({
    data: [
      {
        id,
        dedupeKey: parsed.dedupeKey,
        source: meta.source,
        kind: result.kind,
        outcome: result.outcome,
        reason: result.reason?.slice(0, 500),
        outboxMessageId: result.outboxMessageId,
        dealerId: result.dealerId,
        customerId: result.customerId,
        leadId: result.leadId,
        campaignId: result.campaignId,
        statusCode: result.statusCode?.slice(0, 40),
        addressHash: result.addressHash,
        sizeBytes: parsed.sizeBytes,
        receivedAt: now,
      },
    ],
    skipDuplicates: true,
  });
  log.info(
    { inboundId: id, source: meta.source, kind: result.kind, outcome: result.outcome, reason: result.reason },
    'inbound message handled',
  );
  return { id, duplicate: false, ...result };
}

async function classifyAndAct(deps: InboundDeps, mail: InboundMail, meta: InboundMeta, eventId: string, now: Date): Promise<InboundResult> {
  const secret = deps.settings.LINK_SIGNING_SECRET;
  const own = ownAddressesOf(deps.settings);
  if (mail.headers['x-stammkunde-key'] !== undefined || (mail.fromAddress && own.has(bareAddress(mail.fromAddress)))) {
    return { kind: 'loop', outcome: 'none', reason: 'our own mail came back (sender or X-Stammkunde-Key is ours)' };
  }

  const isReport = mail.contentType === 'multipart/report';
  const dsn = isReport || mail.reportType === 'delivery-status' ? await readDeliveryStatus(mail) : undefined;
  if (dsn) {
    const match = await matchOutbox(deps.prisma, secret, {
      tokenAddresses: [...(meta.envelopeTo ?? []), mail.headers['to'], dsn.original.envelopeFrom],
      messageIds: [dsn.original.messageId],
    });
    if (!match)
      return {
        kind: 'unmatched',
        outcome: 'none',
        statusCode: dsn.status,
        reason: 'a delivery status notification for a message we did not send',
      };
    return handleBounce(deps, dsn, match, eventId, now);
  }
  const arf = isReport || mail.reportType === 'feedback-report' ? await readFeedbackReport(mail) : undefined;
  if (arf) {
    const match = await matchOutbox(deps.prisma, secret, {
      tokenAddresses: [arf.original.envelopeFrom],
      messageIds: [arf.original.messageId],
    });
    if (!match)
      return { kind: 'unmatched', outcome: 'none', statusCode: arf.feedbackType, reason: 'a complaint about a message we did not send' };
    return handleComplaint(deps, arf, match, eventId, now);
  }
  if (isReport)
    return {
      kind: 'malformed',
      outcome: 'none',
      reason: `a ${mail.reportType ?? 'untyped'} report without a readable status or feedback part`,
    };

  const autoReply = autoReplyReason(mail) ?? (meta.envelopeFrom === '' ? 'null envelope sender (<>) without a report' : undefined);
  const match = await matchOutbox(deps.prisma, secret, { tokenAddresses: meta.envelopeTo ?? [], messageIds: mail.referencedIds });
  if (autoReply) {
    return {
      kind: 'auto_reply',
      outcome: 'none',
      reason: autoReply,
      outboxMessageId: match?.row?.id,
      customerId: match?.row?.customerId ?? undefined,
      campaignId: match?.row?.campaignId ?? undefined,
    };
  }
  if (!mail.fromAddress) return { kind: 'malformed', outcome: 'none', reason: 'no sender address (From)' };
  return handleReply(deps, mail, match, eventId, now);
}
