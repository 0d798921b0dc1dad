import type { EscalationStep } from '../../leads/slaPolicy';
import { formatDateTime } from '../../templates/formatting';
import { leadEmailVariables, type LeadEmailDeps } from './leadEmail';
import { recordLeadTouchpoint } from './leadRecords';
import { loadLeadScope, type StaffEmail } from './leadScope';
import { ensureAssigneePresent, reassignToColleague } from './reassign';
import { pickEscalationRecipient, staffRef, type StaffRef } from './staffPicker';

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

export type EscalationStepResult = { assignee: StaffRef | null; assignmentNo: number; emails: StaffEmail[]; notified: string[] };

/**
 * One rung of the ladder: absent assignees are replaced first, the lead is re-assigned if the step
 * says so, then the assignee, team lead or manager (whoever is at work) get the escalation email.
 * Recorded as a 'lead.escalated' touchpoint and as the callback task's escalation level.
 */
export async function runEscalationStep(deps: LeadEmailDeps, input: EscalationStepInput): Promise<EscalationStepResult> {
  const now = new Date(input.now);
  const scope = await loadLeadScope(deps.prisma, input.leadId);
  const level = input.stepIndex + 1;
  const emails: StaffEmail[] = [];
  let assignmentNo = input.assignmentNo;
  const previous = input.assigneeId ? staffRef(await deps.prisma.staff.findUniqueOrThrow({ where: { id: input.assigneeId } })) : null;
  let assignee = previous;

  const common = { leadId: input.leadId, now: input.now, linkValidityDays: input.linkValidityDays };
  const absent = await ensureAssigneePresent(deps, { ...common, fromStaffId: assignee?.id, assignmentNo: assignmentNo + 1 });
  if (absent) {
    assignmentNo += 1;
    assignee = absent.assignee;
    emails.push(...absent.emails);
  }
  if (input.step.reassign && !absent) {
    const moved = await reassignToColleague(deps, { ...common, fromStaffId: assignee?.id, assignmentNo: assignmentNo + 1, reason: `eskaliert (Stufe ${level})` });
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
  const notified: string[] = [];
  for (const who of input.step.notify) {
    const recipient =
      who === 'assignee'
        ? assignee
        : await pickEscalationRecipient(deps.prisma, {
            recipient: who,
            dealerId: scope.lead.dealerId,
            locationId: scope.locationId,
            at: now,
            timeZone: scope.calendar.timeZone,
            assigneeId: assignee?.id,
          });
    if (!recipient || notified.includes(recipient.id)) continue;
    notified.push(recipient.id);
    const variables = await leadEmailVariables(deps, { leadId: input.leadId, recipientStaffId: recipient.id, now, linkValidityDays: input.linkValidityDays });
    emails.push({
      idempotencyKey: `lead/${input.leadId}/c${input.cycle}/s${input.stepIndex}/${who}/${recipient.id}`,
      staffId: recipient.id,
      templateId: 'lead-escalation',
      variables: { ...variables, escalation: { level, escalatedFrom: previous?.name ?? 'Rückruf-Frist', reason } },
      customerId: scope.lead.customerId ?? undefined,
    });
  }

  await deps.prisma.callbackTask.updateMany({ where: { leadId: input.leadId, status: 'open' }, data: { escalationLevel: level } });
  const names = await deps.prisma.staff.findMany({ where: { id: { in: notified } } });
  const summary = [
    `Eskalationsstufe ${level}: ${reason}`,
    assignee && assignee.id !== previous?.id ? `Lead an ${assignee.name} übergeben` : undefined,
    names.length > 0 ? `informiert: ${names.map((s) => `${s.firstName} ${s.lastName}`).join(', ')}` : 'niemand anwesend',
  ].filter(Boolean).join(' · ');
  await recordLeadTouchpoint(deps.prisma, scope.lead, { key: `escalated:c${input.cycle}:s${input.stepIndex}`, kind: 'lead.escalated', summary, at: now, staffId: assignee?.id });
  return { assignee, assignmentNo, emails, notified };
}
