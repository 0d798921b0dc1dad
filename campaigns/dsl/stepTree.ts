import type { CampaignEventType } from './eventTypes';
import type { Step } from './steps';

/** Walking a campaign's step tree: run inside workflows, so no libraries (the step schema is in steps.ts). */

/** The nested step lists of a step, with the label used in step paths ("3.onTimeout.0"). */
export function childBranches(step: Step): Array<{ label: string; steps: Step[] }> {
  if (step.kind === 'branch')
    return [
      { label: 'then', steps: step.then },
      { label: 'else', steps: step.else },
    ];
  if (step.kind === 'waitForEvent')
    return [
      { label: 'onEvent', steps: step.onEvent },
      { label: 'onTimeout', steps: step.onTimeout },
    ];
  return [];
}

/** Visits every step with its path, depth first, in execution order. */
export function forEachStep(steps: Step[], visit: (step: Step, path: string) => void, prefix = ''): void {
  steps.forEach((step, index) => {
    const path = `${prefix}${index}`;
    visit(step, path);
    for (const child of childBranches(step)) forEachStep(child.steps, visit, `${path}.${child.label}.`);
  });
}

/** The events a campaign reacts to while it runs: its exit goals and the events its steps wait for. */
export function eventsListenedTo(definition: { exitOn: CampaignEventType[]; steps: Step[] }): CampaignEventType[] {
  const events = new Set<CampaignEventType>(definition.exitOn);
  forEachStep(definition.steps, (step) => {
    if (step.kind === 'waitForEvent') events.add(step.event);
  });
  return [...events];
}
