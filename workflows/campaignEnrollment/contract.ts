import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { CampaignDefinition } from '../../campaigns/dsl/campaign';
import type { CampaignEventType } from '../../campaigns/dsl/eventTypes';
import type { StepKind } from '../../campaigns/dsl/steps';

/** Everything an enrollment needs, pinned when it starts: editing the campaign later changes nothing here. */
export type CampaignEnrollmentInput = {
  enrollmentId: string;
  customerId: string;
  vehicleId?: string;
  definition: CampaignDefinition;
  /** Dates (yyyy-MM-dd) and values the campaign declared in `context`. */
  context: Record<string, string | number | boolean | null>;
  /** The dealer's time zone, for waitUntil's local dates and times. */
  timeZone: string;
};

export type CampaignEvent = { type: CampaignEventType; eventId: string; occurredAt: string };

export type StepRecord = { path: string; kind: StepKind; name?: string; outcome: string; at: string };

export type UpcomingTouchpoint = {
  at: string;
  campaignId: string;
  stepPath: string;
  kind: 'send' | 'createTask';
  name: string;
};

export type EnrollmentState = {
  enrollmentId: string;
  campaignId: string;
  campaignVersion: number;
  status: 'running' | 'completed' | 'exited';
  exitReason?: string;
  currentStep?: { path: string; kind: StepKind; name?: string };
  wakeAt?: string;
  waitingForEvent?: CampaignEventType;
  taken: StepRecord[];
  upcoming: UpcomingTouchpoint[];
};

export const campaignEventSignal = defineSignal<[CampaignEvent]>('campaignEvent');
/** Ends the enrollment at once (erasure, vehicle sold, lifecycle ended). */
/**
 * Why an enrollment ended when the lifecycle started the next cycle of its campaign. The lifecycle also writes it on
 * the enrollment's row as a fallback; the enrollment's own account (e.g. the goal it reached a moment before) wins.
 */
export const SUPERSEDED_BY_NEXT_CYCLE = 'superseded by the next cycle';

export const stopEnrollmentSignal = defineSignal<[{ reason: string }]>('stopEnrollment');
export const enrollmentStateQuery = defineQuery<EnrollmentState>('enrollmentState');

export function enrollmentWorkflowId(enrollmentId: string): string {
  return `enrollment-${enrollmentId}`;
}
