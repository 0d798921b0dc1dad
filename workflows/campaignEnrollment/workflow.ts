import { CancellationScope, condition, isCancellation, setHandler } from '@temporalio/workflow';
import {
  campaignEventSignal,
  enrollmentStateQuery,
  stopEnrollmentSignal,
  type CampaignEnrollmentInput,
  type EnrollmentState,
} from './contract';
import { activities, CampaignExit, createRuntime } from './runtime';
import { runSteps } from './steps/runSteps';
import { projectUpcoming } from './upcoming';

/**
 * One customer's run through one campaign. The definition arrives pinned in the input, so a
 * redeployed campaign never changes a running enrollment. Goal events (`exitOn`) and stop
 * requests end it at once, even mid-sleep.
 */
export async function campaignEnrollmentWorkflow(input: CampaignEnrollmentInput): Promise<EnrollmentState> {
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
    if (!(error instanceof CampaignExit)) throw error;
    exitReason = error.reason;
  }

  rt.state.status = exitReason === undefined ? 'completed' : 'exited';
  rt.state.exitReason = exitReason;
  rt.state.currentStep = undefined;
  await activities.finishEnrollment({
    enrollmentId: input.enrollmentId,
    status: rt.state.status,
    exitReason,
    at: rt.now().toUTC().toISO()!,
  });
  return rt.state;
}
