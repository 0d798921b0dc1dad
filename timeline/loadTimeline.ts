import type { PrismaClient } from '../db/generated/client';
import type { CustomerTimelineData, OpenLeadsData, TimelineChannel, TimelineEntry, UpcomingTouchpoint } from './types';

const PAST_LIMIT = 100;

export type TimelineDeps = {
  prisma: PrismaClient;
  /** The customer lifecycle's planned touchpoints (lifecycle/client.ts queryCustomerJourney); optional. */
  upcomingFor?: (customerId: string) => Promise<UpcomingTouchpoint[]>;
  now?: () => Date;
};

const personName = (p: { firstName: string | null; lastName: string } | null | undefined) => (p ? [p.firstName, p.lastName].filter(Boolean).join(' ') : undefined);

function customerName(c: { salutation: string; title: string | null; firstName: string | null; lastName: string; companyName: string | null }) {
  const salutation = c.salutation === 'mr' ? 'Herr' : c.salutation === 'ms' ? 'Frau' : '';
  const name = [salutation, c.title, c.firstName, c.lastName].filter(Boolean).join(' ');
  return c.companyName ? `${name} (${c.companyName})` : name;
}

async function pastEntries(prisma: PrismaClient, customerId: string): Promise<TimelineEntry[]> {
  const [touchpoints, messages] = await Promise.all([
    prisma.touchpoint.findMany({ where: { customerId }, orderBy: { occurredAt: 'desc' }, take: PAST_LIMIT, include: { staff: true } }),
    prisma.message.findMany({ where: { customerId }, orderBy: { queuedAt: 'desc' }, take: PAST_LIMIT }),
  ]);
  const messagesById = new Map(messages.map((m) => [m.id, m]));
  const fromTouchpoints = touchpoints.map((t): TimelineEntry => {
    const message = t.messageId ? messagesById.get(t.messageId) : undefined;
    if (message) messagesById.delete(message.id);
    return {
      at: t.occurredAt,
      channel: t.channel,
      summary: t.summary,
      who: personName(t.staff),
      detail: t.direction === 'inbound' ? 'eingehend' : undefined,
      messageStatus: message?.status,
      skipReason: message?.skipReason ?? undefined,
    };
  });
  const fromMessages = [...messagesById.values()].map(
    (m): TimelineEntry => ({
      at: m.sentAt ?? m.queuedAt,
      channel: 'email',
      summary: m.subject ?? `Vorlage ${m.templateId}`,
      detail: m.campaignId ? `Kampagne ${m.campaignId}` : m.newsletterRunId ? 'Newsletter' : undefined,
      messageStatus: m.status,
      skipReason: m.skipReason ?? undefined,
    }),
  );
  return [...fromTouchpoints, ...fromMessages].sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, PAST_LIMIT);
}

/** Open staff tasks and callbacks about this customer: the dealer's own plans. */
async function plannedByStaff(prisma: PrismaClient, customerId: string): Promise<TimelineEntry[]> {
  const [tasks, callbacks] = await Promise.all([
    prisma.staffTask.findMany({ where: { customerId, doneAt: null, dueAt: { not: null } }, include: { assignee: true }, orderBy: { dueAt: 'asc' } }),
    prisma.callbackTask.findMany({ where: { status: 'open', lead: { customerId } }, include: { assignee: true, lead: true }, orderBy: { dueAt: 'asc' } }),
  ]);
  return [
    ...tasks.map((t): TimelineEntry => ({ at: t.dueAt!, channel: 'task', summary: t.title, detail: t.details ?? undefined, who: personName(t.assignee) })),
    ...callbacks.map((c): TimelineEntry => ({ at: c.dueAt, channel: 'callback', summary: `Rückruf zur Anfrage (${c.lead.source})`, who: personName(c.assignee) })),
  ];
}

