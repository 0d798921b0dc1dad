import crypto from 'node:crypto';
import { z } from 'zod';
import { LeadNotFoundError, type LeadClientDeps } from './callbackOutcome';
import { signalTakeOver } from './leadFollowUpClient';

const takeOverSchema = z.strictObject({ leadId: z.uuid({ message: 'must be a UUID' }), staffId: z.uuid({ message: 'must be a UUID' }) });

/** A colleague takes an open lead over: it becomes theirs, with a fresh callback SLA from now. */
export async function takeOverLead(deps: LeadClientDeps, request: { leadId: string; staffId: string }): Promise<void> {
  const parsed = takeOverSchema.safeParse(request);
  if (!parsed.success)
    throw new Error(`invalid take-over: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const { leadId, staffId } = parsed.data;
  const lead = await deps.prisma.lead.findUnique({ where: { id: leadId } });
  if (!lead) throw new LeadNotFoundError(leadId);
  const staff = await deps.prisma.staff.findUnique({ where: { id: staffId } });
  if (!staff || !staff.active || staff.dealerId !== lead.dealerId)
    throw new Error(`staffId: ${staffId} is not an active colleague at this dealer`);
  await signalTakeOver(deps.client, leadId, { staffId, requestId: crypto.randomUUID() });
}
