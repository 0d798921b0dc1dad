import type { Settings } from '../../config/settings';
import { TemplateVariablesError } from '../../templates/errors';
import type { createRenderer } from '../../templates/render';
import { envelopeFor, messageIdFor } from './headers';
import { findOrCreateOutboxRow } from './outbox';
import { dealerBranding } from './recipient';
import { claimAndSend, recordedOutcome, type DeliveryOutcome, type OutboxSendDeps } from './sendThroughOutbox';

export type DeliverStaffMessageInput = {
  /** Deterministic per (workflow, step), e.g. "lead/<id>/escalation/2/team-lead". */
  idempotencyKey: string;
  staffId: string;
  templateId: string;
  /** The template's variables, built by the caller (lead, task …). */
  variables: Record<string, unknown>;
  customerId?: string;
  /** Engine time (the workflow's clock). */
  now: string;
};

export type StaffDeliveryDeps = OutboxSendDeps & {
  settings: Pick<Settings, 'MAIL_FROM' | 'MAIL_REPLY_TO' | 'BOUNCE_DOMAIN' | 'LINK_SIGNING_SECRET'>;
  renderer: ReturnType<typeof createRenderer>;
};

/**
 * An internal email to one person at the dealership (task, assignment, escalation). No consent,
 * window or cap applies; it goes through the same outbox, and a crash after SMTP accepted it means it
 * is sent again with the same Message-ID (at least once): a lost escalation costs more than a duplicate.
 */
export async function deliverStaffMessage(deps: StaffDeliveryDeps, input: DeliverStaffMessageInput): Promise<DeliveryOutcome> {
  const staff = await deps.prisma.staff.findUniqueOrThrow({ where: { id: input.staffId }, include: { dealer: true, location: true } });
  return deliverInternalMessage(deps, {
    ...input,
    recipient: { email: staff.email, name: `${staff.firstName} ${staff.lastName}`, staffId: staff.id },
    dealer: staff.dealer,
    location: staff.location,
  });
}

export type InternalMessageInput = Omit<DeliverStaffMessageInput, 'staffId'> & {
  /** A person, or a mailbox (a location's or the dealer's escalation address: no staffId). */
  recipient: { email: string; name?: string; staffId?: string };
  dealer: Parameters<typeof dealerBranding>[0] & { id: string };
  location: Parameters<typeof dealerBranding>[1];
};

/** The internal-mail path shared by staff members and the dealer's mailboxes. */
export async function deliverInternalMessage(deps: StaffDeliveryDeps, input: InternalMessageInput): Promise<DeliveryOutcome> {
  const now = new Date(input.now);
  const row = await findOrCreateOutboxRow(deps.prisma, {
    idempotencyKey: input.idempotencyKey,
    dealerId: input.dealer.id,
    templateId: input.templateId,
    language: 'de',
    recipientEmail: input.recipient.email.toLowerCase(),
    recipientName: input.recipient.name,
    staffId: input.recipient.staffId,
    customerId: input.customerId,
    category: 'staff',
    queuedAt: now,
  });
  const recorded = recordedOutcome(row);
  if (recorded) return recorded;

  let rendered;
  try {
    rendered = await deps.renderer.renderMessage({
      templateId: input.templateId,
      language: 'de',
      variables: input.variables,
      branding: dealerBranding(input.dealer, input.location),
    });
  } catch (error) {
    if (!(error instanceof TemplateVariablesError)) throw error;
    await deps.prisma.message.updateMany({
      where: { id: row.id, status: 'queued' },
      data: { status: 'failed', error: error.message.slice(0, 2000) },
    });
    return { status: 'failed', error: error.message };
  }
  const messageId = messageIdFor(input.idempotencyKey, deps.settings.MAIL_FROM);
  await deps.prisma.message.update({ where: { id: row.id }, data: { subject: rendered.subject, messageIdHeader: messageId } });
  const result = await claimAndSend(
    deps,
    row,
    {
      from: deps.settings.MAIL_FROM,
      to: input.recipient.email,
      envelope: envelopeFor(deps.settings, messageId, input.recipient.email),
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      messageId,
      date: now,
      headers: { 'X-Stammkunde-Key': input.idempotencyKey },
    },
    now,
  );
  return result.status === 'capped' ? { status: 'unknown' } : result;
}
