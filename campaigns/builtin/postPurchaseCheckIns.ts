import { defineCampaign, send, wait, waitForEvent, waitUntil } from '../dsl';

/**
 * After the handover: "how is your new car?" after 3 days, a satisfaction check after a month
 * (a survey is advertising too, BGH VI ZR 225/17, so it needs consent or §7(3) UWG), and an
 * invitation before the first service. A customer who got in touch in the first days gets no
 * "any questions?" email.
 */
export const postPurchaseCheckIns = defineCampaign({
  id: 'post-purchase-check-ins',
  version: 1,
  name: 'Check-ins after delivery',
  audience: 'Every buyer of a new or used car, from the day of delivery',
  legalBasis: 'existing_customer',
  context: ['firstServiceDueDate'],
  exitOn: ['vehicle_sold'],
  options: { reentry: { mode: 'after_exit' }, priority: 10 },
  steps: [
    waitForEvent(
      'customer_contacted_dealer',
      { days: 3 },
      { name: 'customer got in touch in the first days?', onTimeout: [send('checkin-3-days', { name: 'how is your new car' })] },
    ),
    wait({ days: 27 }),
    send('checkin-satisfaction-30-days', { name: 'satisfaction check' }),
    waitUntil('firstServiceDueDate', { offset: { weeks: -4 }, ifPast: 'exit', name: '4 weeks before the first service' }),
    send('first-service-invitation', { name: 'first service invitation' }),
  ],
});
