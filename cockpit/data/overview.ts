import { Prisma, type CockpitUser, type PrismaClient } from '../../db/generated/client';
import { visibleLeads } from '../access';
import { customerName, dayOf, personName, weekOf } from './calendar';
import { slaByLocation, type SlaRow } from './leadSla';

export type OverviewLead = {
  id: string;
  customer: string | null;
  kind: string;
  location: string | null;
  assignee: string | null;
  dueAt: Date | null;
  overdue: boolean;
};

export type OverviewData = {
  openLeads: number;
  dueToday: number;
  overdue: OverviewLead[];
  today: OverviewLead[];
  sla: { thisWeek: SlaRow[]; lastWeek: SlaRow[] };
  escalations: Array<{ level: number; open: number; total: number }>;
  messagesThisWeek: Array<{ campaignId: string | null; sent: number }>;
  complaints: Array<{ reason: string; thisWeek: number; lastWeek: number }>;
  workload: Array<{ role: string; thisWeek: number; nextWeek: number }>;
};

const OPEN = ['new', 'contacted', 'qualified'] as const;

export async function loadOverview(prisma: PrismaClient, user: CockpitUser, now: Date, timeZone: string): Promise<OverviewData> {
  const leadWhere = visibleLeads(user);
  const thisWeek = weekOf(now, timeZone);
  const lastWeek = weekOf(now, timeZone, -1);
  const nextWeek = weekOf(now, timeZone, 1);
  const today = dayOf(now, timeZone);
  const dealerId = user.dealerId;

  const [open, slaThis, slaLast, escalationRows, sentRows, suppressionRows, objections, tasks, callbacks] = await Promise.all([
    prisma.lead.findMany({
      where: { ...leadWhere, status: { in: [...OPEN] } },
      include: {
        customer: true,
        location: true,
        assignedTo: true,
        callbackTasks: { where: { status: 'open' }, orderBy: { dueAt: 'asc' }, take: 1, include: { assignee: true } },
      },
      orderBy: { receivedAt: 'asc' },
    }),
    slaByLocation(prisma, leadWhere as { dealerId: string }, thisWeek, now),
    slaByLocation(prisma, leadWhere as { dealerId: string }, lastWeek, now),
    prisma.callbackTask.groupBy({
      by: ['escalationLevel', 'status'],
      where: { lead: leadWhere, escalationLevel: { gt: 0 }, updatedAt: { gte: thisWeek.from } },
      _count: { _all: true },
    }),
    prisma.message.groupBy({
      by: ['campaignId'],
      where: { dealerId, status: 'sent', category: { not: 'staff' }, sentAt: { gte: thisWeek.from, lt: thisWeek.to } },
      _count: { _all: true },
    }),
    prisma.$queryRaw<Array<{ reason: string; week: string; n: bigint }>>(Prisma.sql`
      SELECT s.reason::text AS reason, CASE WHEN s."createdAt" >= ${thisWeek.from} THEN 'this' ELSE 'last' END AS week, COUNT(DISTINCT s.id) AS n
      FROM suppressions s JOIN customers c ON lower(c.email) = s.email AND c."dealerId" = ${dealerId}::uuid
      WHERE s.reason IN ('complaint', 'unsubscribe') AND s."createdAt" >= ${lastWeek.from} AND s."createdAt" < ${thisWeek.to}
      GROUP BY 1, 2`),
    Promise.all([
      prisma.customer.count({ where: { dealerId, objectedAt: { gte: thisWeek.from, lt: thisWeek.to } } }),
      prisma.customer.count({ where: { dealerId, objectedAt: { gte: lastWeek.from, lt: lastWeek.to } } }),
    ]),
    prisma.staffTask.findMany({
      where: { dealerId, doneAt: null, dueAt: { gte: thisWeek.from, lt: nextWeek.to } },
      select: { role: true, dueAt: true, assignee: { select: { role: true } } },
    }),
    prisma.callbackTask.findMany({
      where: { status: 'open', lead: leadWhere, dueAt: { lt: nextWeek.to } },
      select: { dueAt: true, assignee: { select: { role: true } } },
    }),
  ]);

  const toLead = (lead: (typeof open)[number]): OverviewLead => {
    const callback = lead.callbackTasks[0];
    return {
      id: lead.id,
      customer: lead.customer ? customerName(lead.customer) : null,
      kind: lead.kind,
      location: lead.location?.name ?? null,
      assignee: personName(callback?.assignee ?? lead.assignedTo),
      dueAt: callback?.dueAt ?? null,
      overdue: Boolean(callback && callback.dueAt < now),
    };
  };
  const leads = open.map(toLead);

  const levels = new Map<number, { level: number; open: number; total: number }>();
  for (const row of escalationRows) {
    const entry = levels.get(row.escalationLevel) ?? { level: row.escalationLevel, open: 0, total: 0 };
    entry.total += row._count._all;
    if (row.status === 'open') entry.open += row._count._all;
    levels.set(row.escalationLevel, entry);
  }

  const complaints = ['complaint', 'unsubscribe'].map((reason) => ({
    reason,
    thisWeek: Number(suppressionRows.find((r) => r.reason === reason && r.week === 'this')?.n ?? 0),
    lastWeek: Number(suppressionRows.find((r) => r.reason === reason && r.week === 'last')?.n ?? 0),
  }));
  complaints.push({ reason: 'objection', thisWeek: objections[0], lastWeek: objections[1] });

  const workload = new Map<string, { role: string; thisWeek: number; nextWeek: number }>();
  const count = (role: string | null | undefined, dueAt: Date | null) => {
    const key = role ?? 'salesperson';
    const entry = workload.get(key) ?? { role: key, thisWeek: 0, nextWeek: 0 };
    if (dueAt && dueAt >= nextWeek.from) entry.nextWeek += 1;
    else entry.thisWeek += 1; // due this week, or already overdue
    workload.set(key, entry);
  };
  for (const t of tasks) count(t.role ?? t.assignee?.role, t.dueAt);
  for (const c of callbacks) count(c.assignee?.role, c.dueAt);

  return {
    openLeads: leads.length,
    dueToday: leads.filter((l) => l.dueAt && l.dueAt >= today.from && l.dueAt < today.to).length,
    overdue: leads.filter((l) => l.overdue),
    today: leads.filter((l) => !l.overdue && l.dueAt && l.dueAt < today.to),
    sla: { thisWeek: slaThis, lastWeek: slaLast },
    escalations: [...levels.values()].sort((a, b) => a.level - b.level),
    messagesThisWeek: sentRows.map((r) => ({ campaignId: r.campaignId, sent: r._count._all })).sort((a, b) => b.sent - a.sent),
    complaints,
    workload: ['salesperson', 'service_advisor', 'team_lead', 'manager'].map(
      (role) => workload.get(role) ?? { role, thisWeek: 0, nextWeek: 0 },
    ),
  };
}
