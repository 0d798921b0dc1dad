/**
 * Every event a campaign can wait for or exit on. The customer lifecycle receives them
 * (as signals) and forwards them to the customer's running enrollments.
 */
export const campaignEventTypes = [
  'vehicle_delivered',
  'service_visit_done',
  'service_booked',
  'hu_done',
  'interaction_recorded',
  'customer_contacted_dealer',
  'email_clicked',
  'email_replied',
  'lead_created',
  'consent_given',
  'consent_confirmed',
  'objection',
  'customer_data_changed',
  'vehicle_sold',
  'erasure_requested',
  'test_drive_booked',
  'purchase',
] as const;

export type CampaignEventType = (typeof campaignEventTypes)[number];
