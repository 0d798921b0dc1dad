import { condition } from '@temporalio/workflow';
import type { WaitForEventStep } from '../../../campaigns/dsl/steps';
import type { EnrollmentRuntime } from '../runtime';
import { workflowNowMs } from '../../shared/clock';
import { runSteps } from './runSteps';

/** waitForEvent(type, timeout): continue on `onEvent` if it arrives in time, else on `onTimeout`. */
export async function runWaitForEvent(step: WaitForEventStep, path: string, rt: EnrollmentRuntime): Promise<void> {
  const since = workflowNowMs();
  const deadline = rt.now().plus(step.timeout);
  rt.state.waitingForEvent = step.event;
  rt.state.wakeAt = deadline.toUTC().toISO()!;
  let arrived: boolean;
  try {
    arrived = await condition(() => rt.eventsSince(step.event, since) !== undefined, deadline.toMillis() - since);
  } finally {
    rt.state.waitingForEvent = undefined;
    rt.state.wakeAt = undefined;
  }
  const outcome = arrived ? 'onEvent' : 'onTimeout';
  rt.record(path, step, arrived ? `${step.event} arrived` : 'timed out');
  await runSteps(step[outcome], `${path}.${outcome}.`, rt);
}
