import { DateTime } from 'luxon';
import { sendCustomerEvent, type LifecycleClientDeps } from '../lifecycle/client';
import type { CustomerEventInput } from '../lifecycle/customerEvents';
import type { ImportedChange } from './importDmsFile';

/** A car first registered more than 30 days before its delivery here was bought used. */
const USED_AFTER_DAYS = 30;

export function vehicleCondition(deliveredOn: string, firstRegistration?: string): 'new' | 'used' {
  if (!firstRegistration) return 'new';
  const days = DateTime.fromISO(deliveredOn).diff(DateTime.fromISO(firstRegistration), 'days').days;
  return days > USED_AFTER_DAYS ? 'used' : 'new';
}

/** The lifecycle event an imported row stands for. */
export function customerEventFor(change: ImportedChange): CustomerEventInput {
  const base = { eventId: change.eventId, occurredAt: change.occurredAt };
  if (change.kind === 'customer_data_changed') return { ...base, type: 'customer_data_changed', changes: change.changes };
  const v = change.vehicle;
  return {
    ...base,
    type: 'vehicle_delivered',
    vehicleId: change.vehicleId,
    deliveredOn: change.deliveredAt,
    condition: vehicleCondition(change.deliveredAt, v.firstRegistrationAt),
    firstRegistration: v.firstRegistrationAt,
    lastServiceDate: v.lastServiceAt,
    lastServiceMileageKm: v.lastServiceMileage,
    lastHuDate: v.lastHuAt,
    financing: v.financingEndAt ? { kind: 'lease', endDate: v.financingEndAt } : undefined,
  };
}

/** Enrolls imported customers into their lifecycle (signal-with-start; duplicate events are ignored there). */
export function lifecycleEnrollment(deps: LifecycleClientDeps): (change: ImportedChange) => Promise<void> {
  return (change) => sendCustomerEvent(deps, change.customerId, customerEventFor(change));
}
