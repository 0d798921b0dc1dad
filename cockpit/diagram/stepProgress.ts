import { childBranches, type Step } from '../../campaigns/dsl/steps';
import type { StepCounts } from './renderJourney';

/**
 * Where enrollments stand in a campaign, from what they left behind: every send and every task
 * carries its step path in its idempotency key (`<enrollment>/<path>`). An enrollment has passed
 * every step before its latest record (its ancestors and their earlier siblings); it waits at the
 * latest record while that message is still queued (deferred), otherwise at the step after it.
 * A wait that ends without a send (an event that arrived, an empty branch) shows at the step before.
 */
export type EnrollmentTrace = {
  status: 'active' | 'completed' | 'exited';
  exitReason: string | null;
  records: Array<{ path: string; final: boolean }>;
};

type Located = { path: string; steps: Step[]; index: number; parent?: Located };

function indexSteps(steps: Step[], prefix = '', parent?: Located, into = new Map<string, Located>()): Map<string, Located> {
  steps.forEach((step, index) => {
    const located: Located = { path: `${prefix}${index}`, steps, index, parent };
    into.set(located.path, located);
    for (const child of childBranches(step)) indexSteps(child.steps, `${located.path}.${child.label}.`, located, into);
  });
  return into;
}

const siblingPath = (at: Located, index: number) => at.path.replace(/\d+$/, String(index));

export function isGoalExit(exitReason: string | null): boolean {
  return Boolean(exitReason?.startsWith('goal reached'));
}

export function stepProgress(steps: Step[], traces: EnrollmentTrace[]): Map<string, StepCounts> {
  const located = indexSteps(steps);
  const order = [...located.keys()];
  const rank = new Map(order.map((p, i) => [p, i]));
  const counts = new Map(order.map((p) => [p, { waiting: 0, passed: 0, exited: 0 }]));

  const passedBefore = (path: string, into: Set<string>) => {
    for (let at = located.get(path); at; at = at.parent) {
      for (let i = 0; i < at.index; i += 1) into.add(siblingPath(at, i));
      if (at.path !== path) into.add(at.path);
    }
  };
  const after = (path: string): string | undefined => {
    for (let at = located.get(path); at; at = at.parent) {
      if (at.index + 1 < at.steps.length) return siblingPath(at, at.index + 1);
    }
    return undefined;
  };

  for (const trace of traces) {
    const records = trace.records.filter((r) => located.has(r.path)).sort((a, b) => rank.get(a.path)! - rank.get(b.path)!);
    const passed = new Set<string>();
    for (const r of records) {
      passedBefore(r.path, passed);
      if (r.final) passed.add(r.path);
    }
    const latest = records.at(-1);
    let position: string | undefined = latest ? (latest.final ? after(latest.path) : latest.path) : order[0];
    if (trace.status === 'completed') {
      steps.forEach((_, i) => passed.add(String(i)));
      position = undefined;
    }
    if (position) passedBefore(position, passed);
    for (const p of passed) counts.get(p)!.passed += 1;
    if (!position) continue;
    if (trace.status === 'active') counts.get(position)!.waiting += 1;
    else if (trace.status === 'exited' && isGoalExit(trace.exitReason)) counts.get(position)!.exited += 1;
  }
  return counts;
}
