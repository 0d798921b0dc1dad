import { ApplicationFailure } from '@temporalio/common';
import type { PrismaClient, StaffRole } from '../../db/generated/client';
import { LocationSettingsError, locationCalendar } from '../../locations/locationSettings';
import type { BusinessCalendar } from '../../time/businessTime';
import { configurationError, missingRecordError } from '../shared/failures';
import type { LeadMail } from './leadMail';

/** A staff email the workflow hands to deliverLeadMail: ids only, with a key fixed by the workflow's step. */
export type StaffEmail = LeadMail;

/**
 * The lead with what every step needs: its location's calendar and the role that handles it. A lead
 * that is gone, or a location whose hours cannot count an SLA, is a configuration error: never retried,
 * named by entity and field.
 */
export async function loadLeadScope(prisma: PrismaClient, leadId: string) {
  const lead = await prisma.lead.findUnique({
    where: { id: leadId },
    include: { customer: true, location: true, dealer: { include: { locations: { orderBy: { createdAt: 'asc' }, take: 1 } } } },
  });
  if (!lead) throw missingRecordError(`lead ${leadId}`, 'leadId');
  const locationId = lead.locationId ?? lead.customer?.locationId ?? lead.dealer.locations[0]?.id ?? null;
  const location = lead.location ?? (locationId ? await prisma.location.findUnique({ where: { id: locationId } }) : null);
  if (!location)
    throw configurationError(
      `dealer ${lead.dealerId}`,
      'locations',
      'is empty, so there are no opening hours to count the SLA of lead ' + leadId + ' in',
    );
  let calendar: BusinessCalendar;
  try {
    calendar = locationCalendar(location, lead.dealer);
  } catch (error) {
    if (error instanceof LocationSettingsError)
      throw ApplicationFailure.nonRetryable(`${error.message} (location ${location.id})`, 'ConfigurationError', {
        entity: `location ${location.id}`,
        field: error.field,
      });
    throw error;
  }
  const role: StaffRole = lead.kind === 'service' ? 'service_advisor' : 'salesperson';
  return { lead, locationId: location.id, calendar, role };
}
export type LeadScope = Awaited<ReturnType<typeof loadLeadScope>>;

export function assignmentEmail(scope: LeadScope, input: { staffId: string; key: string; linkValidityDays: number }): StaffEmail {
  return {
    idempotencyKey: input.key,
    leadId: scope.lead.id,
    template: 'lead-assigned',
    to: { staffId: input.staffId },
    linkValidityDays: input.linkValidityDays,
  };
}
