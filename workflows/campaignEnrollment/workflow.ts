import { ActivityFailure, CancellationScope, condition, isCancellation, patched, setHandler } from '@temporalio/workflow';
import { causeOf } from '../shared/gaveUp';
import {
  campaignEventSignal,
  enrollmentStateQuery,
  stopEnrollmentSignal,
  type CampaignEnrollmentInput,
  type EnrollmentState,
} from './contract';
import { CampaignExit, createRuntime, databaseSteps, failures } from './runtime';
import { runSteps } from './steps/runSteps';
import { BRANCH_DECIDED_IN_ACTIVITY } from './steps/branch';
import { decidePatchesUpFront } from '../shared/patchesUpFront';
import { projectUpcoming } from './upcoming';

/** Since December 2026 a step that gave up ends the enrollment as exited and is recorded for the dealer (before: the workflow failed). */
const RECORD_STEP_GIVE_UP = 'record-step-give-up';

/**
 * One customer's run through one campaign. The definition arrives pinned in the input, so a
 * redeployed campaign never changes a running enrollment. Goal events (`exitOn`) and stop
 * requests end it at once, even mid-sleep.
 */
export async function campaignEnrollmentWorkflow(input: CampaignEnrollmentInput): Promise<EnrollmentState> {
  // Both can first be asked right after a local activity (a staff task before a branch, or a step's failure).
  decidePatchesUpFront([BRANCH_DECIDED_IN_ACTIVITY, RECORD_STEP_GIVE_UP]);
  const rt = createRuntime(input);
  let exitReason: string | undefined;

  setHandler(campaignEventSignal, (event) => {
    if (rt.events.some((e) => e.eventId === event.eventId)) return; // duplicate delivery of the same event
    rt.events.push(event);
    if (input.definition.exitOn.includes(event.type)) exitReason ??= `goal reached: ${event.type}`;
  });
  setHandler(stopEnrollmentSignal, ({ reason }) => {
    exitReason ??= reason;
  });
  setHandler(enrollmentStateQuery, () => ({ ...rt.state, upcoming: rt.state.status === 'running' ? projectUpcoming(rt) : [] }));

  const scope = new CancellationScope();
  const run = scope.run(() => runSteps(input.definition.steps, '', rt));
  try {
    await Promise.race([run, condition(() => exitReason !== undefined)]);
    if (exitReason !== undefined) {
      scope.cancel();
      await run.catch((error) => {
        if (!isCancellation(error)) throw error;
      });
    }
  } catch (error) {
    if (error instanceof ActivityFailure && patched(RECORD_STEP_GIVE_UP)) {
      // A step gave up: the customer leaves the campaign visibly (timeline, a task for the managers), never silently.
      exitReason = `step gave up: ${error.activityType}`;
      await failures.recordEnrollmentFailure({
        enrollmentId: input.enrollmentId,
        activityType: error.activityType,
        stepPath: rt.state.currentStep?.path,
        ...causeOf(error),
        now: rt.now().toUTC().toISO()!,
      });
    } else if (error instanceof CampaignExit) exitReason = error.reason;
    else throw error;
  }

  rt.state.status = exitReason === undefined ? 'completed' : 'exited';
  rt.state.exitReason = exitReason;
  rt.state.currentStep = undefined;
  await databaseSteps().finishEnrollment({
    enrollmentId: input.enrollmentId,
    status: rt.state.status,
    exitReason,
    at: rt.now().toUTC().toISO()!,
  });
  return rt.state;
}
