import type { PrismaClient } from '../../db/generated/client';
import { pickPresentStaff } from '../leads/staffPicker';

const HISTORY_LINES = 15;
const day = (d: Date) => d.toISOString().slice(0, 10);

/** "Pick up where you left off": vehicles and the latest touchpoints, newest first, in a few lines. */
export async function historySummary(prisma: PrismaClient, customerId: string): Promise<string> {
  const vehicles = await prisma.vehicle.findMany({ where: { ownerId: customerId }, orderBy: { createdAt: 'asc' } });
  const touchpoints = await prisma.touchpoint.findMany({
    where: { customerId },
    include: { staff: true },
    orderBy: { occurredAt: 'desc' },
    take: HISTORY_LINES,
  });
  const vehicleLines = vehicles.map(
    (v) =>
      `- ${v.make} ${v.model}${v.licensePlate ? ` (${v.licensePlate})` : ''}${v.deliveredAt ? `, übergeben ${day(v.deliveredAt)}` : ''}${v.lastServiceAt ? `, letzter Service ${day(v.lastServiceAt)}` : ''}${v.soldAt ? ', verkauft' : ''}`,
  );
  const historyLines = touchpoints.map(
    (t) =>
      `- ${day(t.occurredAt)} ${t.channel}/${t.direction}${t.staff ? ` (${t.staff.firstName} ${t.staff.lastName})` : ''}: ${t.summary}`,
  );
  return ['Fahrzeuge:', ...(vehicleLines.length ? vehicleLines : ['- keine']), 'Verlauf (neueste zuerst):', ...historyLines].join('\n');
}

/**
 * A silent customer reacted to the reactivation: a lead for their salesperson, or a present
 * colleague when that person left or is absent, carrying the customer's history. Idempotent on the
 * response event (Lead source + externalId).
 */
export async function createReactivationLead(
  prisma: PrismaClient,
  input: { customerId: string; responseEventId: string; response: string; now: string },
): Promise<{ leadId: string; assigneeId?: string; assigneeName?: string }> {
  const customer = await prisma.customer.findUniqueOrThrow({ where: { id: input.customerId }, include: { dealer: true, location: true } });
  const existing = await prisma.lead.findUnique({
    where: { dealerId_source_externalId: { dealerId: customer.dealerId, source: 'reactivation', externalId: input.responseEventId } },
    include: { assignedTo: true },
  });
  if (existing)
    return {
      leadId: existing.id,
      assigneeId: existing.assignedToId ?? undefined,
      assigneeName: existing.assignedTo ? `${existing.assignedTo.firstName} ${existing.assignedTo.lastName}` : undefined,
    };

  const now = new Date(input.now);
  const assignee = await pickPresentStaff(prisma, {
    timeZone: customer.location?.timeZone ?? customer.dealer.timeZone,
    dealerId: customer.dealerId,
    locationId: customer.locationId,
    role: 'salesperson',
    preferredStaffId: customer.assignedSalespersonId,
    at: now,
  });
  const summary = await historySummary(prisma, customer.id);
  const message = `Reaktivierung: ${[customer.firstName, customer.lastName].filter(Boolean).join(' ')} hat nach langer Pause reagiert (${input.response}). Bitte dort anknüpfen, wo wir aufgehört haben.\n\n${summary}`;
  const lead = await prisma.$transaction(async (tx) => {
    const created = await tx.lead.create({
      data: {
        dealerId: customer.dealerId,
        locationId: customer.locationId,
        customerId: customer.id,
        assignedToId: assignee?.id,
        source: 'reactivation',
        externalId: input.responseEventId,
        kind: 'offer',
        message,
        receivedAt: now,
      },
    });
    await tx.touchpoint.create({
      data: {
        dealerId: customer.dealerId,
        customerId: customer.id,
        leadId: created.id,
        staffId: assignee?.id,
        channel: 'system',
        direction: 'internal',
        department: 'sales',
        kind: 'lead.created',
        summary: `Lead aus Reaktivierung${assignee ? ` → ${assignee.name}` : ''}`,
        occurredAt: now,
        externalEventId: `reactivation-lead:${input.responseEventId}`,
      },
    });
    // The customer's own salesperson has left: the colleague who takes the lead keeps the customer.
    if (assignee && customer.assignedSalespersonId && customer.assignedSalespersonId !== assignee.id) {
      const previous = await tx.staff.findUnique({ where: { id: customer.assignedSalespersonId } });
      if (previous && !previous.active)
        await tx.customer.update({ where: { id: customer.id }, data: { assignedSalespersonId: assignee.id } });
    }
    return created;
  });
  return { leadId: lead.id, assigneeId: assignee?.id, assigneeName: assignee?.name };
}
