import { DateTime } from 'luxon';
import { evaluateCondition, type Condition } from '../../campaigns/dsl/evaluateCondition';
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

/** A condition that reads only the pinned enrollment context can be decided now, without data. */
function readsOnlyContext(condition: Condition): boolean {
  if ('all' in condition) return condition.all.every(readsOnlyContext);
  if ('any' in condition) return condition.any.every(readsOnlyContext);
  if ('not' in condition) return readsOnlyContext(condition.not);
  return condition.field.startsWith('context.');
}

type Projection = { upcoming: UpcomingTouchpoint[]; cursor: DateTime; stopped: boolean };

/** Walks steps[from…] forward from `cursor`; stops at the first step whose outcome nobody can know yet. */
function projectList(rt: EnrollmentRuntime, steps: Step[], prefix: string, from: number, projection: Projection): Projection {
  for (let index = from; index < steps.length && !projection.stopped; index += 1) {
    const step = steps[index];
    const stepPath = `${prefix}${index}`;
    if (step.kind === 'wait') projection.cursor = projection.cursor.plus(step.duration);
    else if (step.kind === 'waitUntil') {
      const target = waitUntilInstant(step, rt.input.context, rt.input.timeZone);
      if (target && target > projection.cursor) projection.cursor = target;
    } else if (step.kind === 'send' || step.kind === 'createTask') {
      projection.upcoming.push({
        at: projection.cursor.toUTC().toISO()!,
        campaignId: rt.input.definition.id,
        stepPath,
        kind: step.kind,
        name: label(step),
      });
    } else if (step.kind === 'branch' && readsOnlyContext(step.when)) {
      const chosen = evaluateCondition(step.when, { customer: null, vehicle: null, context: rt.input.context }) ? 'then' : 'else';
      projectList(rt, step[chosen], `${stepPath}.${chosen}.`, 0, projection);
    } else projection.stopped = true; // a branch on live data, or an event wait
  }
  return projection;
}

/**
 * Projects the enrollment's next sends and tasks with their dates, from the step it is in now: the
 * rest of the innermost step list, then the rest of each enclosing one.
 */
export function projectUpcoming(rt: EnrollmentRuntime): UpcomingTouchpoint[] {
  const projection: Projection = {
    upcoming: [],
    cursor: rt.state.wakeAt ? DateTime.fromISO(rt.state.wakeAt, { zone: rt.input.timeZone }) : rt.now(),
    stopped: false,
  };
  const current = rt.state.currentStep;
  for (let depth = rt.frames.length - 1; depth >= 0 && !projection.stopped; depth -= 1) {
    const frame = rt.frames[depth];
    const currentIsPending = current && depth === rt.frames.length - 1 && ['send', 'createTask'].includes(current.kind);
    projectList(rt, frame.steps, frame.prefix, frame.index + (currentIsPending ? 0 : 1), projection);
  }
  return projection.upcoming;
}
