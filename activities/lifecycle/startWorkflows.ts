import { Context } from '@temporalio/activity';
import { startEnrollmentWorkflow as startEnrollment } from '../../campaigns/enrollmentClient';
import { startLeadFollowUp as startFollowUp } from '../../leads/leadFollowUpClient';
import type { CampaignEnrollmentInput } from '../../workflows/campaignEnrollment/contract';

/**
 * Start a workflow on the worker's own task queue, once: the id is deterministic, so a retried activity (or a
 * replayed lifecycle) finds it running and counts that as success (see engine/startWorkflowOnce.ts). `started` is
 * false when that workflow had already finished: it is not run again.
 *
 * Why not a child workflow: enrollments must outlive the lifecycle's continue-as-new. With
 * ParentClosePolicy.ABANDON that works on a real server, but Temporal's time-skipping test server
 * stops skipping time for good when an abandoned child completes after its parent continued as
 * new (seen with temporal-test-server 1.38.0). Independent workflows have no parent to notify.
 */
const here = () => {
  const { client, info } = Context.current();
  return { client, taskQueue: info.taskQueue };
};

export async function startEnrollmentWorkflow(input: CampaignEnrollmentInput): Promise<{ started: boolean }> {
  const { client, taskQueue } = here();
  const { closedBefore } = await startEnrollment(client, taskQueue, input);
  return { started: !closedBefore };
}

export async function startLeadFollowUp(input: { leadId: string }): Promise<{ started: boolean }> {
  const { client, taskQueue } = here();
  const { closedBefore } = await startFollowUp(client, taskQueue, { leadId: input.leadId });
  return { started: !closedBefore };
}
