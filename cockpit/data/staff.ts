import type { PrismaClient } from '../../db/generated/client';
import { customerName, personName } from './calendar';

const ROUTING_DAYS = 30;
const dayStart = (d: Date) => new Date(`${d.toISOString().slice(0, 10)}T00:00:00.000Z`);

/**
 * Who is absent when (today and ahead), the open leads still on an absent person, and the leads
 * re-routed around an absence: an assignment made while the previous assignee (or, for the first
 * assignment, the customer's own salesperson) was absent that day.
 */
export async function loadStaffOverview(prisma: PrismaClient, dealerId: string, now: Date) {
  const today = dayStart(now);
  const since = new Date(now.getTime() - ROUTING_DAYS * 86_400_000);
  const [staff, absences, assignments] = await Promise.all([
    prisma.staff.findMany({
      where: { dealerId, active: true },
      include: { location: true },
      orderBy: [{ role: 'asc' }, { lastName: 'asc' }],
    }),
    prisma.staffAbsence.findMany({
      where: { staff: { dealerId }, to: { gte: new Date(since.toISOString().slice(0, 10)) } },
      include: { staff: true },
      orderBy: { from: 'asc' },
    }),
    prisma.touchpoint.findMany({
      where: { dealerId, kind: 'lead.assigned', occurredAt: { gte: since }, leadId: { not: null } },
      orderBy: { occurredAt: 'asc' },
      include: { staff: true, lead: { include: { customer: true } } },
    }),
  ]);
  const absentOn = (staffId: string | null | undefined, at: Date) =>
    staffId ? absences.find((a) => a.staffId === staffId && a.from <= dayStart(at) && a.to >= dayStart(at)) : undefined;
  const names = new Map(staff.map((s) => [s.id, `${s.firstName} ${s.lastName}`]));

  const rerouted: Array<{ leadId: string; customer: string | null; at: Date; from: string; to: string; reason: string }> = [];
  const previous = new Map<string, string | null>();
  for (const t of assignments) {
    const leadId = t.leadId!;
    const before = previous.has(leadId) ? previous.get(leadId)! : (t.lead?.customer?.assignedSalespersonId ?? null);
    const absence = before && before !== t.staffId ? absentOn(before, t.occurredAt) : undefined;
    if (absence)
      rerouted.push({
        leadId,
        customer: t.lead?.customer ? customerName(t.lead.customer) : null,
        at: t.occurredAt,
        from: names.get(before!) ?? '?',
        to: personName(t.staff) ?? '–',
        reason: absence.reason,
      });
    previous.set(leadId, t.staffId);
  }

  const absentNow = absences.filter((a) => a.from <= today && a.to >= today).map((a) => a.staffId);
  const stuck = absentNow.length
    ? await prisma.lead.findMany({
        where: { dealerId, assignedToId: { in: absentNow }, status: 'new' },
        include: { customer: true, assignedTo: true },
      })
    : [];

  return {
    staff: staff.map((s) => ({
      id: s.id,
      name: `${s.firstName} ${s.lastName}`,
      role: s.role,
      location: s.location?.name ?? null,
      absentToday: absentNow.includes(s.id),
    })),
    absences: absences
      .filter((a) => a.to >= today)
      .map((a) => ({
        who: `${a.staff.firstName} ${a.staff.lastName}`,
        role: a.staff.role,
        from: a.from,
        to: a.to,
        reason: a.reason,
        note: a.note,
        now: a.from <= today,
      })),
    rerouted: rerouted.reverse(),
    stuck: stuck.map((l) => ({ leadId: l.id, customer: l.customer ? customerName(l.customer) : null, assignee: personName(l.assignedTo) })),
  };
}
