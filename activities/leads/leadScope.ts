import type { PrismaClient, StaffRole } from '../../db/generated/client';
import type { BusinessCalendar } from '../../time/businessTime';
import { parseBusinessCalendar } from '../../time/businessTime';
import type { LeadEmailDeps } from './leadEmail';
import { leadEmailVariables } from './leadEmail';

/** A staff email the workflow hands to deliverStaffMessage, with a key fixed by the workflow's step. */
export type StaffEmail = { idempotencyKey: string; staffId: string; templateId: 'lead-assigned' | 'lead-escalation'; variables: Record<string, unknown>; customerId?: string };

/** The lead with what every step needs: its location's calendar and the role that handles it. */
export async function loadLeadScope(prisma: PrismaClient, leadId: string) {
  const lead = await prisma.lead.findUnique({ where: { id: leadId }, include: { customer: true, location: true, dealer: { include: { locations: { orderBy: { createdAt: 'asc' }, take: 1 } } } } });
  if (!lead) throw new Error(`lead ${leadId} does not exist`);
  const locationId = lead.locationId ?? lead.customer?.locationId ?? lead.dealer.locations[0]?.id ?? null;
  const location = lead.location ?? (locationId ? await prisma.location.findUnique({ where: { id: locationId } }) : null);
  if (!location) throw new Error(`lead ${leadId}: the dealer has no location, so there are no opening hours to count the SLA in`);
  const calendar: BusinessCalendar = parseBusinessCalendar({ timeZone: location.timeZone, openingHours: location.openingHours, federalState: location.federalState });
  const role: StaffRole = lead.kind === 'service' ? 'service_advisor' : 'salesperson';
  return { lead, locationId: location.id, calendar, role };
}
export type LeadScope = Awaited<ReturnType<typeof loadLeadScope>>;

export async function assignmentEmail(
  deps: LeadEmailDeps,
  scope: LeadScope,
  input: { staffId: string; key: string; now: Date; linkValidityDays: number; assignedBy?: string },
): Promise<StaffEmail> {
  const variables = await leadEmailVariables(deps, { leadId: scope.lead.id, recipientStaffId: input.staffId, now: input.now, linkValidityDays: input.linkValidityDays });
  return {
    idempotencyKey: input.key,
    staffId: input.staffId,
    templateId: 'lead-assigned',
    variables: { ...variables, ...(input.assignedBy ? { assignedBy: input.assignedBy } : {}) },
    customerId: scope.lead.customerId ?? undefined,
  };
}
