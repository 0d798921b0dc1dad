import { defineCampaign, send, wait } from '../dsl';

/**
 * A customer silent for the dormancy period (default 18 months) gets two messages, three weeks
 * apart. Any reaction ends it: the lifecycle then creates a lead for the salesperson ("pick up
 * where you left off"), or marks the customer lapsed when nothing came back.
 */
export const reactivation = defineCampaign({
  id: 'reactivation',
  version: 1,
  name: 'Reactivation of silent customers',
  audience: 'Customers without any interaction for the dormancy period',
  legalBasis: 'existing_customer',
  context: [],
  exitOn: ['email_replied', 'email_clicked', 'customer_contacted_dealer', 'lead_created', 'service_visit_done', 'purchase'],
  options: { reentry: { mode: 'after_exit' }, priority: 5 },
  steps: [
    send('reactivation-1', { name: 'first reactivation message' }),
    wait({ weeks: 3 }, '3 weeks later'),
    send('reactivation-2', { name: 'second reactivation message' }),
  ],
});
