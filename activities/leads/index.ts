import type { Settings } from '../../config/settings';
import type { PrismaClient } from '../../db/generated/client';
import type { StaffDeliveryDeps } from '../delivery/deliverStaffMessage';
import { runEscalationStep, type EscalationStepInput } from './escalationStep';
import { recordLeadFollowUpFailure, type FollowUpFailureInput } from './leadAttention';
import { deliverLeadMail, type LeadMail } from './leadMail';
import { openLeadFollowUp } from './openFollowUp';
import { recordCallbackOutcome, type RecordOutcomeInput } from './outcomes';
import { ensureAssigneePresentIds, takeOverLeadIds } from './reassign';

/** The lead follow-up's side effects. Inputs and results carry ids, dates, enums and counts only. */
export function createLeadActivities(deps: { prisma: PrismaClient; settings: Settings }, delivery: StaffDeliveryDeps) {
  return {
    openLeadFollowUp: (input: Parameters<typeof openLeadFollowUp>[1]) => openLeadFollowUp(deps, input),
    ensureLeadAssigneePresent: (input: Parameters<typeof ensureAssigneePresentIds>[1]) => ensureAssigneePresentIds(deps, input),
    runLeadEscalationStep: (input: EscalationStepInput) => runEscalationStep(deps, input),
    takeOverLeadActivity: (input: Parameters<typeof takeOverLeadIds>[1]) => takeOverLeadIds(deps, input),
    recordCallbackOutcome: (input: RecordOutcomeInput) => recordCallbackOutcome(deps.prisma, input),
    deliverLeadMail: (input: LeadMail & { now: string }) => deliverLeadMail({ ...delivery, settings: deps.settings }, input),
    recordLeadFollowUpFailure: (input: FollowUpFailureInput) => recordLeadFollowUpFailure(deps.prisma, input),
  };
}
