import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { SlaPolicyOverride } from '../../leads/slaPolicy';

export type LeadFollowUpInput = {
  leadId: string;
  /** The dealer's SLA/escalation override; missing parts use the defaults of leads/slaPolicy.ts. */
  policy?: SlaPolicyOverride;
};

export const CALLBACK_OUTCOMES = ['reached', 'appointment_booked', 'no_answer', 'not_interested', 'wrong_contact_data'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

export type CallbackOutcomeEvent = {
  /** Unique per logged outcome, so a re-delivered update or signal counts once. */
  outcomeId: string;
  outcome: CallbackOutcome;
  staffId?: string;
  /**
   * Only in signals sent before notes moved out of Temporal: today the caller stores the note in the
   * database (CallbackNote, keyed by outcomeId) and the activity reads it from there.
   */
  note?: string;
};

/** What the follow-up made of an accepted outcome. */
export type OutcomeReceipt = {
  outcomeId: string;
  outcome: CallbackOutcome;
  /** completed: the lead is closed; retry: a new attempt is due at retryAt; unreachable: closed after the last attempt; late: recorded on a lead that was closing. */
  result: 'completed' | 'retry' | 'unreachable' | 'late';
  retryAt?: string;
  attempts: number;
};

export type LeadStatus = 'open' | 'completed' | 'unreachable';

export type LeadState = {
  leadId: string;
  status: LeadStatus;
  /** Staff id only: pages and the API join the name from the database. */
  assigneeId?: string;
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

/** Kept so outcomes signalled by older callers (and recorded histories) are still handled. */
export const callbackOutcomeSignal = defineSignal<[CallbackOutcomeEvent]>('callbackOutcome');
/** Logs a callback outcome; the validator rejects it when the lead's follow-up is no longer open, so the caller knows. */
export const logCallbackOutcomeUpdate = defineUpdate<OutcomeReceipt, [CallbackOutcomeEvent]>('logCallbackOutcome');
export const takeOverLeadSignal = defineSignal<[{ staffId: string; requestId: string }]>('takeOverLead');
/** Someone's absences changed: re-check whether the assignee is still at work. */
export const staffAvailabilityChangedSignal = defineSignal<[{ staffId: string }]>('staffAvailabilityChanged');
export const leadStateQuery = defineQuery<LeadState>('leadState');

export function leadWorkflowId(leadId: string): string {
  return `lead-${leadId}`;
}
