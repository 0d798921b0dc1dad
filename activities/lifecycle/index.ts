import { Context } from '@temporalio/activity';
import { loadCampaignCatalogue } from '../../campaigns/catalogue';
import type { CampaignDefinition } from '../../campaigns/dsl/campaign';
import type { PrismaClient } from '../../db/generated/client';
import type { LifecycleEvent } from '../../lifecycle/eventDetails';
import { eraseCustomerData, markCustomerLapsed } from './customerStatus';
import {
  admitLifecycleEnrollment,
  closeEnrollments,
  enrollInLifecycleCampaign,
  type AdmitLifecycleEnrollmentInput,
} from './enrollCampaign';
import { loadLifecycleCustomer } from './loadCustomer';
import { createReactivationLead } from './reactivationLead';
import { recordCustomerEvent } from './recordEvent';
import { startEnrollmentWorkflow, startLeadFollowUp } from './startWorkflows';

/** This activity's identity across its retries: the same for every attempt, different for every other recording. */
function recordingActivity(): string | undefined {
  const { workflowExecution, activityId } = Context.current().info;
  return workflowExecution ? `${workflowExecution.workflowId}/${workflowExecution.runId}/${activityId}` : undefined;
}

/** The side effects of the customer lifecycle (workflows/customerLifecycle), bound to the database. */
export function createLifecycleActivities(deps: { prisma: PrismaClient; catalogue?: Map<string, CampaignDefinition> }) {
  const { prisma } = deps;
  let catalogue = deps.catalogue;
  const campaigns = () => (catalogue ??= loadCampaignCatalogue());
  return {
    loadLifecycleCustomer: (input: { customerId: string }) => loadLifecycleCustomer(prisma, input),
    recordCustomerEvent: (input: { customerId: string; event: LifecycleEvent; now: string }) =>
      recordCustomerEvent(prisma, { ...input, recordedBy: recordingActivity() }),
    admitLifecycleEnrollment: (input: AdmitLifecycleEnrollmentInput) => admitLifecycleEnrollment(prisma, campaigns(), input),
    enrollInLifecycleCampaign: (input: AdmitLifecycleEnrollmentInput) =>
      enrollInLifecycleCampaign(prisma, campaigns(), startEnrollmentWorkflow, input),
    closeEnrollments: (input: Parameters<typeof closeEnrollments>[1]) => closeEnrollments(prisma, input),
    createReactivationLead: (input: Parameters<typeof createReactivationLead>[1]) => createReactivationLead(prisma, input),
    markCustomerLapsed: (input: Parameters<typeof markCustomerLapsed>[1]) => markCustomerLapsed(prisma, input),
    eraseCustomerData: (input: Parameters<typeof eraseCustomerData>[1]) => eraseCustomerData(prisma, input),
    startEnrollmentWorkflow,
    startLeadFollowUp,
  };
}
