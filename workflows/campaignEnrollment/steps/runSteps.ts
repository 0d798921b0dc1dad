import type { Step } from '../../../campaigns/dsl/steps';
import type { EnrollmentRuntime } from '../runtime';
import { runBranch } from './branch';
import { runCreateTask } from './createTask';
import { runSend } from './send';
import { runWait } from './wait';
import { runWaitForEvent } from './waitForEvent';
import { runWaitUntil } from './waitUntil';

function runStep(step: Step, path: string, rt: EnrollmentRuntime): Promise<void> {
  switch (step.kind) {
    case 'wait':
      return runWait(step, path, rt);
    case 'waitUntil':
      return runWaitUntil(step, path, rt);
    case 'send':
      return runSend(step, path, rt);
    case 'branch':
      return runBranch(step, path, rt);
    case 'waitForEvent':
      return runWaitForEvent(step, path, rt);
    case 'createTask':
      return runCreateTask(step, path, rt);
  }
}

/** Runs a list of steps in order; each step kind lives in its own module. */
export async function runSteps(steps: Step[], prefix: string, rt: EnrollmentRuntime): Promise<void> {
  const frame = { steps, prefix, index: 0 };
  rt.frames.push(frame);
  try {
    for (; frame.index < steps.length; frame.index += 1) {
      const step = steps[frame.index];
      const path = `${prefix}${frame.index}`;
      rt.state.currentStep = { path, kind: step.kind, name: step.name };
      await runStep(step, path, rt);
    }
  } finally {
    rt.frames.pop();
  }
}
