import type { Department, PrismaClient, TouchpointChannel, TouchpointDirection } from '../../db/generated/client';
import type { StaffRef } from './staffPicker';

/**
 * The lead's written trail: touchpoints (insert-or-ignore on a deterministic key, so a retried
 * activity records once), the assignment on Lead and CallbackTask, and the one CallbackTask per lead.
 */

export type LeadRow = { id: string; dealerId: string; customerId: string | null; kind: string };

export async function recordLeadTouchpoint(
  prisma: PrismaClient,
  lead: LeadRow,
  t: {
    key: string;
    kind: string;
    summary: string;
    at: Date;
    staffId?: string;
    channel?: TouchpointChannel;
    direction?: TouchpointDirection;
  },
): Promise<void> {
  if (!lead.customerId) return; // a touchpoint belongs to a customer's history
  const department: Department = lead.kind === 'service' ? 'service' : 'sales';
  await prisma.touchpoint.createMany({
    data: [
      {
        dealerId: lead.dealerId,
        customerId: lead.customerId,
        leadId: lead.id,
        staffId: t.staffId,
        channel: t.channel ?? 'system',
        direction: t.direction ?? 'internal',
        department,
        kind: t.kind,
        summary: t.summary,
        occurredAt: t.at,
        externalEventId: `lead:${lead.id}:${t.key}`,
      },
    ],
    skipDuplicates: true,
  });
}

/** The lead's callback task, created on first use. */
export async function callbackTaskOf(prisma: PrismaClient, leadId: string, init: { dueAt: Date; assigneeId?: string; at: Date }) {
  const existing = await prisma.callbackTask.findFirst({ where: { leadId }, orderBy: { createdAt: 'asc' } });
  if (existing) return existing;
  return prisma.callbackTask.create({ data: { leadId, assigneeId: init.assigneeId, dueAt: init.dueAt, createdAt: init.at } });
}

/** Puts the lead (and its open callback task) on `assignee`, with a 'lead.assigned' touchpoint. */
export async function assignLeadTo(
  prisma: PrismaClient,
  lead: LeadRow,
  assignee: StaffRef,
  t: { key: string; at: Date; reason: string },
): Promise<void> {
  await prisma.lead.update({ where: { id: lead.id }, data: { assignedToId: assignee.id } });
  await prisma.callbackTask.updateMany({ where: { leadId: lead.id, status: 'open' }, data: { assigneeId: assignee.id } });
  await recordLeadTouchpoint(prisma, lead, {
    key: t.key,
    kind: 'lead.assigned',
    summary: `Lead ${t.reason} → ${assignee.name}`,
    at: t.at,
    staffId: assignee.id,
  });
}
