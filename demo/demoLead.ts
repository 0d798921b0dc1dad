import { DateTime } from 'luxon';
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../db/generated/client';
import { submitLead } from '../leads/intake';
import { addBusinessDuration, businessMinutesBetween, type BusinessCalendarInput } from '../time/businessTime';
import { demoUuid } from './enrollDemo';
import type { DemoDealership } from './seedDemoData';

/**
 * The demo's unanswered lead: a test-drive request from the website that nobody called back.
 * It was received long enough ago (in the location's business time) that its callback SLA and the
 * first escalation step have passed, so the follow-up escalates as soon as the engine runs.
 * Its lead id is fixed: submitting it again changes nothing.
 */
export const DEMO_LEAD_ID = demoUuid('lead/test-drive');

/**
 * Business minutes since the lead came in: past the 2 h SLA and the team lead's step an hour later (180),
 * and half an hour short of the manager's (240), whatever the hour the demo starts at.
 */
const OVERDUE_BUSINESS_MINUTES = 210;

/**
 * An instant exactly `minutes` business minutes before `now`: the latest whole hour at least that far back,
 * moved forward in business time by what it overshoots. (The whole hour alone lay anywhere from 200 to 259
 * minutes back, so a demo started at twenty to the hour had already reached the manager's step.)
 */
export function overdueSince(now: Date, calendar: BusinessCalendarInput, minutes = OVERDUE_BUSINESS_MINUTES): string {
  const nowIso = now.toISOString();
  let candidate = DateTime.fromJSDate(now).toUTC().startOf('hour');
  for (let hours = 0; hours < 24 * 21; hours += 1, candidate = candidate.minus({ hours: 1 })) {
    const back = businessMinutesBetween(candidate.toISO()!, nowIso, calendar);
    if (back >= minutes) return addBusinessDuration(candidate.toISO()!, { minutes: back - minutes }, calendar);
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
