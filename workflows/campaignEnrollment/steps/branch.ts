import { evaluateCondition } from '../../../campaigns/dsl/conditions';
import type { BranchStep } from '../../../campaigns/dsl/steps';
import { activities, type EnrollmentRuntime } from '../runtime';
import { runSteps } from './runSteps';

/** branch(condition): decided on the customer's data as it is now, not as it was at enrollment. */
export async function runBranch(step: BranchStep, path: string, rt: EnrollmentRuntime): Promise<void> {
  const snapshot = await activities.loadBranchContext({ customerId: rt.input.customerId, vehicleId: rt.input.vehicleId });
  const chosen = evaluateCondition(step.when, { ...snapshot, context: rt.input.context }) ? 'then' : 'else';
  rt.record(path, step, chosen);
  await runSteps(step[chosen], `${path}.${chosen}.`, rt);
}
