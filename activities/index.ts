import type { CampaignDefinition } from '../campaigns/dsl/campaign';
import type { Settings } from '../config/settings';
import type { PrismaClient } from '../db/generated/client';
import type { MailTransport } from '../mail/transport';
import { createRenderer } from '../templates/render';
import type { SendingWindowInput } from '../time/sendingWindow';
import { deliverCampaignMessage, type DeliverCampaignMessageInput } from './delivery/deliverCampaignMessage';
import { deliverStaffMessage, type DeliverStaffMessageInput } from './delivery/deliverStaffMessage';
import { defaultFrequencyCap, type FrequencyCap } from './delivery/frequencyCap';
import { createSendSlots, newsletterSlotCount, smtpPoolSize } from './delivery/sendSlots';
import type { DeliveryFaults } from './delivery/sendThroughOutbox';
import { admitEnrollment, decideBranch, finishEnrollment, loadBranchContext, type AdmitEnrollmentInput } from './enrollments';
import { recordHeartbeat } from './health';
import { createStaffTask, type CreateStaffTaskInput } from './staffTasks';
import { recordEnrollmentFailure, recordLifecycleFailure, type EnrollmentFailureInput, type LifecycleFailureInput } from './stepFailures';
import { createLeadActivities } from './leads';
import { createLifecycleActivities } from './lifecycle';
import { createNewsletterActivities } from './newsletters';

export type ActivityDeps = {
  prisma: PrismaClient;
  transport: MailTransport;
  settings: Settings;
  renderer?: ReturnType<typeof createRenderer>;
  frequencyCap?: FrequencyCap;
  sendingWindow?: SendingWindowInput;
  /** The campaigns the lifecycle enrolls in (default: campaigns/catalogue.ts); a simulation runs changed definitions. */
  catalogue?: Map<string, CampaignDefinition>;
  /** Only tests set these, to simulate crashes at the exact points that matter. */
  faults?: DeliveryFaults;
};

/**
 * Every side effect the workflows can ask for, bound to their dependencies. Workflows see only
 * the type (`import type { Activities }`), never this code.
 */
export function createActivities(deps: ActivityDeps) {
  const delivery = {
    ...deps,
    renderer: deps.renderer ?? createRenderer(),
    frequencyCap: deps.frequencyCap ?? defaultFrequencyCap,
    sendSlots: createSendSlots(smtpPoolSize(deps.transport)),
    waveSlots: createSendSlots(newsletterSlotCount(deps.transport)),
  };
  const { prisma } = deps;
  return {
    deliverCampaignMessage: (input: DeliverCampaignMessageInput) => deliverCampaignMessage(delivery, input),
    deliverStaffMessage: (input: DeliverStaffMessageInput) => deliverStaffMessage(delivery, input),
    createStaffTask: (input: CreateStaffTaskInput) => createStaffTask(prisma, input),
    admitEnrollment: (input: AdmitEnrollmentInput) => admitEnrollment(prisma, input),
    finishEnrollment: (input: Parameters<typeof finishEnrollment>[1]) => finishEnrollment(prisma, input),
    recordEnrollmentFailure: (input: EnrollmentFailureInput) => recordEnrollmentFailure(prisma, input),
    recordLifecycleFailure: (input: LifecycleFailureInput) => recordLifecycleFailure(prisma, input),
    loadBranchContext: (input: Parameters<typeof loadBranchContext>[1]) => loadBranchContext(prisma, input),
    decideBranch: (input: Parameters<typeof decideBranch>[1]) => decideBranch(prisma, input),
    recordHeartbeat: (input: { probeId: string; at: string }) => recordHeartbeat(prisma, input),
    ...createLeadActivities(deps, delivery),
    ...createLifecycleActivities({ prisma, catalogue: deps.catalogue }),
    ...createNewsletterActivities(delivery),
  };
}

export type Activities = ReturnType<typeof createActivities>;
