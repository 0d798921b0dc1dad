import type { Client, WorkflowHandle } from '@temporalio/client';
import { startWorkflowOnce } from '../engine/startWorkflowOnce';
import {
  leadStateQuery,
  leadWorkflowId,
  logCallbackOutcomeUpdate,
  staffAvailabilityChangedSignal,
  takeOverLeadSignal,
  type CallbackOutcomeEvent,
  type LeadFollowUpInput,
  type LeadState,
  type OutcomeReceipt,
} from '../workflows/leadFollowUp/contract';
import type { leadFollowUpWorkflow } from '../workflows/leadFollowUp/workflow';

/**
 * The one way the engine talks to a lead's follow-up workflow (id `lead-<leadId>`, built by leadWorkflowId):
 * start it, query its state, signal take-overs and absences, log callback outcomes as an Update. Arguments are
 * checked against the workflow's own signal/query/update definitions.
 */
export function leadFollowUpHandle(client: Client, leadId: string): WorkflowHandle<typeof leadFollowUpWorkflow> {
  return client.workflow.getHandle<typeof leadFollowUpWorkflow>(leadWorkflowId(leadId));
}

/**
 * Starts the lead's follow-up unless it runs already. A follow-up that has finished is never started again for
 * the same lead (`closedBefore` then says so).
 */
export async function startLeadFollowUp(client: Client, taskQueue: string, input: LeadFollowUpInput): Promise<{ closedBefore: boolean }> {
  const { closedBefore } = await startWorkflowOnce(client, 'leadFollowUpWorkflow', {
    taskQueue,
    workflowId: leadWorkflowId(input.leadId),
    args: [input],
    restart: 'never',
  });
  return { closedBefore };
}

/** Open/completed/unreachable, assignee, due time, escalation level. */
export function queryLeadState(client: Client, leadId: string): Promise<LeadState> {
  return leadFollowUpHandle(client, leadId).query(leadStateQuery);
}

/** Logs an outcome; the workflow's validator rejects it (WorkflowUpdateFailedError) when the lead is no longer open. */
export function updateCallbackOutcome(client: Client, leadId: string, event: CallbackOutcomeEvent): Promise<OutcomeReceipt> {
  return leadFollowUpHandle(client, leadId).executeUpdate(logCallbackOutcomeUpdate, { args: [event] });
}

export function signalTakeOver(client: Client, leadId: string, request: { staffId: string; requestId: string }): Promise<void> {
  return leadFollowUpHandle(client, leadId).signal(takeOverLeadSignal, request);
}

export function signalStaffAvailabilityChanged(client: Client, leadId: string, staffId: string): Promise<void> {
  return leadFollowUpHandle(client, leadId).signal(staffAvailabilityChangedSignal, { staffId });
}
