import type { CockpitUser, LeadStatus, Prisma, PrismaClient } from '../../db/generated/client';
import { visibleLeads } from '../access';
import { customerName, personName } from './calendar';

export type LeadFilter = { locationId?: string; status?: LeadStatus; assigneeId?: string; overdue?: boolean };

export type LeadListRow = {
  id: string;
  receivedAt: Date;
  kind: string;
  source: string;
  status: string;
  customer: string | null;
  vehicleOfInterest: string | null;
  location: string | null;
  assignee: string | null;
  dueAt: Date | null;
  overdue: boolean;
  escalationLevel: number;
};

export type LeadListData = {
  rows: LeadListRow[];
  locations: Array<{ id: string; name: string }>;
  assignees: Array<{ id: string; name: string }>;
};

/** The leads a user may see, filtered; open callbacks first by due time, then the rest newest first. */
export async function loadLeadList(prisma: PrismaClient, user: CockpitUser, filter: LeadFilter, now: Date): Promise<LeadListData> {
  const scope = visibleLeads(user);
  const where: Prisma.LeadWhereInput = {
    AND: [
      scope,
      filter.locationId ? { locationId: filter.locationId } : {},
      filter.status ? { status: filter.status } : {},
      filter.assigneeId ? { assignedToId: filter.assigneeId } : {},
      filter.overdue ? { callbackTasks: { some: { status: 'open', dueAt: { lt: now } } } } : {},
    ],
  };
  const [leads, locations, staff] = await Promise.all([
    prisma.lead.findMany({
      where,
      include: {
        customer: true,
        location: true,
        assignedTo: true,
        callbackTasks: { where: { status: 'open' }, orderBy: { dueAt: 'asc' }, take: 1 },
      },
      orderBy: { receivedAt: 'desc' },
      take: 300,
    }),
    prisma.location.findMany({
      where: { dealerId: user.dealerId, ...(user.role === 'team_lead' ? { id: { in: user.locationIds } } : {}) },
      orderBy: { name: 'asc' },
    }),
    prisma.staff.findMany({
      where: { dealerId: user.dealerId, active: true, role: { in: ['salesperson', 'team_lead', 'service_advisor', 'manager'] } },
      orderBy: [{ lastName: 'asc' }],
    }),
  ]);
  const rows = leads.map((lead): LeadListRow => {
    const callback = lead.callbackTasks[0];
    return {
      id: lead.id,
      receivedAt: lead.receivedAt,
      kind: lead.kind,
      source: lead.source,
      status: lead.status,
      customer: lead.customer ? customerName(lead.customer) : null,
      vehicleOfInterest: lead.vehicleOfInterest,
      location: lead.location?.name ?? null,
      assignee: personName(lead.assignedTo),
      dueAt: callback?.dueAt ?? null,
      overdue: Boolean(callback && callback.dueAt < now),
      escalationLevel: callback?.escalationLevel ?? 0,
    };
  });
  rows.sort(
    (a, b) =>
      (a.dueAt ? a.dueAt.getTime() : Infinity) - (b.dueAt ? b.dueAt.getTime() : Infinity) ||
      b.receivedAt.getTime() - a.receivedAt.getTime(),
  );
  return {
    rows,
    locations: locations.map((l) => ({ id: l.id, name: l.name })),
    assignees: staff.map((s) => ({ id: s.id, name: `${s.firstName} ${s.lastName}` })),
  };
}
