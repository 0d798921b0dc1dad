import { businessMinutesBetween } from '../../time/businessTime';
import { formatDateTime, formatWaitingTime } from '../../templates/formatting';
import { deliverInternalMessage, type StaffDeliveryDeps } from '../delivery/deliverStaffMessage';
import { configurationError } from '../shared/failures';
import { leadEmailVariables, type LeadEmailDeps } from './leadEmail';
import { loadLeadScope } from './leadScope';

/**
 * A lead email as the workflow sees it: ids, dates, enums and counts only. `deliverLeadMail` loads the
 * customer, the lead and the recipient from the database and renders the mail itself, so no name, address,
 * phone number or message ever enters Temporal's history.
 */

/** Why a person on the escalation ladder was passed over. */
export type SkipReason = 'absent' | 'inactive' | 'none_at_location' | 'is_assignee';
export type SkippedRung = { role: 'team_lead' | 'manager'; staffId?: string; why: SkipReason };

export type LeadMailRecipient = { staffId: string } | { mailbox: 'location' | 'dealer' };

export type LeadMail = {
  idempotencyKey: string;
  leadId: string;
  template: 'lead-assigned' | 'lead-reminder' | 'lead-escalation';
  to: LeadMailRecipient;
  linkValidityDays: number;
  /** Escalation level (1 = first step after the due time). */
  level?: number;
  /** The assignee who let the due time pass; an escalation says it comes from them. */
  fromStaffId?: string;
  dueAt?: string;
  dueReason?: 'callback' | 'retry';
  /** Who the ladder passed over before reaching this recipient, and why. */
  skipped?: SkippedRung[];
};

export type LeadMailResult = { status: 'sent' | 'skipped' | 'failed' | 'unknown' | 'deferred' };

export type LeadMailDeps = LeadEmailDeps & StaffDeliveryDeps;

const ROLE_LABEL = { team_lead: 'Teamleitung', manager: 'Geschäftsleitung' } as const;
const SKIP_LABEL: Record<SkipReason, string> = {
  absent: 'abwesend',
  inactive: 'nicht mehr im Haus',
  none_at_location: 'am Standort niemand in dieser Rolle',
  is_assignee: 'ist selbst zuständig',
};
const ABSENCE_LABEL: Record<string, string> = { vacation: 'Urlaub', sick: 'krank', training: 'Schulung', other: 'abwesend' };

async function skippedLines(deps: LeadMailDeps, skipped: SkippedRung[], at: Date): Promise<string[]> {
  const ids = skipped.map((s) => s.staffId).filter((id): id is string => Boolean(id));
  const staff = await deps.prisma.staff.findMany({
    where: { id: { in: ids } },
    include: { absences: { where: { from: { lte: at }, to: { gte: new Date(at.getTime() - 86_400_000) } } } },
  });
  return skipped.map((s) => {
    const person = staff.find((p) => p.id === s.staffId);
    const who = person ? `${person.firstName} ${person.lastName} (${ROLE_LABEL[s.role]})` : ROLE_LABEL[s.role];
    const absence = s.why === 'absent' && person?.absences[0] ? ABSENCE_LABEL[person.absences[0].reason] : undefined;
    return `${who}: ${absence ?? SKIP_LABEL[s.why]}`;
  });
}

/** Renders one lead email from the database and sends it through the outbox (idempotent on its key). */
export async function deliverLeadMail(deps: LeadMailDeps, mail: LeadMail & { now: string }): Promise<LeadMailResult> {
  const now = new Date(mail.now);
  const scope = await loadLeadScope(deps.prisma, mail.leadId);
  const location = await deps.prisma.location.findUniqueOrThrow({ where: { id: scope.locationId } });
  const dealer = scope.lead.dealer;
  let recipient: { email: string; name: string; staffId?: string };
  if ('staffId' in mail.to) {
    const staff = await deps.prisma.staff.findUniqueOrThrow({ where: { id: mail.to.staffId } });
    recipient = { email: staff.email, name: `${staff.firstName} ${staff.lastName}`, staffId: staff.id };
  } else {
    const address = mail.to.mailbox === 'location' ? location.escalationEmail : dealer.escalationEmail;
    if (!address)
      throw configurationError(
        `${mail.to.mailbox} ${mail.to.mailbox === 'location' ? location.id : dealer.id}`,
        'escalationEmail',
        'is not set',
      );
    recipient = { email: address, name: `Team ${location.name}` };
  }
  const variables = await leadEmailVariables(deps, {
    leadId: mail.leadId,
    recipientStaffId: recipient.staffId,
    recipientName: recipient.name,
    now,
    linkValidityDays: mail.linkValidityDays,
  });
  const lead = variables.lead as Record<string, unknown>;
  lead.waitingForBusiness = formatWaitingTime(
    businessMinutesBetween(scope.lead.receivedAt.toISOString(), now.toISOString(), scope.calendar) * 60_000,
    'de',
  );
  if (mail.template !== 'lead-assigned') {
    const due = mail.dueAt ? formatDateTime(mail.dueAt, 'de') : undefined;
    const reason = mail.dueReason === 'retry' ? `Erneuter Anrufversuch fällig seit ${due}` : `Kein Rückruf bis ${due}`;
    const from = mail.fromStaffId ? await deps.prisma.staff.findUnique({ where: { id: mail.fromStaffId } }) : null;
    variables.escalation = {
      level: mail.level ?? 1,
      ...(from && from.id !== recipient.staffId ? { escalatedFrom: `${from.firstName} ${from.lastName}` } : {}),
      ...(due ? { reason, dueAt: due } : {}),
      skipped: (await skippedLines(deps, mail.skipped ?? [], now)).map((text) => ({ text })),
      toMailbox: !('staffId' in mail.to),
    };
  }
  const outcome = await deliverInternalMessage(deps, {
    idempotencyKey: mail.idempotencyKey,
    templateId: mail.template,
    variables,
    customerId: scope.lead.customerId ?? undefined,
    now: mail.now,
    recipient,
    dealer,
    location,
  });
  return { status: outcome.status }; // never the SMTP text: it may quote the address
}
