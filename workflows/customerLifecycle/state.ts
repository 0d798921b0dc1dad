import type { CampaignEventType } from '../../campaigns/dsl/eventTypes';

/** What the lifecycle knows of one vehicle, enough to compute its due dates without I/O. */
export type VehicleFacts = {
  vehicleId: string;
  make: string;
  condition?: 'new' | 'used';
  deliveredOn?: string;
  firstRegistration?: string;
  lastServiceDate?: string;
  lastServiceMileageKm?: number;
  lastHuDate?: string;
  financingKind?: 'cash' | 'loan' | 'balloon_loan' | 'lease';
  financingEndDate?: string;
  /** Odometer readings (newest last, at most 12) for the km-per-month estimate. */
  mileageReadings: Array<{ date: string; km: number }>;
};

export type EnrollmentRef = {
  enrollmentId: string;
  campaignId: string;
  vehicleId?: string;
  cycle: number;
  /** Which events this enrollment's campaign cares about (forwarding others is pointless). */
  listensTo: CampaignEventType[];
};

/** Everything that survives continue-as-new. Instants are ISO strings, dates yyyy-MM-dd. */
export type CarriedState = {
  status: 'active' | 'lapsed' | 'objected';
  timeZone: string;
  vehicles: Record<string, VehicleFacts>;
  enrollments: EnrollmentRef[];
  /** Next cycle number per "campaign/vehicle", so enrollment ids never repeat. */
  cycles: Record<string, number>;
  processedEventIds: string[];
  lastInteractionAt?: string;
  dormancyCheckAt?: string;
  reactivation?: { enrollmentId?: string; startedAt: string; respondBy: string };
  eventsHandled: number;
};

export function emptyState(timeZone: string): CarriedState {
  return { status: 'active', timeZone, vehicles: {}, enrollments: [], cycles: {}, processedEventIds: [], eventsHandled: 0 };
}
