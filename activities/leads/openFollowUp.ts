import { DateTime } from 'luxon';
import { addBusinessDuration, type BusinessCalendar } from '../../time/businessTime';
import { pinPublicHolidays } from '../../time/pinnedHolidays';
import { resolveSlaPolicy, type LeadKind, type SlaPolicy } from '../../leads/slaPolicy';
import { configurationError } from '../shared/failures';
import type { LeadEmailDeps } from './leadEmail';
import { assignLeadTo, callbackTaskOf } from './leadRecords';
import { assignmentEmail, loadLeadScope, type StaffEmail } from './leadScope';
import { assigneeRef, isAtWork, pickPresentStaff, staffRef, type AssigneeRef, type StaffRef } from './staffPicker';

export type LeadContext = {
  leadId: string;
  customerId?: string;
  kind: LeadKind;
  receivedAt: string;
  dueAt: string;
  calendar: BusinessCalendar;
  policy: SlaPolicy;
  assignee: AssigneeRef | null;
  emails: StaffEmail[];
};

/**
 * The start of a lead's follow-up: resolves the dealer's SLA policy, computes the callback due time
 * in the location's business time, assigns the lead (customer's own salesperson if at work, else a
 * fair rotation among present colleagues of the role; service leads to service advisors), opens its
 * CallbackTask and prepares the assignment email. Safe to retry.
 */
export async function openLeadFollowUp(
  deps: LeadEmailDeps,
  input: { leadId: string; policy?: unknown; now: string },
): Promise<LeadContext> {
  const now = new Date(input.now);
  let policy: SlaPolicy;
  try {
    policy = resolveSlaPolicy(input.policy);
  } catch (error) {
    throw configurationError(
      `lead ${input.leadId}`,
      'policy',
      `is not a valid SLA policy: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const scope = await loadLeadScope(deps.prisma, input.leadId);
  const { lead } = scope;
  // Recorded in the workflow's history with this result: its deadlines never depend on a later holiday-data release.
  const calendar = pinPublicHolidays(scope.calendar, DateTime.fromJSDate(lead.receivedAt, { zone: scope.calendar.timeZone }).year);
  const dueAt = addBusinessDuration(lead.receivedAt.toISOString(), policy.callbackSla[lead.kind], calendar);

  let assignee: StaffRef | null = null;
  if (lead.assignedToId && (await isAtWork(deps.prisma, lead.assignedToId, now, calendar.timeZone))) {
    assignee = staffRef(await deps.prisma.staff.findUniqueOrThrow({ where: { id: lead.assignedToId } }));
  } else {
    assignee = await pickPresentStaff(deps.prisma, {
      dealerId: lead.dealerId,
      locationId: scope.locationId,
      role: scope.role,
      at: now,
      timeZone: calendar.timeZone,
      preferredStaffId: scope.role === 'salesperson' ? lead.customer?.assignedSalespersonId : null,
    });
  }
  await callbackTaskOf(deps.prisma, lead.id, { dueAt: new Date(dueAt), assigneeId: assignee?.id, at: now });
  const emails: StaffEmail[] = [];
  if (assignee) {
    await assignLeadTo(deps.prisma, lead, assignee, { key: 'assigned:0', at: now, reason: 'zugewiesen' });
    emails.push(
      assignmentEmail(scope, {
        staffId: assignee.id,
        key: `lead/${lead.id}/a0/assigned/${assignee.id}`,
        linkValidityDays: policy.linkValidityDays,
      }),
    );
  }
  return {
    leadId: lead.id,
    customerId: lead.customerId ?? undefined,
    kind: lead.kind,
    receivedAt: lead.receivedAt.toISOString(),
    dueAt,
    calendar,
    policy,
    assignee: assigneeRef(assignee),
    emails,
  };
}