async function plannedByLifecycle(deps: TimelineDeps, customerId: string): Promise<{ entries: TimelineEntry[]; unavailable?: string }> {
  if (!deps.upcomingFor) return { entries: [] };
  try {
    const upcoming = await deps.upcomingFor(customerId);
    return {
      entries: upcoming.map((u): TimelineEntry => ({ at: new Date(u.at), channel: u.channel ?? ('campaign' as TimelineChannel), summary: u.summary, detail: u.detail })),
    };
  } catch (error) {
    return { entries: [], unavailable: (error as Error).message };
  }
}

/** Everything the customer timeline page shows; undefined when there is no such customer. */
export async function loadCustomerTimeline(deps: TimelineDeps, customerId: string): Promise<CustomerTimelineData | undefined> {
  const { prisma } = deps;
  const customer = await prisma.customer.findUnique({
    where: { id: customerId },
    include: { dealer: true, assignedSalesperson: true, vehicles: { orderBy: { deliveredAt: 'desc' } } },
  });
  if (!customer) return undefined;
  const [past, staffPlans, lifecycle, suppressions] = await Promise.all([
    pastEntries(prisma, customerId),
    plannedByStaff(prisma, customerId),
    plannedByLifecycle(deps, customerId),
    customer.email ? prisma.suppression.findMany({ where: { email: customer.email.toLowerCase() } }) : Promise.resolve([]),
  ]);
  return {
    now: deps.now?.() ?? new Date(),
    dealerName: customer.dealer.name,
    customer: {
      id: customer.id,
      externalDmsId: customer.externalDmsId,
      name: customerName(customer),
      email: customer.email,
      phone: customer.phone,
      language: customer.language,
      salesperson: personName(customer.assignedSalesperson) ?? null,
      tags: customer.tags,
    },
    consent: {
      basis: customer.emailConsentBasis,
      givenAt: customer.consentGivenAt,
      confirmedAt: customer.consentConfirmedAt,
      source: customer.consentSource,
      existingCustomerSince: customer.existingCustomerSince,
      objectedAt: customer.objectedAt,
      erasedAt: customer.erasedAt,
      suppressed: suppressions.map((s) => s.reason),
    },
    vehicles: customer.vehicles,
    past,
    upcoming: [...staffPlans, ...lifecycle.entries].sort((a, b) => a.at.getTime() - b.at.getTime()),
    upcomingUnavailable: lifecycle.unavailable,
  };
}

/** Leads still open (new, contacted, qualified), each with its open callback if there is one. */
export async function loadOpenLeads(deps: TimelineDeps, dealerId?: string): Promise<OpenLeadsData> {
  const leads = await deps.prisma.lead.findMany({
    where: { status: { in: ['new', 'contacted', 'qualified'] }, ...(dealerId ? { dealerId } : {}) },
    include: { customer: true, assignedTo: true, callbackTasks: { where: { status: 'open' }, orderBy: { dueAt: 'asc' }, take: 1, include: { assignee: true } } },
    orderBy: { receivedAt: 'asc' },
    take: 500,
  });
  const dealer = dealerId ? await deps.prisma.dealer.findUnique({ where: { id: dealerId } }) : null;
  return {
    now: deps.now?.() ?? new Date(),
    dealerName: dealer?.name ?? null,
    leads: leads.map((lead) => {
      const callback = lead.callbackTasks[0];
      return {
        id: lead.id,
        receivedAt: lead.receivedAt,
        kind: lead.kind,
        source: lead.source,
        status: lead.status,
        customerId: lead.customerId,
        customerName: lead.customer ? customerName(lead.customer) : null,
        vehicleOfInterest: lead.vehicleOfInterest,
        assignee: personName(callback?.assignee ?? lead.assignedTo) ?? null,
        dueAt: callback?.dueAt ?? null,
        escalationLevel: callback?.escalationLevel ?? 0,
        attempts: callback?.attempts ?? 0,
        attention: lead.attention,
      };
    }),
  };
}
