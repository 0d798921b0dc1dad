import type { CampaignDefinition } from '../../campaigns/dsl/campaign';
import type { Duration, Offset } from '../../campaigns/dsl/duration';
import type { Condition } from '../../campaigns/dsl/conditions';
import type { Step, StepKind } from '../../campaigns/dsl/steps';
import type { Lang } from '../i18n';

/**
 * A campaign definition as a graph: one node per step (id = the step path the workflow uses, e.g.
 * "1.else.0"), plus start, end and, when the campaign has goal events, the goal exit. Edges follow
 * the order the workflow runs the steps in: "next", a branch's "then"/"else", a waitForEvent's
 * "onEvent"/"onTimeout", a waitUntil's "ifPast" exit, and start → goal for the exit events.
 */
export type JourneyNodeKind = StepKind | 'start' | 'end' | 'goal';
export type JourneyNode = { id: string; kind: JourneyNodeKind; title: string; detail?: string };
export type JourneyEdgeKind = 'next' | 'then' | 'else' | 'onEvent' | 'onTimeout' | 'ifPast' | 'goal';
export type JourneyEdge = { from: string; to: string; kind: JourneyEdgeKind; label?: string };
export type JourneyGraph = { nodes: JourneyNode[]; edges: JourneyEdge[] };

export const START = 'start';
export const END = 'end';
export const GOAL = 'goal';

type Dangling = { from: string; kind: JourneyEdgeKind; label?: string };

const words = {
  de: {
    weeks: 'Wochen',
    days: 'Tage',
    hours: 'Std.',
    minutes: 'Min.',
    months: 'Monate',
    years: 'Jahre',
    wait: 'Warten',
    until: 'Warten bis',
    send: 'E-Mail',
    branch: 'Verzweigung',
    event: 'Warten auf',
    max: 'höchstens',
    task: 'Aufgabe',
    start: 'Eintritt',
    end: 'Ende',
    goal: 'Ziel erreicht → Ende',
    then: 'ja',
    else: 'nein',
    onEvent: 'Ereignis',
    onTimeout: 'Zeitablauf',
    ifPast: 'Datum vorbei',
    anytime: 'jederzeit',
    at: 'um',
    dueIn: 'fällig in',
  },
  en: {
    weeks: 'weeks',
    days: 'days',
    hours: 'h',
    minutes: 'min',
    months: 'months',
    years: 'years',
    wait: 'Wait',
    until: 'Wait until',
    send: 'Email',
    branch: 'Branch',
    event: 'Wait for',
    max: 'at most',
    task: 'Task',
    start: 'Entry',
    end: 'End',
    goal: 'Goal reached → end',
    then: 'yes',
    else: 'no',
    onEvent: 'event',
    onTimeout: 'timeout',
    ifPast: 'date passed',
    anytime: 'any time',
    at: 'at',
    dueIn: 'due in',
  },
};
type Words = (typeof words)['de'];

function duration(d: Duration | Offset, w: Words): string {
  return Object.entries(d)
    .filter(([, v]) => typeof v === 'number' && v !== 0)
    .map(([unit, v]) => `${(v as number) > 0 ? '' : '−'}${Math.abs(v as number)} ${w[unit as keyof Words] ?? unit}`)
    .join(' ');
}

function condition(c: Condition): string {
  if ('all' in c) return c.all.map(condition).join(' ∧ ');
  if ('any' in c) return c.any.map(condition).join(' ∨ ');
  if ('not' in c) return `¬(${condition(c.not)})`;
  const value = 'value' in c ? ` ${JSON.stringify(c.value)}` : '';
  return `${c.field} ${c.op}${value}`;
}

function describe(step: Step, w: Words): { title: string; detail?: string } {
  const named = (text: string) => ({ title: step.name ?? text, detail: step.name ? text : undefined });
  switch (step.kind) {
    case 'wait':
      return named(`${w.wait} ${duration(step.duration, w)}`);
    case 'waitUntil':
      return named(`${w.until} ${step.date}${step.offset ? ` ${duration(step.offset, w)}` : ''}${step.at ? ` ${w.at} ${step.at}` : ''}`);
    case 'send':
      return named(`${w.send}: ${step.template}`);
    case 'branch':
      return named(`${w.branch}: ${condition(step.when)}`);
    case 'waitForEvent':
      return named(`${w.event} ${step.event} (${w.max} ${duration(step.timeout, w)})`);
    case 'createTask':
      return named(`${w.task}: ${step.role} · ${step.task}${step.dueIn ? ` (${w.dueIn} ${duration(step.dueIn, w)})` : ''}`);
  }
}

export function journeyGraph(definition: CampaignDefinition, lang: Lang = 'de'): JourneyGraph {
  const w = words[lang];
  const nodes: JourneyNode[] = [{ id: START, kind: 'start', title: w.start, detail: definition.audience }];
  const edges: JourneyEdge[] = [];
  const connect = (entries: Dangling[], to: string) =>
    entries.forEach((e) => edges.push({ from: e.from, to, kind: e.kind, label: e.label }));

  function list(steps: Step[], prefix: string, entries: Dangling[]): Dangling[] {
    let open = entries;
    steps.forEach((step, index) => {
      const id = `${prefix}${index}`;
      nodes.push({ id, kind: step.kind, ...describe(step, w) });
      connect(open, id);
      if (step.kind === 'branch') {
        open = [
          ...list(step.then, `${id}.then.`, [{ from: id, kind: 'then', label: w.then }]),
          ...list(step.else, `${id}.else.`, [{ from: id, kind: 'else', label: w.else }]),
        ];
      } else if (step.kind === 'waitForEvent') {
        open = [
          ...list(step.onEvent, `${id}.onEvent.`, [{ from: id, kind: 'onEvent', label: `${w.onEvent}: ${step.event}` }]),
          ...list(step.onTimeout, `${id}.onTimeout.`, [
            { from: id, kind: 'onTimeout', label: `${w.onTimeout} (${duration(step.timeout, w)})` },
          ]),
        ];
      } else {
        if (step.kind === 'waitUntil' && step.ifPast === 'exit') edges.push({ from: id, to: END, kind: 'ifPast', label: w.ifPast });
        open = [{ from: id, kind: 'next' }];
      }
    });
    return open;
  }

  const last = list(definition.steps, '', [{ from: START, kind: 'next' }]);
  nodes.push({ id: END, kind: 'end', title: w.end });
  connect(last, END);
  if (definition.exitOn.length > 0) {
    nodes.push({ id: GOAL, kind: 'goal', title: w.goal, detail: definition.exitOn.join(', ') });
    edges.push({ from: START, to: GOAL, kind: 'goal', label: w.anytime });
  }
  return { nodes, edges };
}
