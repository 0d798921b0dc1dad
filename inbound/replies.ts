import { historySummary } from '../activities/lifecycle/reactivationLead';
import type { Customer } from '../db/generated/client';
import { submitLead } from '../leads/intake';
import { sendCustomerEvent } from '../lifecycle/client';
import type { InboundDeps, InboundResult } from './deps';
import type { OutboxMatch } from './matchOutbox';
import type { InboundMail } from './parseInbound';

/** Campaigns whose replies open a lead through lead intake (a reactivation's reply opens one through the lifecycle). */
const LEAD_CAMPAIGNS = /^repurchase-/;
const OPEN_LEAD = ['new', 'contacted', 'qualified'] as const;
const SNIPPET_CHARS = 400;

/** The customer's own words, without the quoted email below them. */
export function replySnippet(text: string): string {
  const lines: string[] = [];
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    if (/^\s*>/.test(line)) break;
    if (/^(am|on) .{4,200}(schrieb|wrote)/i.test(line.trim())) break;
    if (/^-{2,}\s*(original|ursprüngliche)/i.test(line.trim())) break;
    lines.push(line);
  }
  return lines.join(' ').replace(/\s+/g, ' ').trim().slice(0, SNIPPET_CHARS);
}

async function customerFor(deps: InboundDeps, mail: InboundMail, match: OutboxMatch | undefined): Promise<Customer | 'erased' | undefined> {
  if (match?.row?.customerId) {
    const customer = await deps.prisma.customer.findUnique({ where: { id: match.row.customerId } });
    if (customer?.erasedAt) return 'erased';
    if (customer) return customer;
  }
  if (!mail.fromAddress) return undefined;
  const candidates = await deps.prisma.customer.findMany({
    where: { erasedAt: null, email: { equals: mail.fromAddress, mode: 'insensitive' } },
    orderBy: { createdAt: 'asc' },
    take: 5,
  });
  // The same address at two dealers is ambiguous: better unmatched than on the wrong timeline.
  const dealers = new Set(candidates.map((c) => c.dealerId));
  return dealers.size === 1 ? candidates[0] : undefined;
}

/**
 * A person answered: the reply becomes an inbound touchpoint on the customer's timeline and an
 * `email_replied` event for the lifecycle (which answers a running reactivation with a lead for the
 * present salesperson, as a click does). A reply to a repurchase offer opens a lead through lead
 * intake, with the customer's history. A reply while the customer has an open lead goes to that
 * lead and becomes a task for its assignee (no second lead).
 */
export async function handleReply(
  deps: InboundDeps,
  mail: InboundMail,
  match: OutboxMatch | undefined,
  eventId: string,
  now: Date,
): Promise<InboundResult> {
  const row = match?.row ?? undefined;
  const base = { outboxMessageId: row?.id, campaignId: row?.campaignId ?? undefined };
  const customer = await customerFor(deps, mail, match);
  if (customer === 'erased')
    return { ...base, kind: 'dropped', outcome: 'none', reason: 'the customer was erased (DSGVO Art. 17): nothing kept' };
  if (!customer) {
    return {
      ...base,
      kind: 'unmatched',
      outcome: 'none',
      reason: row ? 'the message it answers has no customer' : 'no message of ours is referenced and the sender is no known customer',
    };
  }
  const result = { ...base, customerId: customer.id, dealerId: customer.dealerId };
  const openLead = await deps.prisma.lead.findFirst({
    where: { customerId: customer.id, status: { in: [...OPEN_LEAD] } },
    orderBy: { receivedAt: 'desc' },
  });
  const snippet = replySnippet(mail.text);
  const subject = mail.subject.trim();
  await deps.prisma.touchpoint.createMany({
    data: [
      {
        dealerId: customer.dealerId,
        customerId: customer.id,
        messageId: row?.id,
        leadId: openLead?.id,
        staffId: openLead?.assignedToId,
        channel: 'email',
        direction: 'inbound',
        department: 'sales',
        kind: 'email.reply',
        summary: `E-Mail-Antwort${subject ? ` „${subject.slice(0, 120)}“` : ''}${snippet ? `: ${snippet}` : ''}`,
        occurredAt: now,
        externalEventId: `${eventId}:reply`,
      },
    ],
    skipDuplicates: true,
  });
  await sendCustomerEvent({ client: deps.client, taskQueue: deps.taskQueue, prisma: deps.prisma }, customer.id, {
    type: 'email_replied',
    eventId,
    occurredAt: now.toISOString(),
    ...(row ? { messageId: row.id } : {}),
  });

  if (openLead) {
    await deps.prisma.staffTask.createMany({
      data: [
        {
          idempotencyKey: `${eventId}:assignee`,
          dealerId: customer.dealerId,
          role: 'salesperson',
          assigneeId: openLead.assignedToId,
          kind: 'customer_replied',
          title: `Kunde hat per E-Mail geantwortet: ${[customer.firstName, customer.lastName].filter(Boolean).join(' ')}`,
          details: `${subject ? `Betreff: ${subject}\n` : ''}${snippet}`,
          customerId: customer.id,
          dueAt: now,
          createdAt: now,
        },
      ],
      skipDuplicates: true,
    });
    return {
      ...result,
      kind: 'reply',
      outcome: openLead.assignedToId ? 'assignee_notified' : 'task_for_role',
      leadId: openLead.id,
      reason: 'the customer has an open lead',
    };
  }
  if (row?.campaignId && LEAD_CAMPAIGNS.test(row.campaignId)) {
    const history = await historySummary(deps.prisma, customer.id);
    const { leadId } = await submitLead(
      { client: deps.client, prisma: deps.prisma, taskQueue: deps.taskQueue, clock: () => now },
      {
        dealerId: customer.dealerId,
        ...(customer.locationId ? { locationId: customer.locationId } : {}),
        kind: 'offer',
        source: 'email_reply',
        externalId: eventId,
        customer: {
          lastName: customer.lastName,
          ...(customer.firstName ? { firstName: customer.firstName } : {}),
          email: customer.email ?? mail.fromAddress,
        },
        message: `Antwort auf das Angebot (${row.campaignId}): ${snippet || '(ohne Text)'}\n\n${history}`.slice(0, 5000),
        receivedAt: now.toISOString(),
      },
    );
    return { ...result, kind: 'reply', outcome: 'lead_opened', leadId, reason: `answers ${row.campaignId}` };
  }
  return {
    ...result,
    kind: 'reply',
    outcome: 'touchpoint',
    reason: row ? `answers ${row.campaignId ?? row.templateId}` : 'matched by the sender address',
  };
}
