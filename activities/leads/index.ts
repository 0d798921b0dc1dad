import type { Settings } from '../../config/settings';
import type { PrismaClient } from '../../db/generated/client';
import { runEscalationStep, type EscalationStepInput } from './escalationStep';
import { openLeadFollowUp } from './openFollowUp';
import { recordCallbackOutcome, type RecordOutcomeInput } from './outcomes';
import { ensureAssigneePresent, takeOverLead } from './reassign';

/** The lead follow-up's side effects (emails themselves go through deliverStaffMessage). */
export function createLeadActivities(deps: { prisma: PrismaClient; settings: Settings }) {
  return {
    openLeadFollowUp: (input: Parameters<typeof openLeadFollowUp>[1]) => openLeadFollowUp(deps, input),
    ensureLeadAssigneePresent: (input: Parameters<typeof ensureAssigneePresent>[1]) => ensureAssigneePresent(deps, input),
    runLeadEscalationStep: (input: EscalationStepInput) => runEscalationStep(deps, input),
    takeOverLeadActivity: (input: Parameters<typeof takeOverLead>[1]) => takeOverLead(deps, input),
    recordCallbackOutcome: (input: RecordOutcomeInput) => recordCallbackOutcome(deps.prisma, input),
  };
}
