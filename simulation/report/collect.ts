import type { Client } from '@temporalio/client';
import { DateTime } from 'luxon';
import type { CampaignDefinition } from '../../campaigns/dsl/campaign';
import type { PrismaClient } from '../../db/generated/client';
import { lifecycleWorkflowId } from '../../workflows/customerLifecycle/contract';
import type { CustomerModel } from '../customerModel';
import type { Deferral } from '../deliveryObserver';
import type { SimulationOptions } from '../options';
import { monthLabel, type SimulatedWeek } from '../timeline';
import { checkCompliance, type ComplianceCheck } from './compliance';

/** What one run did, as plain figures (the report's JSON; the HTML draws the same numbers). */
export type RunFigures = {
  startInstant: string;
  customers: number;
  weeks: string[];
  /** Sent customer messages per campaign (or newsletter) and week. */
  messagesPerWeek: Record<string, number[]>;
  deferralsPerWeek: { outside_sending_window: Record<string, number[]>; frequency_cap: Record<string, number[]> };
  skippedByReason: Record<string, number>;
  heavyRecipients: { threshold: number; months: Array<{ month: string; customers: string[] }> };
  /** Tasks created per location, role and week: service-advisor and salesperson tasks from campaigns, callback tasks from leads. */
  workload: Array<{ location: string; role: string; kind: 'task' | 'callback'; perWeek: number[] }>;
  escalationsPerWeek: Record<string, number[]>;
  leads: { total: number; contactedWithinSla: number };
  campaigns: Array<{
    campaignId: string;
    name: string;
    entered: number;
    heldOut: number;
    exitedByGoal: number;
    ranThrough: number;
    endedOtherwise: number;
    stillRunning: number;
    sent: number;
  }>;
  compliance: ComplianceCheck;
  reactions: Record<string, number>;
  /** Every customer message, for the diff between two runs: [customerId, templateId, local date]. */
  sentMessages: Array<[string, string, string]>;
  history: { sampledCustomers: number; eventsPerCustomerYear: number; longestHistoryEvents: number };
};

export type CollectInput = {
  prisma: PrismaClient;
  client: Client;
  deferrals: Deferral[];
  reactions: CustomerModel['reactions'];
  weeks: SimulatedWeek[];
  options: SimulationOptions;
  catalogue: Map<string, CampaignDefinition>;
};

