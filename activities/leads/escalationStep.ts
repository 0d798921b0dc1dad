import type { EscalationStep } from '../../leads/slaPolicy';
import { formatDateTime } from '../../templates/formatting';
import type { LeadEmailDeps } from './leadEmail';
import type { LeadMail, LeadMailRecipient, SkippedRung } from './leadMail';
import { recordLeadTouchpoint } from './leadRecords';
import { loadLeadScope } from './leadScope';
import { flagLeadForAttention } from './leadAttention';
import { ensureAssigneePresent, reassignToColleague } from './reassign';
import { assigneeRef, staffRef, walkEscalationLadder, type AssigneeRef, type StaffRef } from './staffPicker';

export type EscalationStepInput = {
  leadId: string;
  /** Restarts with each new due time (after 'no answer' or a take-over), so keys stay unique. */
  cycle: number;
  /** 0-based index in the ladder; the level shown is index + 1. */
  stepIndex: number;
  step: EscalationStep;
  assigneeId?: string;
  assignmentNo: number;
  dueAt: string;
  /** Why the due time exists: the first callback or a retry after 'no answer'. */
  dueReason: 'callback' | 'retry';
  now: string;
  linkValidityDays: number;
};

/** Ids and counts only: the workflow never sees who was notified by name. */
export type EscalationStepResult = {
  assignee: AssigneeRef | null;
  assignmentNo: number;
  emails: LeadMail[];
  notified: string[];
  nobodyReachable: boolean;
};

const ROLE_LABEL = { team_lead: 'Teamleitung', manager: 'Geschäftsleitung' } as const;

/**
 * One rung of the ladder: absent assignees are replaced first, the lead is re-assigned if the step
 * says so; then the assignee gets a reminder (level 1), and the team lead or manager an escalation.
 * Nobody at work in a role → the ladder walks up (the manager's manager, another manager of the
 * dealer), then to the location's or the dealer's escalation mailbox. Whoever was passed over is named
 * in the mail and on the timeline; if truly nobody is reachable, the lead is flagged for the dealer.
 */
