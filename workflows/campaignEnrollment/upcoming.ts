import { DateTime } from 'luxon';
import type { Step } from '../../campaigns/dsl/steps';
import type { UpcomingTouchpoint } from './contract';
import type { EnrollmentRuntime } from './runtime';
import { waitUntilInstant } from './steps/waitUntil';

function label(step: Step): string {
  if (step.name) return step.name;
  if (step.kind === 'send') return step.template;
  if (step.kind === 'createTask') return `${step.role}: ${step.task}`;
  return step.kind;
}

/**
 * Projects the enrollment's next sends and tasks with their dates, from the step it is in now.
 * Stops at the first branch or event wait, whose outcome nobody can know yet.
 */
export function projectUpcoming(rt: EnrollmentRuntime): UpcomingTouchpoint[] {
  const upcoming: UpcomingTouchpoint[] = [];
  let cursor = rt.state.wakeAt ? DateTime.fromISO(rt.state.wakeAt, { zone: rt.input.timeZone }) : rt.now();
  const current = rt.state.currentStep;
  // Innermost frame first: the rest of its list, then the rest of each enclosing list.
  for (let depth = rt.frames.length - 1; depth >= 0; depth -= 1) {
    const frame = rt.frames[depth];
    const start = frame.index + (current && depth === rt.frames.length - 1 && ['send', 'createTask'].includes(current.kind) ? 0 : 1);
    for (let index = start; index < frame.steps.length; index += 1) {
      const step = frame.steps[index];
      const stepPath = `${frame.prefix}${index}`;
      if (step.kind === 'wait') cursor = cursor.plus(step.duration);
      else if (step.kind === 'waitUntil') {
        const target = waitUntilInstant(step, rt.input.context, rt.input.timeZone);
        if (target && target > cursor) cursor = target;
      } else if (step.kind === 'send' || step.kind === 'createTask') {
        upcoming.push({ at: cursor.toUTC().toISO()!, campaignId: rt.input.definition.id, stepPath, kind: step.kind, name: label(step) });
      } else return upcoming;
    }
  }
  return upcoming;
}
