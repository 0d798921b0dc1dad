import { defineCampaign, send, wait, waitUntil } from '../dsl';

/**
 * Main inspection (HU with AU, §29 StVZO) of one vehicle: a reminder six weeks before the due
 * month, a second one six weeks later (the due month has begun) unless the HU was done meanwhile.
 */
export const huReminders = defineCampaign({
  id: 'hu-reminders',
  version: 1,
  name: 'HU/AU reminders per vehicle',
  audience: 'Every vehicle whose first registration or last HU we know',
  legalBasis: 'existing_customer',
  context: ['dueMonth'],
  exitOn: ['hu_done', 'vehicle_sold'],
  options: { reentry: { mode: 'after_exit' }, priority: 30 },
  steps: [
    waitUntil('dueMonth', { offset: { weeks: -6 }, ifPast: 'continue', name: '6 weeks before the HU month' }),
    send('hu-reminder', { name: 'HU reminder' }),
    wait({ weeks: 6 }, 'HU not done 6 weeks later'),
    send('hu-reminder-second', { name: 'second HU reminder' }),
  ],
});