export async function runEscalationStep(deps: LeadEmailDeps, input: EscalationStepInput): Promise<EscalationStepResult> {
  const now = new Date(input.now);
  const scope = await loadLeadScope(deps.prisma, input.leadId);
  const level = input.stepIndex + 1;
  const emails: LeadMail[] = [];
  let assignmentNo = input.assignmentNo;
  const previousRow = input.assigneeId ? await deps.prisma.staff.findUnique({ where: { id: input.assigneeId } }) : null;
  const previous = previousRow ? staffRef(previousRow) : null;
  let assignee: StaffRef | null = previous;

  const common = { leadId: input.leadId, now: input.now, linkValidityDays: input.linkValidityDays };
  const absent = await ensureAssigneePresent(deps, { ...common, fromStaffId: assignee?.id, assignmentNo: assignmentNo + 1 });
  if (absent) {
    assignmentNo += 1;
    assignee = absent.assignee;
    emails.push(...absent.emails);
  }
  if (input.step.reassign && !absent) {
    const moved = await reassignToColleague(deps, {
      ...common,
      fromStaffId: assignee?.id,
      assignmentNo: assignmentNo + 1,
      reason: `eskaliert (Stufe ${level})`,
    });
    if (moved) {
      assignmentNo += 1;
      assignee = moved.assignee;
      emails.push(...moved.emails);
    }
  }

  const reason =
    input.dueReason === 'retry'
      ? `Erneuter Anrufversuch fällig seit ${formatDateTime(input.dueAt, 'de')}`
      : `Kein Rückruf bis ${formatDateTime(input.dueAt, 'de')}`;
  const location = await deps.prisma.location.findUniqueOrThrow({ where: { id: scope.locationId } });
  const mailboxOf = (): { mailbox: 'location' | 'dealer' } | null =>
    location.escalationEmail ? { mailbox: 'location' } : scope.lead.dealer.escalationEmail ? { mailbox: 'dealer' } : null;

  const notified: string[] = [];
  const skippedAll: SkippedRung[] = [];
  const informed: string[] = [];
  const mail = (who: string, to: LeadMailRecipient, template: LeadMail['template'], skipped: SkippedRung[]) => {
    const id = 'staffId' in to ? to.staffId : `mailbox-${to.mailbox}`;
    if (notified.includes(id)) return;
    notified.push(id);
    emails.push({
      idempotencyKey: `lead/${input.leadId}/c${input.cycle}/s${input.stepIndex}/${who}/${id}`,
      leadId: input.leadId,
      template,
      to,
      linkValidityDays: input.linkValidityDays,
      level,
      ...(previous ? { fromStaffId: previous.id } : {}),
      dueAt: input.dueAt,
      dueReason: input.dueReason,
      ...(skipped.length ? { skipped } : {}),
    });
  };

  for (const who of input.step.notify) {
    if (who === 'assignee' && assignee) {
      // The same person who let the due time pass gets a reminder; a new assignee an escalation from the previous one.
      mail(who, { staffId: assignee.id }, assignee.id === previous?.id ? 'lead-reminder' : 'lead-escalation', []);
      informed.push(assignee.name);
      continue;
    }
    const pick = await walkEscalationLadder(deps.prisma, {
      recipient: who === 'assignee' ? 'team_lead' : who, // no assignee at work: the ladder starts one rung up
      dealerId: scope.lead.dealerId,
      locationId: scope.locationId,
      at: now,
      timeZone: scope.calendar.timeZone,
      assigneeId: assignee?.id ?? previous?.id,
      exclude: [...(assignee ? [assignee.id] : []), ...notified],
    });
    skippedAll.push(
      ...pick.skipped.filter((s) => !skippedAll.some((k) => k.staffId === s.staffId && k.why === s.why && k.role === s.role)),
    );
    if (pick.recipient) {
      mail(who, { staffId: pick.recipient.id }, 'lead-escalation', pick.skipped);
      informed.push(pick.recipient.name);
      continue;
    }
    const mailbox = mailboxOf();
    if (mailbox) {
      mail(who, mailbox, 'lead-escalation', pick.skipped);
      informed.push(`Eskalationspostfach ${mailbox.mailbox === 'location' ? `des Standorts ${location.name}` : 'des Autohauses'}`);
    }
  }

  await deps.prisma.callbackTask.updateMany({ where: { leadId: input.leadId, status: 'open' }, data: { escalationLevel: level } });
  const skippedStaff = await deps.prisma.staff.findMany({
    where: { id: { in: skippedAll.map((s) => s.staffId).filter((id): id is string => Boolean(id)) } },
  });
  const skippedText = skippedAll.map((s) => {
    const person = skippedStaff.find((p) => p.id === s.staffId);
    const why = s.why === 'absent' ? 'abwesend' : s.why === 'inactive' ? 'nicht mehr im Haus' : 'am Standort nicht besetzt';
    return person ? `${person.firstName} ${person.lastName} (${ROLE_LABEL[s.role]}, ${why})` : `${ROLE_LABEL[s.role]} ${why}`;
  });
  const nobodyReachable = notified.length === 0;
  const summary = [
    `Eskalationsstufe ${level}: ${reason}`,
    assignee && assignee.id !== previous?.id ? `Lead an ${assignee.name} übergeben` : undefined,
    informed.length > 0
      ? `${level === 1 && informed.length === 1 && assignee?.id === previous?.id ? 'erinnert' : 'informiert'}: ${informed.join(', ')}`
      : undefined,
    skippedText.length > 0 ? `übersprungen: ${skippedText.join(', ')}` : undefined,
    nobodyReachable ? 'niemand erreichbar und kein Eskalationspostfach hinterlegt: Lead zur Klärung markiert' : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  await recordLeadTouchpoint(deps.prisma, scope.lead, {
    key: `escalated:c${input.cycle}:s${input.stepIndex}`,
    kind: 'lead.escalated',
    summary,
    at: now,
    staffId: assignee?.id,
  });
  if (nobodyReachable) await flagLeadForAttention(deps.prisma, input.leadId, 'nobody_reachable', now);
  return { assignee: assigneeRef(assignee), assignmentNo, emails, notified, nobodyReachable };
}
