import { patched } from '@temporalio/workflow';
import { DateTime } from 'luxon';
import type { CampaignEventType } from '../../campaigns/dsl/eventTypes';
import type { LifecycleEvent } from '../../lifecycle/eventDetails';
import { workflowNow } from '../shared/clock';
import { enroll, forward, stop } from './enrollments';
import { checkInPlan, huPlan, repurchasePlan, servicePlan, withReading, type CampaignPlan } from './plan';
import { activities, databaseSteps, type LifecycleRuntime } from './runtime';
import type { VehicleFacts } from './state';

export const CHECK_INS_ONLY_AFTER_RECENT_DELIVERY = 'check-ins-only-after-recent-delivery';
const CHECK_IN_DELIVERY_WINDOW_DAYS = 30;

function isRecentDelivery(deliveredOn: string): boolean {
  return workflowNow().diff(DateTime.fromISO(deliveredOn, { zone: 'utc' }), 'days').days <= CHECK_IN_DELIVERY_WINDOW_DAYS;
}

/** The campaign events an incoming customer event stands for. */
export function campaignEventsFor(event: LifecycleEvent): CampaignEventType[] {
  switch (event.type) {
    case 'vehicle_delivered':
      return ['vehicle_delivered', 'purchase'];
    case 'service_visit_done':
      return ['service_visit_done', ...(event.huDone ? (['hu_done'] as const) : []), 'customer_contacted_dealer'];
    case 'interaction_recorded':
      return event.direction === 'inbound' ? ['interaction_recorded', 'customer_contacted_dealer'] : ['interaction_recorded'];
    case 'lead_submitted':
      return ['lead_created', 'customer_contacted_dealer'];
    case 'email_replied':
      return ['email_replied', 'customer_contacted_dealer'];
    default:
      return [event.type];
  }
}

/** Signs of life that answer a reactivation (and bring a lapsed customer back). */
export function isResponse(event: LifecycleEvent): boolean {
  if (event.type === 'interaction_recorded') return event.direction === 'inbound';
  return [
    'vehicle_delivered',
    'service_visit_done',
    'hu_done',
    'consent_given',
    'consent_confirmed',
    'email_replied',
    'email_clicked',
    'lead_submitted',
  ].includes(event.type);
}

type Loaded = NonNullable<Awaited<ReturnType<typeof activities.recordCustomerEvent>>['vehicle']>;

function factsFrom(loaded: Loaded, known: VehicleFacts | undefined): VehicleFacts {
  return {
    vehicleId: loaded.vehicleId,
    make: loaded.make,
    condition: known?.condition,
    deliveredOn: loaded.deliveredOn,
    firstRegistration: loaded.firstRegistration,
    lastServiceDate: loaded.lastServiceDate,
    lastServiceMileageKm: loaded.lastServiceMileageKm,
    lastHuDate: loaded.lastHuDate,
    financingKind: loaded.financingKind,
    financingEndDate: loaded.financingEndDate,
    mileageReadings: known?.mileageReadings ?? [],
  };
}

async function enrollAll(rt: LifecycleRuntime, plans: Array<CampaignPlan | undefined>): Promise<void> {
  if (rt.state.status === 'objected') return;
  for (const plan of plans) if (plan) await enroll(rt, plan);
}

async function onVehicleEvent(rt: LifecycleRuntime, event: LifecycleEvent, loaded: Loaded): Promise<void> {
  const { state, settings } = rt;
  let v = factsFrom(loaded, state.vehicles[loaded.vehicleId]);
  if (event.type === 'vehicle_delivered') {
    v.condition = event.condition;
    v.mileageReadings = [];
    if (event.condition === 'used' && v.firstRegistration && event.mileageKm !== undefined)
      v.mileageReadings = withReading([], v.firstRegistration, 0);
    v.mileageReadings = withReading(v.mileageReadings, event.deliveredOn, event.mileageKm ?? (event.condition === 'new' ? 0 : undefined));
    state.vehicles[v.vehicleId] = v;
    // Patched: a delivery imported long after the fact gets no "how is your new car?" check-ins.
    const recent = !patched(CHECK_INS_ONLY_AFTER_RECENT_DELIVERY) || isRecentDelivery(event.deliveredOn);
    await enrollAll(rt, [
      recent ? checkInPlan(v, settings) : undefined,
      servicePlan(v, settings, recent),
      huPlan(v),
      repurchasePlan(v, settings),
    ]);
  } else if (event.type === 'service_visit_done') {
    v = { ...v, mileageReadings: withReading(v.mileageReadings, event.visitedOn, event.mileageKm) };
    state.vehicles[v.vehicleId] = v;
    await enrollAll(rt, [servicePlan(v, settings), event.huDone ? huPlan(v) : undefined]);
  } else if (event.type === 'hu_done') {
    state.vehicles[v.vehicleId] = v;
    await enrollAll(rt, [huPlan(v)]);
  } else if (event.type === 'vehicle_sold') {
    await stop(
      rt,
      state.enrollments.filter((e) => e.vehicleId === v.vehicleId),
      `vehicle ${event.reason}`,
    );
    await databaseSteps().closeEnrollments({
      customerId: rt.customerId,
      vehicleId: v.vehicleId,
      reason: `vehicle ${event.reason}`,
      now: workflowNow().toISO()!,
    });
    delete state.vehicles[v.vehicleId];
  }
}

/** The customer reacted to the reactivation: a lead for the (present) salesperson with the history, followed up by its own workflow. */
async function answerReactivation(rt: LifecycleRuntime, event: LifecycleEvent): Promise<void> {
  rt.state.reactivation = undefined;
  if (event.type === 'lead_submitted') return; // that lead has its own follow-up already
  const { leadId } = await activities.createReactivationLead({
    customerId: rt.customerId,
    responseEventId: event.eventId,
    response: event.type,
    now: workflowNow().toISO()!,
  });
  await activities.startLeadFollowUp({ leadId }); // workflow id lead-<leadId>
}

/**
 * Handles one new (not duplicate) event after it was recorded: forwards it to the enrollments,
 * plans new campaign cycles, answers a running reactivation, and resets the dormancy timer.
 */
export async function handleEvent(rt: LifecycleRuntime, event: LifecycleEvent, loaded: Loaded | undefined): Promise<void> {
  const { state, settings } = rt;
  const vehicleId = 'vehicleId' in event ? event.vehicleId : undefined;
  await forward(rt, event, campaignEventsFor(event), vehicleId);
  if (event.type === 'objection') {
    state.status = 'objected';
    state.reactivation = undefined;
    state.dormancyCheckAt = undefined;
    await stop(rt, state.enrollments, 'objection');
    await databaseSteps().closeEnrollments({ customerId: rt.customerId, reason: 'objection', now: workflowNow().toISO()! });
    return;
  }
  if (loaded) await onVehicleEvent(rt, event, loaded);
  if (isResponse(event)) {
    if (state.reactivation) await answerReactivation(rt, event);
    if (state.status === 'lapsed') {
      state.status = 'active';
      await databaseSteps().markCustomerLapsed({ customerId: rt.customerId, lapsed: false, now: workflowNow().toISO()! });
    }
  }
  const now = workflowNow();
  state.lastInteractionAt = now.toISO()!;
  if (state.status === 'active') state.dormancyCheckAt = now.plus({ months: settings.dormancyMonths }).toISO()!;
}
