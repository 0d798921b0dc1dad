import { branch, createTask, defineCampaign, eq, send, wait, waitUntil } from '../dsl';

/**
 * One service cycle of one vehicle: a reminder three weeks before the due date (from the last
 * service + interval, or earlier by mileage), a follow-up four weeks later if no visit followed,
 * then a call from a service advisor. A service visit ends the cycle (the lifecycle starts the next one).
 * On a new car's first cycle the post-purchase invitation already asked, so the reminder is left out.
 */
export const serviceReminders = defineCampaign({
  id: 'service-reminders',
  version: 1,
  name: 'Service reminders per vehicle',
  audience: 'Every vehicle we know the service due date of, one cycle per service interval',
  legalBasis: 'existing_customer',
  context: ['dueDate'],
  exitOn: ['service_visit_done', 'service_booked', 'vehicle_sold'],
  options: { reentry: { mode: 'after_exit' }, priority: 20 },
  steps: [
    waitUntil('dueDate', { offset: { weeks: -3 }, ifPast: 'continue', name: '3 weeks before the service is due' }),
    branch(
      eq('context.invitedByCheckIns', true),
      [],
      [send('service-reminder', { name: 'service reminder' })],
      'first service already invited?',
    ),
    wait({ weeks: 4 }, 'no visit 4 weeks later'),
    send('service-reminder-followup', { name: 'service follow-up' }),
    wait({ weeks: 2 }, 'still no visit 2 weeks later'),
    createTask('service_advisor', 'call_for_service', { name: 'service advisor calls', dueIn: { days: 3 } }),
  ],
});
