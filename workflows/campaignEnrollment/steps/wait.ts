import type { WaitStep } from '../../../campaigns/dsl/steps';
import type { EnrollmentRuntime } from '../runtime';

/** wait(duration): a durable timer; months are calendar months in the dealer's time zone. */
export async function runWait(step: WaitStep, path: string, rt: EnrollmentRuntime): Promise<void> {
  await rt.sleepUntil(rt.now().plus(step.duration));
  rt.record(path, step, 'waited');
}
