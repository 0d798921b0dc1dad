import crypto from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { PrismaClient, TouchpointChannel } from '../db/generated/client';
import { Prisma } from '../db/generated/client';
import { leadWorkflowId, type LeadFollowUpInput } from '../workflows/leadFollowUp/contract';
import { matchOrCreateCustomer } from './customerMatch';
import { parseLeadSubmission, type LeadSubmission, type ValidLeadSubmission } from './leadSubmission';
import { resolveSlaPolicy, type SlaPolicyOverride } from './slaPolicy';

export type LeadIntakeDeps = {
  client: Client;
  prisma: PrismaClient;
  taskQueue: string;
  /** The dealer's SLA/escalation override (validated here). */
  slaPolicy?: SlaPolicyOverride;
  /** The intake's clock (tests pass the Temporal test server's time). */
  clock?: () => Date;
};

const KIND_TEXT = { test_drive: 'Probefahrt-Anfrage', offer: 'Preis-/Angebotsanfrage', trade_in: 'Inzahlungnahme-Anfrage', service: 'Service-Anfrage' } as const;
const CHANNEL: Record<string, TouchpointChannel> = { website: 'web', phone: 'phone', manufacturer: 'system', reactivation: 'email' };

/**
 * Takes a lead in: validates it, matches the customer by email or phone (or creates a prospect),
 * records the lead and a 'lead.received' touchpoint, and starts its follow-up workflow
 * (id `lead-<leadId>`). The same lead id or source id submitted again changes nothing.
 */
export async function submitLead(deps: LeadIntakeDeps, submission: LeadSubmission): Promise<{ leadId: string; customerId: string; duplicate: boolean }> {
  const lead = parseLeadSubmission(submission);
  if (deps.slaPolicy) resolveSlaPolicy(deps.slaPolicy); // a bad policy fails here, with the field named
  const existing = await findExisting(deps.prisma, lead);
  if (existing) {
    await startFollowUp(deps, existing.id); // idempotent: finishes an intake that crashed before the start
    return { leadId: existing.id, customerId: existing.customerId ?? '', duplicate: true };
  }
  const receivedAt = lead.receivedAt ? new Date(lead.receivedAt) : (deps.clock?.() ?? new Date());
  const { customer } = await matchOrCreateCustomer(deps.prisma, lead);
  const leadId = lead.leadId ?? crypto.randomUUID();
  try {
    await deps.prisma.lead.create({
      data: {
        id: leadId,
        dealerId: lead.dealerId,
        locationId: lead.locationId ?? customer.locationId,
        customerId: customer.id,
        source: lead.source,
        externalId: lead.externalId,
        kind: lead.kind,
        message: lead.message,
        vehicleOfInterest: lead.vehicleOfInterest,
        vehicleId: lead.vehicleId,
        receivedAt,
      },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      const raced = await findExisting(deps.prisma, lead);
      if (raced) return { leadId: raced.id, customerId: raced.customerId ?? '', duplicate: true };
    }
    throw error;
  }
  await deps.prisma.touchpoint.createMany({
    data: [{
      dealerId: lead.dealerId,
      customerId: customer.id,
      leadId,
      staffId: lead.takenById,
      vehicleId: lead.vehicleId,
      channel: CHANNEL[lead.source] ?? 'web',
      direction: 'inbound',
      department: lead.kind === 'service' ? 'service' : 'sales',
      kind: 'lead.received',
      summary: summaryOf(lead),
      occurredAt: receivedAt,
      externalEventId: `lead:${leadId}:received`,
    }],
    skipDuplicates: true,
  });
  await startFollowUp(deps, leadId);
  return { leadId, customerId: customer.id, duplicate: false };
}

function summaryOf(lead: ValidLeadSubmission): string {
  const parts = [`${KIND_TEXT[lead.kind]} (${lead.source})`, lead.vehicleOfInterest, lead.message?.slice(0, 200)];
  return parts.filter(Boolean).join(': ');
}

async function findExisting(prisma: PrismaClient, lead: ValidLeadSubmission) {
  if (lead.leadId) {
    const byId = await prisma.lead.findUnique({ where: { id: lead.leadId } });
    if (byId) return byId;
  }
  if (lead.externalId) {
    return prisma.lead.findUnique({ where: { dealerId_source_externalId: { dealerId: lead.dealerId, source: lead.source, externalId: lead.externalId } } });
  }
  return null;
}

async function startFollowUp(deps: LeadIntakeDeps, leadId: string): Promise<void> {
  const input: LeadFollowUpInput = { leadId, ...(deps.slaPolicy ? { policy: deps.slaPolicy } : {}) };
  try {
    await deps.client.workflow.start('leadFollowUpWorkflow', {
      taskQueue: deps.taskQueue,
      workflowId: leadWorkflowId(leadId),
      args: [input],
      // A finished follow-up is never started again for the same lead.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}
