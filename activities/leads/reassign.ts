import type { LeadEmailDeps } from './leadEmail';
import { assignLeadTo, recordLeadTouchpoint } from './leadRecords';
import { assignmentEmail, loadLeadScope, type StaffEmail } from './leadScope';
import { assigneeRef, isAtWork, pickPresentStaff, staffRef, type AssigneeRef, type StaffRef } from './staffPicker';

export type Reassignment = { assignee: StaffRef; emails: StaffEmail[] } | null;

type ReassignInput = {
  leadId: string;
  /** The current assignee (none: the lead waits for anyone of the role). */
  fromStaffId?: string;
  /** Counts assignments in the workflow, so keys of emails and touchpoints are fixed per assignment. */
  assignmentNo: number;
  now: string;
  linkValidityDays: number;
};

/** Hands the lead to a present colleague of the role (not the current assignee); null when nobody is at work. */
export async function reassignToColleague(deps: LeadEmailDeps, input: ReassignInput & { reason: string }): Promise<Reassignment> {
  const now = new Date(input.now);
  const scope = await loadLeadScope(deps.prisma, input.leadId);
  const next = await pickPresentStaff(deps.prisma, {
    dealerId: scope.lead.dealerId,
    locationId: scope.locationId,
    role: scope.role,
    at: now,
    timeZone: scope.calendar.timeZone,
    exclude: input.fromStaffId ? [input.fromStaffId] : [],
  });
  if (!next) return null;
  await assignLeadTo(deps.prisma, scope.lead, next, { key: `assigned:${input.assignmentNo}`, at: now, reason: input.reason });
  const email = assignmentEmail(scope, {
    staffId: next.id,
    key: `lead/${scope.lead.id}/a${input.assignmentNo}/assigned/${next.id}`,
    linkValidityDays: input.linkValidityDays,
  });
  return { assignee: next, emails: [email] };
}

/** When the assignee is absent (vacation, sick …) or gone, the lead moves to a present colleague at once. */
export async function ensureAssigneePresent(deps: LeadEmailDeps, input: ReassignInput): Promise<Reassignment> {
  const scope = await loadLeadScope(deps.prisma, input.leadId);
  if (input.fromStaffId && (await isAtWork(deps.prisma, input.fromStaffId, new Date(input.now), scope.calendar.timeZone))) return null;
  const from = input.fromStaffId ? await deps.prisma.staff.findUnique({ where: { id: input.fromStaffId } }) : null;
  const reason = from ? `umverteilt, weil ${from.firstName} ${from.lastName} abwesend ist` : 'zugewiesen';
  return reassignToColleague(deps, { ...input, reason });
}

/** What the workflow gets back from the reassignment activities: ids only. */
export async function ensureAssigneePresentIds(
  deps: LeadEmailDeps,
  input: ReassignInput,
): Promise<{ assignee: AssigneeRef; emails: StaffEmail[] } | null> {
  const moved = await ensureAssigneePresent(deps, input);
  return moved ? { assignee: assigneeRef(moved.assignee)!, emails: moved.emails } : null;
}

export async function takeOverLeadIds(
  deps: LeadEmailDeps,
  input: { leadId: string; staffId: string; requestId: string; now: string },
): Promise<AssigneeRef | null> {
  return assigneeRef(await takeOverLead(deps, input));
}

/** A colleague takes the lead over through the signed link, the API or the CLI. Null when they may not. */
export async function takeOverLead(
  deps: LeadEmailDeps,
  input: { leadId: string; staffId: string; requestId: string; now: string },
): Promise<StaffRef | null> {
  const scope = await loadLeadScope(deps.prisma, input.leadId);
  const staff = await deps.prisma.staff.findUnique({ where: { id: input.staffId } });
  if (!staff || !staff.active || staff.dealerId !== scope.lead.dealerId) return null;
  const taker = staffRef(staff);
  const at = new Date(input.now);
  await assignLeadTo(deps.prisma, scope.lead, taker, { key: `takeover:${input.requestId}:assigned`, at, reason: 'übernommen' });
  await recordLeadTouchpoint(deps.prisma, scope.lead, {
    key: `takeover:${input.requestId}`,
    kind: 'lead.taken_over',
    summary: `${taker.name} hat den Lead übernommen`,
    at,
    staffId: taker.id,
  });
  return taker;
}
