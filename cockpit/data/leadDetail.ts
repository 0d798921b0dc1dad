import type { PrismaClient } from '../../db/generated/client';
import { DEFAULT_SLA_POLICY, type EscalationStep } from '../../leads/slaPolicy';
import { businessMinutesBetween } from '../../time/businessTime';
import { CockpitError, mayOpenLead } from '../access';
import type { CockpitRequestContext } from '../context';
import { calendarOf, customerName, personName } from './calendar';
import { slaDueAt } from './leadSla';

/** Touchpoint kinds that make up a lead's follow-up trail (intake, assignments, escalations, outcomes). */
const TRAIL_KINDS = ['lead.received', 'lead.assigned', 'lead.escalated', 'lead.taken_over', 'callback.outcome', 'lead.unreachable'];

export type LeadDetail = Awaited<ReturnType<typeof loadLeadDetail>>;

/** Everything the lead page shows; 404 for another dealer's lead, 403 for a team lead of another location. */
export async function loadLeadDetail(prisma: PrismaClient, ctx: CockpitRequestContext, leadId: string) {
  const lead = await prisma.lead.findUnique({
    where: { id: leadId },
    include: {
      location: true,
      customer: true,
      assignedTo: true,
      callbackTasks: { orderBy: { createdAt: 'asc' }, include: { assignee: true } },
    },
  });
  if (!lead || lead.dealerId !== ctx.user.dealerId) throw new CockpitError(404, `lead ${leadId}`);
  if (!mayOpenLead(ctx.user, lead)) throw new CockpitError(403, ctx.tr.t('error.forbiddenLead'));

  const [trail, staffMails, history, colleagues, absences] = await Promise.all([
    prisma.touchpoint.findMany({ where: { leadId, kind: { in: TRAIL_KINDS } }, orderBy: { occurredAt: 'asc' }, include: { staff: true } }),
    prisma.message.findMany({
      where: { idempotencyKey: { startsWith: `lead/${leadId}/` } },
      orderBy: { queuedAt: 'asc' },
      include: { staff: true },
    }),
    lead.customerId
      ? prisma.touchpoint.findMany({
          where: { customerId: lead.customerId },
          orderBy: { occurredAt: 'desc' },
          take: 15,
          include: { staff: true },
        })
      : Promise.resolve([]),
    prisma.staff.findMany({
      where: {
        dealerId: lead.dealerId,
        active: true,
        role: { in: ['salesperson', 'team_lead', 'service_advisor'] },
        ...(lead.locationId ? { OR: [{ locationId: lead.locationId }, { locationId: null }] } : {}),
      },
      orderBy: { lastName: 'asc' },
    }),
    prisma.staffAbsence.findMany({
      where: {
        staff: { dealerId: lead.dealerId, ...(lead.locationId ? { locationId: lead.locationId } : {}) },
        to: { gte: new Date(lead.receivedAt.toISOString().slice(0, 10)) },
      },
      include: { staff: true },
      orderBy: { from: 'asc' },
    }),
  ]);

  const callback = lead.callbackTasks.find((t) => t.status === 'open') ?? lead.callbackTasks.at(-1);
  const calendar = lead.location ? calendarOf(lead.location) : undefined;
  const slaDue = lead.location ? slaDueAt(lead, lead.location) : undefined;
  const clock = (() => {
    if (!callback || callback.status !== 'open' || !calendar) return undefined;
    const overdue = callback.dueAt < ctx.now;
    let minutes: number;
    try {
      minutes = overdue
        ? businessMinutesBetween(callback.dueAt.toISOString(), ctx.now.toISOString(), calendar)
        : businessMinutesBetween(ctx.now.toISOString(), callback.dueAt.toISOString(), calendar);
    } catch {
      return undefined; // a location without valid opening hours has no business time
    }
    return { dueAt: callback.dueAt, overdue, businessMinutes: Math.round(minutes) };
  })();
  const ladder: Array<EscalationStep & { level: number; reached: boolean }> = DEFAULT_SLA_POLICY.escalation.map((step, i) => ({
    ...step,
    level: i + 1,
    reached: (callback?.escalationLevel ?? 0) >= i + 1,
  }));

  return {
    lead: {
      id: lead.id,
      kind: lead.kind,
      status: lead.status,
      source: lead.source,
      message: lead.message,
      vehicleOfInterest: lead.vehicleOfInterest,
      receivedAt: lead.receivedAt,
      firstContactAt: lead.firstContactAt,
      location: lead.location?.name ?? null,
      locationId: lead.locationId,
      assigneeId: lead.assignedToId,
      assignee: personName(lead.assignedTo),
    },
    customer: lead.customer
      ? { id: lead.customer.id, name: customerName(lead.customer), email: lead.customer.email, phone: lead.customer.phone }
      : null,
    sla: { target: DEFAULT_SLA_POLICY.callbackSla[lead.kind], dueAt: slaDue, clock },
    callbackTasks: lead.callbackTasks.map((t) => ({
      id: t.id,
      dueAt: t.dueAt,
      status: t.status,
      attempts: t.attempts,
      outcome: t.outcome,
      escalationLevel: t.escalationLevel,
      assignee: personName(t.assignee),
      completedAt: t.completedAt,
    })),
    ladder,
    trail: trail.map((t) => ({ at: t.occurredAt, kind: t.kind, summary: t.summary, staff: personName(t.staff) })),
    staffMails: staffMails.map((m) => ({
      at: m.sentAt ?? m.queuedAt,
      to: personName(m.staff) ?? m.recipientName ?? '–',
      templateId: m.templateId,
      status: m.status,
      subject: m.subject,
    })),
    absences: absences.map((a) => ({
      who: `${a.staff.firstName} ${a.staff.lastName}`,
      role: a.staff.role,
      from: a.from,
      to: a.to,
      reason: a.reason,
      note: a.note,
    })),
    outcomes: trail
      .filter((t) => t.kind === 'callback.outcome' || t.kind === 'lead.unreachable')
      .map((t) => ({ at: t.occurredAt, summary: t.summary, staff: personName(t.staff) })),
    history: history.map((t) => ({ at: t.occurredAt, summary: t.summary, channel: t.channel, staff: personName(t.staff) })),
    colleagues: colleagues.map((s) => ({ id: s.id, name: `${s.firstName} ${s.lastName}`, role: s.role })),
  };
}
