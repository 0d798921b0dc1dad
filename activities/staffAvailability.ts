import type { StaffRole } from '../campaigns/dsl/steps';
import type { PrismaClient } from '../db/generated/client';

/** Is the staff member at work on `at`'s date (active, not inside an absence)? */
export async function isAvailable(prisma: PrismaClient, staffId: string, at: Date): Promise<boolean> {
  const staff = await prisma.staff.findUnique({ where: { id: staffId } });
  if (!staff || !staff.active) return false;
  const day = new Date(at.toISOString().slice(0, 10));
  const absence = await prisma.staffAbsence.findFirst({ where: { staffId, from: { lte: day }, to: { gte: day } } });
  return absence === null;
}

/**
 * The preferred person when present, otherwise the present colleague of the role at the location
 * who has the fewest open tasks (a fair rotation), then anyone of the role at the dealer.
 */
export async function pickAvailableStaff(
  prisma: PrismaClient,
  query: { dealerId: string; locationId: string | null; role: StaffRole; preferredStaffId?: string | null; at: Date; exclude?: string[] },
) {
  if (query.preferredStaffId && !query.exclude?.includes(query.preferredStaffId) && (await isAvailable(prisma, query.preferredStaffId, query.at))) {
    return prisma.staff.findUnique({ where: { id: query.preferredStaffId } });
  }
  const day = new Date(query.at.toISOString().slice(0, 10));
  const candidates = await prisma.staff.findMany({
    where: {
      dealerId: query.dealerId,
      role: query.role,
      active: true,
      id: { notIn: query.exclude ?? [] },
      absences: { none: { from: { lte: day }, to: { gte: day } } },
    },
    include: { _count: { select: { tasks: { where: { doneAt: null } }, assignedLeads: { where: { status: 'new' } } } } },
    orderBy: { createdAt: 'asc' },
  });
  const load = (s: (typeof candidates)[number]) => s._count.tasks + s._count.assignedLeads;
  const sameLocation = candidates.filter((s) => s.locationId === query.locationId);
  const pool = sameLocation.length > 0 ? sameLocation : candidates;
  return pool.sort((a, b) => load(a) - load(b))[0] ?? null;
}
