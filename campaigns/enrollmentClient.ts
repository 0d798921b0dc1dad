import type { Client, WorkflowHandle } from '@temporalio/client';
import { startWorkflowOnce } from '../engine/startWorkflowOnce';
import {
  enrollmentStateQuery,
  enrollmentWorkflowId,
  type CampaignEnrollmentInput,
  type EnrollmentState,
} from '../workflows/campaignEnrollment/contract';
import type { campaignEnrollmentWorkflow } from '../workflows/campaignEnrollment/workflow';

/**
 * The one way engine code outside workflows/ talks to an enrollment's workflow (id `enrollment-<enrollmentId>`, built
 * by enrollmentWorkflowId): start it once, query it. (The lifecycle workflow signals enrollments from inside Temporal.)
 */
export function enrollmentHandle(client: Client, enrollmentId: string): WorkflowHandle<typeof campaignEnrollmentWorkflow> {
  return client.workflow.getHandle<typeof campaignEnrollmentWorkflow>(enrollmentWorkflowId(enrollmentId));
}

/**
 * Starts the enrollment's workflow unless it runs already (a retried request or activity counts as started). An
 * enrollment runs once: after it has finished, the same enrollment id never starts it again (`closedBefore`).
 */
export async function startEnrollmentWorkflow(
  client: Client,
  taskQueue: string,
  input: CampaignEnrollmentInput,
): Promise<{ closedBefore: boolean }> {
  const { closedBefore } = await startWorkflowOnce(client, 'campaignEnrollmentWorkflow', {
    taskQueue,
    workflowId: enrollmentWorkflowId(input.enrollmentId),
    args: [input],
    restart: 'never',
  });
  return { closedBefore };
}

/** Where the enrollment stands: status, current step, what it has done and what it will send next. */
export function queryEnrollmentState(client: Client, enrollmentId: string): Promise<EnrollmentState> {
  return enrollmentHandle(client, enrollmentId).query(enrollmentStateQuery);
}
