import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { CustomerEvent } from '../../lifecycle/customerEvents';
import type { UpcomingTouchpoint } from '../campaignEnrollment/contract';
import type { CarriedState } from './state';

/** Tunables of a customer's lifecycle; every field has a default (see defaultLifecycleSettings). */
export type LifecycleSettings = {
  /** No interaction for this long starts the reactivation (default 18 months). */
  dormancyMonths: number;
  /** After the reactivation starts, how long we wait for a reaction before marking the customer lapsed (default 7 weeks). */
  reactivationResponseWeeks: number;
  serviceIntervalMonths: number;
  /** Per-make override of the service interval, e.g. { "Porsche": 24 }. */
  serviceIntervalMonthsByMake: Record<string, number>;
  /** Service interval by distance; null = by time only. */
  serviceIntervalKm: number | null;
  monthsBeforeLeaseEnd: number;
  /** Age at which a car without financing opens the repurchase window (default 5 years). */
  repurchaseVehicleAgeYears: number;
  /** Continue-as-new after this many handled events/timers in one run (or when Temporal suggests it). */
  continueAsNewAfter: number;
  /** How many processed event ids are remembered for duplicate detection (the database catches older ones). */
  rememberedEventIds: number;
};

export const defaultLifecycleSettings: LifecycleSettings = {
  dormancyMonths: 18,
  reactivationResponseWeeks: 7,
  serviceIntervalMonths: 12,
  serviceIntervalMonthsByMake: {},
  serviceIntervalKm: 30_000,
  monthsBeforeLeaseEnd: 6,
  repurchaseVehicleAgeYears: 5,
  continueAsNewAfter: 1_000,
  rememberedEventIds: 500,
};

export type CustomerLifecycleInput = {
  customerId: string;
  settings?: Partial<LifecycleSettings>;
  /** Set by continue-as-new only: the previous run's state and its not yet handled events. */
  carried?: CarriedState;
  pendingEvents?: CustomerEvent[];
};

export type LifecycleStatus = 'active' | 'lapsed' | 'objected' | 'erased';

export type LifecycleView = {
  customerId: string;
  status: LifecycleStatus;
  vehicles: Array<{
    vehicleId: string;
    make: string;
    serviceDueDate?: string;
    huDueMonth?: string;
    repurchaseDate?: string;
  }>;
  enrollments: Array<{ enrollmentId: string; workflowId: string; campaignId: string; vehicleId?: string; cycle: number }>;
  lastInteractionAt?: string;
  /** When the dormancy timer fires if nothing happens (reactivation starts). */
  dormancyCheckAt?: string;
  reactivation?: { enrollmentId?: string; startedAt: string; respondBy: string };
  /** The lifecycle's own scheduled steps (the enrollments report theirs; see lifecycle/client.ts). */
  upcoming: UpcomingTouchpoint[];
  /** Events fully handled (their activities done): a count that includes an event means its effects are in the database. */
  eventsHandled: number;
  runEvents: number;
};

export const customerEventSignal = defineSignal<[CustomerEvent]>('customerEvent');
export const lifecycleStateQuery = defineQuery<LifecycleView>('lifecycleState');

export function lifecycleWorkflowId(customerId: string): string {
  return `customer-${customerId}`;
}
