import { Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { enrollmentWorkflowId, type CampaignEnrollmentInput } from '../../workflows/campaignEnrollment/contract';
import { leadWorkflowId } from '../../workflows/leadFollowUp/contract';

/**
 * Starts a workflow on the worker's own task queue, once: the id is deterministic, so a retried
 * activity (or a replayed lifecycle) finds it already started and counts that as success.
 *
 * Why not a child workflow: enrollments must outlive the lifecycle's continue-as-new. With
 * ParentClosePolicy.ABANDON that works on a real server, but Temporal's time-skipping test server
 * stops skipping time for good when an abandoned child completes after its parent continued as
 * new (seen with temporal-test-server 1.38.0). Independent workflows have no parent to notify.
 */
async function startOnce(workflowType: string, workflowId: string, args: unknown[]): Promise<{ started: boolean }> {
  const { client, info } = Context.current();
  try {
    await client.workflow.start(workflowType, { taskQueue: info.taskQueue, workflowId, args });
    return { started: true };
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return { started: false };
    throw error;
  }
}

export const startEnrollmentWorkflow = (input: CampaignEnrollmentInput) =>
  startOnce('campaignEnrollmentWorkflow', enrollmentWorkflowId(input.enrollmentId), [input]);

export const startLeadFollowUp = (input: { leadId: string }) =>
  startOnce('leadFollowUpWorkflow', leadWorkflowId(input.leadId), [{ leadId: input.leadId }]);
