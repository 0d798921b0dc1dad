import { patched } from '@temporalio/workflow';
import { evaluateCondition } from '../../../campaigns/dsl/evaluateCondition';
import type { BranchStep } from '../../../campaigns/dsl/steps';
import { activities, databaseSteps, type EnrollmentRuntime } from '../runtime';
import { runSteps } from './runSteps';

/** Patched: the activity decides the branch, so no customer or vehicle row enters the history. */
export const BRANCH_DECIDED_IN_ACTIVITY = 'branch-decided-in-activity';

async function conditionHolds(step: BranchStep, rt: EnrollmentRuntime): Promise<boolean> {
  const { customerId, vehicleId, context } = rt.input;
  if (patched(BRANCH_DECIDED_IN_ACTIVITY))
    return (await databaseSteps().decideBranch({ customerId, vehicleId, when: step.when, context })).matches;
  const snapshot = await activities.loadBranchContext({ customerId, vehicleId });
  return evaluateCondition(step.when, { ...snapshot, context });
}

/** branch(condition): decided on the customer's data as it is now, not as it was at enrollment. */
export async function runBranch(step: BranchStep, path: string, rt: EnrollmentRuntime): Promise<void> {
  const chosen = (await conditionHolds(step, rt)) ? 'then' : 'else';
  rt.record(path, step, chosen);
  await runSteps(step[chosen], `${path}.${chosen}.`, rt);
}
