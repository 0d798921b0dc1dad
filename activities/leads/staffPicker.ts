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
  if (query.preferredStaffId && !exclude.includes(query.preferredStaffId) && (await isAtWork(prisma, query.preferredStaffId, query.at, query.timeZone))) {
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

/**
 * The person an escalation goes to: the assignee's own lead when that is a present team lead, else a
 * present team lead of the location; a manager likewise. Nobody of the role present → the next role up.
 */
export async function pickEscalationRecipient(
  prisma: PrismaClient,
  query: Omit<PickQuery, 'role' | 'preferredStaffId'> & { recipient: 'team_lead' | 'manager'; assigneeId?: string },
): Promise<StaffRef | null> {
  const chain: StaffRole[] = query.recipient === 'team_lead' ? ['team_lead', 'manager'] : ['manager'];
  const assignee = query.assigneeId ? await prisma.staff.findUnique({ where: { id: query.assigneeId } }) : null;
  for (const role of chain) {
    const preferredStaffId = role === 'team_lead' ? assignee?.managerId : null;
    const picked = await pickPresentStaff(prisma, { ...query, role, preferredStaffId });
    if (picked) return picked;
  }
  return null;
}
