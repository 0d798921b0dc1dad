import type { TemplateDefinition } from '../types';
import { checkin3Days } from './checkin-3-days';
import { checkinSatisfaction30Days } from './checkin-satisfaction-30-days';
import { doubleOptInConfirmation } from './double-opt-in-confirmation';
import { firstServiceInvitation } from './first-service-invitation';
import { huReminder } from './hu-reminder';
import { huReminderSecond } from './hu-reminder-second';
import { leadAssigned } from './lead-assigned';
import { leadEscalation } from './lead-escalation';
import { leadReminder } from './lead-reminder';
import { newsletterGeneric } from './newsletter-generic';
import { reactivation1 } from './reactivation-1';
import { reactivation2 } from './reactivation-2';
import { repurchaseLeaseEnd } from './repurchase-lease-end';
import { repurchaseVehicleAge } from './repurchase-vehicle-age';
import { serviceReminder } from './service-reminder';
import { serviceReminderFollowup } from './service-reminder-followup';
import { staffTask } from './staff-task';

/** Every shipped template, in customer-lifecycle order. Add new definitions here. */
export const allTemplates = [
  checkin3Days,
  checkinSatisfaction30Days,
  firstServiceInvitation,
  serviceReminder,
  serviceReminderFollowup,
  huReminder,
  huReminderSecond,
  repurchaseLeaseEnd,
  repurchaseVehicleAge,
  reactivation1,
  reactivation2,
  doubleOptInConfirmation,
  newsletterGeneric,
  staffTask,
  leadAssigned,
  leadReminder,
  leadEscalation,
] as unknown as TemplateDefinition[];
