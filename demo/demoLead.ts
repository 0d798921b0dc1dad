import { DateTime } from 'luxon';
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../db/generated/client';
import { submitLead } from '../leads/intake';
import { businessMinutesBetween, type BusinessCalendarInput } from '../time/businessTime';
import { demoUuid } from './enrollDemo';
import type { DemoDealership } from './seedDemoData';

/**
 * The demo's unanswered lead: a test-drive request from the website that nobody called back.
 * It was received long enough ago (in the location's business time) that its callback SLA and the
 * first escalation step have passed, so the follow-up escalates as soon as the engine runs.
 * Its lead id is fixed: submitting it again changes nothing.
 */
export const DEMO_LEAD_ID = demoUuid('lead/test-drive');

/** Business minutes that must have passed since the lead came in: 2 h SLA + 1 h to the team lead + margin. */
const OVERDUE_BUSINESS_MINUTES = 200;

/** The latest full hour before `now` that lies at least `minutes` business minutes back. */
export function overdueSince(now: Date, calendar: BusinessCalendarInput, minutes = OVERDUE_BUSINESS_MINUTES): string {
  let candidate = DateTime.fromJSDate(now).toUTC().startOf('hour');
  for (let hours = 0; hours < 24 * 21; hours += 1, candidate = candidate.minus({ hours: 1 })) {
    if (businessMinutesBetween(candidate.toISO()!, now.toISOString(), calendar) >= minutes) return candidate.toISO()!;
  }
  throw new Error(`no instant in the last three weeks lies ${minutes} business minutes back: are the demo opening hours empty?`);
}

export async function submitDemoLead(
  deps: { client: Client; prisma: PrismaClient; taskQueue: string; now: Date },
  dealership: DemoDealership,
) {
  const location = await deps.prisma.location.findUniqueOrThrow({ where: { id: dealership.locationId } });
  const calendar = {
    timeZone: location.timeZone,
    openingHours: location.openingHours,
    federalState: location.federalState,
  } as BusinessCalendarInput;
  return submitLead(
    { client: deps.client, prisma: deps.prisma, taskQueue: deps.taskQueue },
    {
      leadId: DEMO_LEAD_ID,
      dealerId: dealership.dealerId,
      locationId: dealership.locationId,
      kind: 'test_drive',
      source: 'website',
      externalId: 'demo-web-form-0001',
      customer: {
        salutation: 'mr',
        firstName: 'Kevin',
        lastName: 'Hartl',
        email: 'kevin.hartl@interessent.example',
        phone: '+49 171 5550123',
      },
      message: 'Ich würde gerne den Audi Q4 e-tron Probe fahren, am liebsten an einem Samstagvormittag.',
      vehicleOfInterest: 'Audi Q4 e-tron 45 quattro',
      receivedAt: overdueSince(deps.now, calendar),
    },
  );
}