export async function collectFigures(input: CollectInput): Promise<RunFigures> {
  const { prisma, weeks, options } = input;
  const zone = options.timeZone;
  const begin = weeks[0].from.toJSDate();
  const end = weeks[weeks.length - 1].to.toJSDate();
  const weekOf = (at: Date | string) => {
    const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
    let lo = 0;
    let hi = weeks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (weeks[mid].from.toMillis() <= ms) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const series = () => new Array<number>(weeks.length).fill(0);
  const bump = (table: Record<string, number[]>, key: string, at: Date | string) => ((table[key] ??= series())[weekOf(at)] += 1);

  const messages = await prisma.message.findMany({
    where: { customerId: { not: null }, queuedAt: { gte: begin, lt: end } },
    select: {
      id: true,
      customerId: true,
      templateId: true,
      campaignId: true,
      newsletterRunId: true,
      category: true,
      status: true,
      skipReason: true,
      sentAt: true,
    },
    orderBy: [{ customerId: 'asc' }, { sentAt: 'asc' }, { templateId: 'asc' }],
  });
  const messagesPerWeek: Record<string, number[]> = {};
  const skippedByReason: Record<string, number> = {};
  const perMonth = new Map<string, Map<string, number>>();
  const sentMessages: RunFigures['sentMessages'] = [];
  for (const m of messages) {
    const campaign = m.campaignId ?? (m.newsletterRunId ? `newsletter:${m.templateId}` : m.templateId);
    if (m.status === 'skipped') skippedByReason[m.skipReason ?? 'unknown'] = (skippedByReason[m.skipReason ?? 'unknown'] ?? 0) + 1;
    if (m.status !== 'sent' || !m.sentAt) continue;
    bump(messagesPerWeek, campaign, m.sentAt);
    const local = DateTime.fromJSDate(m.sentAt, { zone });
    sentMessages.push([m.customerId!, m.templateId, local.toISODate()!]);
    const month = perMonth.get(monthLabel(local)) ?? new Map<string, number>();
    month.set(m.customerId!, (month.get(m.customerId!) ?? 0) + 1);
    perMonth.set(monthLabel(local), month);
  }
  const heavyRecipients = {
    threshold: options.heavyRecipientThreshold,
    months: [...perMonth.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([month, counts]) => ({
        month,
        customers: [...counts.entries()]
          .filter(([, n]) => n > options.heavyRecipientThreshold)
          .map(([id]) => id)
          .sort(),
      })),
  };

  const deferralsPerWeek: RunFigures['deferralsPerWeek'] = { outside_sending_window: {}, frequency_cap: {} };
  for (const d of input.deferrals) bump(deferralsPerWeek[d.reason], d.campaignId, d.at);

  const locations = new Map((await prisma.location.findMany({ select: { id: true, name: true } })).map((l) => [l.id, l.name]));
  const locationOf = (id: string | null | undefined) => (id ? (locations.get(id) ?? 'unknown') : 'no location');
  const workloadTable = new Map<string, { location: string; role: string; kind: 'task' | 'callback'; perWeek: number[] }>();
  const addWork = (location: string, role: string, kind: 'task' | 'callback', at: Date) => {
    const key = `${location}/${role}/${kind}`;
    const row = workloadTable.get(key) ?? { location, role, kind, perWeek: series() };
    row.perWeek[weekOf(at)] += 1;
    workloadTable.set(key, row);
  };
  const tasks = await prisma.staffTask.findMany({
    where: { createdAt: { gte: begin, lt: end } },
    select: {
      role: true,
      createdAt: true,
      assignee: { select: { locationId: true, role: true } },
      customer: { select: { locationId: true } },
    },
  });
  for (const t of tasks)
    addWork(locationOf(t.assignee?.locationId ?? t.customer?.locationId), t.role ?? t.assignee?.role ?? 'unassigned', 'task', t.createdAt);
  const callbackTasks = await prisma.callbackTask.findMany({
    where: { createdAt: { gte: begin, lt: end } },
    select: { createdAt: true, assignee: { select: { locationId: true, role: true } }, lead: { select: { locationId: true } } },
  });
  for (const c of callbackTasks)
    addWork(locationOf(c.lead.locationId ?? c.assignee?.locationId), c.assignee?.role ?? 'salesperson', 'callback', c.createdAt);
  const workload = [...workloadTable.values()].sort((a, b) =>
    `${a.location}/${a.role}/${a.kind}`.localeCompare(`${b.location}/${b.role}/${b.kind}`),
  );

  const escalationsPerWeek: Record<string, number[]> = {};
  const escalations = await prisma.message.findMany({
    where: { templateId: 'lead-escalation', queuedAt: { gte: begin, lt: end } },
    select: { queuedAt: true, staff: { select: { locationId: true } } },
  });
  for (const e of escalations) bump(escalationsPerWeek, locationOf(e.staff?.locationId), e.queuedAt);

  const leadRows = await prisma.lead.findMany({
    where: { receivedAt: { gte: begin, lt: end } },
    select: { id: true, callbackTasks: { select: { dueAt: true, completedAt: true } } },
  });
  const leads = {
    total: leadRows.length,
    contactedWithinSla: leadRows.filter((l) => l.callbackTasks.some((c) => c.completedAt && c.completedAt <= c.dueAt)).length,
  };

  const enrollments = await prisma.campaignEnrollment.groupBy({
    by: ['campaignId', 'status', 'holdout', 'exitReason'],
    where: { enteredAt: { gte: begin, lt: end } },
    _count: { _all: true },
  });
  const sentPerCampaign = new Map<string, number>();
  for (const [key, perWeek] of Object.entries(messagesPerWeek))
    sentPerCampaign.set(
      key,
      perWeek.reduce((a, b) => a + b, 0),
    );
  const campaignIds = [...new Set([...input.catalogue.keys(), ...enrollments.map((e) => e.campaignId)])].sort();
  const campaigns = campaignIds.map((campaignId) => {
    const rows = enrollments.filter((e) => e.campaignId === campaignId);
    const count = (pick: (e: (typeof rows)[number]) => boolean) => rows.filter(pick).reduce((n, e) => n + e._count._all, 0);
    return {
      campaignId,
      name: input.catalogue.get(campaignId)?.name ?? campaignId,
      entered: count(() => true),
      heldOut: count((e) => e.holdout),
      exitedByGoal: count((e) => !e.holdout && e.status === 'exited' && (e.exitReason ?? '').startsWith('goal reached')),
      ranThrough: count((e) => !e.holdout && e.status === 'completed'),
      endedOtherwise: count((e) => !e.holdout && e.status === 'exited' && !(e.exitReason ?? '').startsWith('goal reached')),
      stillRunning: count((e) => e.status === 'active'),
      sent: sentPerCampaign.get(campaignId) ?? 0,
    };
  });

  const reactions: Record<string, number> = {};
  for (const r of input.reactions) reactions[r.type] = (reactions[r.type] ?? 0) + 1;

  return {
    startInstant: weeks[0].from.toUTC().toISO()!,
    customers: await prisma.customer.count(),
    weeks: weeks.map((w) => w.label),
    messagesPerWeek,
    deferralsPerWeek,
    skippedByReason,
    heavyRecipients,
    workload,
    escalationsPerWeek,
    leads,
    campaigns,
    compliance: await checkCompliance(prisma, { begin, end, catalogue: input.catalogue, objections: objectionsOf(input.reactions) }),
    reactions,
    // By customer, day and template: sends of one customer within the same seconds may reach the outbox in either order.
    sentMessages: sentMessages.sort(([c1, t1, d1], [c2, t2, d2]) => compareText(c1, c2) || compareText(d1, d2) || compareText(t1, t2)),
    history: await sampleHistories(input, weeks.length / 52.18),
  };
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function objectionsOf(reactions: CustomerModel['reactions']): Map<string, Date> {
  const at = new Map<string, Date>();
  for (const r of reactions) if (r.type === 'objection' && !at.has(r.customerId)) at.set(r.customerId, new Date(r.at));
  return at;
}

/** History events per customer-year and the longest history, from a sample of lifecycles and their enrollments. */
async function sampleHistories(input: CollectInput, years: number): Promise<RunFigures['history']> {
  const sample = await input.prisma.customer.findMany({
    select: { id: true, campaignEnrollments: { select: { workflowId: true } } },
    orderBy: { id: 'asc' },
    take: 20,
  });
  let events = 0;
  let longest = 0;
  for (const customer of sample) {
    const ids = [
      lifecycleWorkflowId(customer.id),
      ...customer.campaignEnrollments.map((e) => e.workflowId).filter((w): w is string => Boolean(w)),
    ];
    for (const workflowId of ids) {
      const history = await input.client.workflow
        .getHandle(workflowId)
        .fetchHistory()
        .catch(() => undefined);
      const n = history?.events?.length ?? 0;
      events += n;
      longest = Math.max(longest, n);
    }
  }
  return {
    sampledCustomers: sample.length,
    eventsPerCustomerYear: sample.length ? Math.round(events / sample.length / Math.max(years, 1 / 52)) : 0,
    longestHistoryEvents: longest,
  };
}
