import type { PrismaClient, StaffRole } from '../../db/generated/client';
import { localDateOf } from '../../time/instant';

/**
 * Who is at work, and who gets a lead: the customer's own salesperson when present, otherwise the
 * present colleague of the role at the location with the fewest open leads, ties broken by who got a
 * lead longest ago (a fair rotation). Absences are whole local days at the location.
 */

export type StaffRef = { id: string; name: string; role: StaffRole };

type Staffish = { id: string; firstName: string; lastName: string; role: StaffRole };
export const staffRef = (s: Staffish): StaffRef => ({ id: s.id, name: `${s.firstName} ${s.lastName}`, role: s.role });

/** An absence's @db.Date bounds hold the local calendar date at UTC midnight. */
function dayOf(at: Date, timeZone: string): Date {
  return new Date(`${localDateOf(at.getTime(), timeZone)}T00:00:00.000Z`);
}

export async function isAtWork(prisma: PrismaClient, staffId: string, at: Date, timeZone: string): Promise<boolean> {
  const staff = await prisma.staff.findUnique({ where: { id: staffId } });
  if (!staff || !staff.active) return false;
  const day = dayOf(at, timeZone);
  const absence = await prisma.staffAbsence.findFirst({ where: { staffId, from: { lte: day }, to: { gte: day } } });
  return absence === null;
}

export type PickQuery = {
  dealerId: string;
  locationId: string | null;
  role: StaffRole;
  at: Date;
  timeZone: string;
  preferredStaffId?: string | null;
  exclude?: string[];
};

export async function pickPresentStaff(prisma: PrismaClient, query: PickQuery): Promise<StaffRef | null> {
  const exclude = query.exclude ?? [];
  if (
    query.preferredStaffId &&
    !exclude.includes(query.preferredStaffId) &&
    (await isAtWork(prisma, query.preferredStaffId, query.at, query.timeZone))
  ) {
    const preferred = await prisma.staff.findUniqueOrThrow({ where: { id: query.preferredStaffId } });
    if (preferred.role === query.role) return staffRef(preferred);
  }
  const day = dayOf(query.at, query.timeZone);
  const candidates = await prisma.staff.findMany({
    where: {
      dealerId: query.dealerId,
      role: query.role,
      active: true,
      id: { notIn: exclude },
      absences: { none: { from: { lte: day }, to: { gte: day } } },
    },
    include: { _count: { select: { assignedLeads: { where: { status: 'new' } } } } },
    orderBy: { createdAt: 'asc' },
  });
  const sameLocation = candidates.filter((s) => s.locationId === query.locationId);
  const pool = sameLocation.length > 0 ? sameLocation : candidates;
  if (pool.length === 0) return null;
  const lastAssigned = await prisma.touchpoint.groupBy({
    by: ['staffId'],
    where: { kind: 'lead.assigned', staffId: { in: pool.map((s) => s.id) } },
    _max: { occurredAt: true },
  });
  const lastOf = (id: string) => lastAssigned.find((r) => r.staffId === id)?._max.occurredAt?.getTime() ?? 0;
  const ranked = [...pool].sort((a, b) => a._count.assignedLeads - b._count.assignedLeads || lastOf(a.id) - lastOf(b.id));
  return staffRef(ranked[0]!);
}

/** What the workflow may hold of a staff member: the id and the role, never the name. */
export type AssigneeRef = { id: string; role: StaffRole };
export const assigneeRef = (s: StaffRef | null): AssigneeRef | null => (s ? { id: s.id, role: s.role } : null);

export type Presence = 'present' | 'absent' | 'inactive';

export async function presenceOf(prisma: PrismaClient, staffId: string, at: Date, timeZone: string): Promise<Presence> {
  const staff = await prisma.staff.findUnique({ where: { id: staffId } });
  if (!staff || !staff.active) return 'inactive';
  return (await isAtWork(prisma, staffId, at, timeZone)) ? 'present' : 'absent';
}

export type LadderPick = {
  recipient: StaffRef | null;
  /** Everyone passed over on the way, in order, with the reason. */
  skipped: Array<{ role: 'team_lead' | 'manager'; staffId?: string; why: 'absent' | 'inactive' | 'none_at_location' }>;
};

/**
 * The person an escalation goes to, walking up until someone is at work:
 * - team lead: the assignee's own team lead, another team lead of the location, then the manager rungs;
 * - manager: the managers up the assignee's reporting line (the manager's manager …), another manager of
 *   the location, then another manager of the dealer.
 * Absent and departed people are passed over and reported; `exclude` (the assignee, people already
 * notified in this step) are never picked. Null recipient: nobody of the dealer is reachable.
 */
export async function walkEscalationLadder(
  prisma: PrismaClient,
  query: {
    recipient: 'team_lead' | 'manager';
    dealerId: string;
    locationId: string | null;
    at: Date;
    timeZone: string;
    assigneeId?: string;
    exclude: string[];
  },
): Promise<LadderPick> {
  const roles: Array<'team_lead' | 'manager'> = query.recipient === 'team_lead' ? ['team_lead', 'manager'] : ['manager'];
  const reportingLine: Array<{ id: string; role: StaffRole; managerId: string | null }> = [];
  let cursor = query.assigneeId ? await prisma.staff.findUnique({ where: { id: query.assigneeId } }) : null;
  for (let hops = 0; cursor?.managerId && hops < 10; hops++) {
    cursor = await prisma.staff.findUnique({ where: { id: cursor.managerId } });
    if (cursor && !reportingLine.some((s) => s.id === cursor!.id)) reportingLine.push(cursor);
  }
  const skipped: LadderPick['skipped'] = [];
  const considered = new Set<string>(query.exclude);
  for (const role of roles) {
    const all = await prisma.staff.findMany({ where: { dealerId: query.dealerId, role }, orderBy: { createdAt: 'asc' } });
    const ordered = [
      ...reportingLine
        .filter((s) => s.role === role)
        .map((s) => all.find((a) => a.id === s.id))
        .filter((s): s is (typeof all)[number] => Boolean(s)),
      ...all.filter((s) => s.locationId === query.locationId),
      ...all.filter((s) => s.locationId !== query.locationId),
    ];
    if (!all.some((s) => s.locationId === query.locationId && s.active)) skipped.push({ role, why: 'none_at_location' });
    for (const candidate of ordered) {
      if (considered.has(candidate.id)) continue;
      considered.add(candidate.id);
      const presence = await presenceOf(prisma, candidate.id, query.at, query.timeZone);
      if (presence === 'present') return { recipient: staffRef(candidate), skipped };
      // Departed colleagues are named only when they are still someone's line manager.
      if (presence === 'absent') skipped.push({ role, staffId: candidate.id, why: 'absent' });
      else if (reportingLine.some((s) => s.id === candidate.id)) skipped.push({ role, staffId: candidate.id, why: 'inactive' });
    }
  }
  return { recipient: null, skipped };
}
