import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { SlaPolicyOverride } from '../../leads/slaPolicy';

export type LeadFollowUpInput = {
  leadId: string;
  /** The dealer's SLA/escalation override; missing parts use the defaults of leads/slaPolicy.ts. */
  policy?: SlaPolicyOverride;
};

export const CALLBACK_OUTCOMES = ['reached', 'appointment_booked', 'no_answer', 'not_interested', 'wrong_contact_data'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

export type CallbackOutcomeEvent = {
  /** Unique per logged outcome, so a re-delivered signal counts once. */
  outcomeId: string;
  outcome: CallbackOutcome;
  staffId?: string;
  note?: string;
};

export type LeadStatus = 'open' | 'completed' | 'unreachable';

export type LeadState = {
  leadId: string;
  status: LeadStatus;
  assigneeId?: string;
  assigneeName?: string;
  /** When the next callback is due (the SLA, or the next retry after 'no answer'). */
  dueAt?: string;
  /** Escalation steps taken since the current due time (0 = none yet). */
  escalationLevel: number;
  /** When the next escalation step fires, if any is left. */
  nextEscalationAt?: string;
  /** 'no answer' results so far. */
  attempts: number;
  outcome?: CallbackOutcome;
};

export const callbackOutcomeSignal = defineSignal<[CallbackOutcomeEvent]>('callbackOutcome');
export const takeOverLeadSignal = defineSignal<[{ staffId: string; requestId: string }]>('takeOverLead');
/** Someone's absences changed: re-check whether the assignee is still at work. */
export const staffAvailabilityChangedSignal = defineSignal<[{ staffId: string }]>('staffAvailabilityChanged');
export const leadStateQuery = defineQuery<LeadState>('leadState');

export function leadWorkflowId(leadId: string): string {
  return `lead-${leadId}`;
}
