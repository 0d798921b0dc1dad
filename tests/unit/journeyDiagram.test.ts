import { builtInCampaigns } from '../../campaigns/catalogue';
import { forEachStep, type Step } from '../../campaigns/dsl/steps';
import { END, GOAL, journeyGraph, START } from '../../cockpit/diagram/journeyGraph';
import { layoutJourney, renderJourneyDiagram } from '../../cockpit/diagram/renderJourney';
import { stepProgress } from '../../cockpit/diagram/stepProgress';
import { serviceReminders } from '../../campaigns/builtin/serviceReminders';
import { postPurchaseCheckIns } from '../../campaigns/builtin/postPurchaseCheckIns';

const edgeList = (g: ReturnType<typeof journeyGraph>) => g.edges.map((e) => `${e.from} -${e.kind}-> ${e.to}`);
const decode = (svg: string) =>
  svg
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');

describe('the journey diagram of every built-in campaign', () => {
  it.each(builtInCampaigns.map((c) => [c.id, c] as const))(
    '%s: one node per step, edges in the order the workflow runs them, drawn as SVG',
    (_id, campaign) => {
      const graph = journeyGraph(campaign);
      const steps: Array<{ path: string; step: Step }> = [];
      forEachStep(campaign.steps, (step, path) => steps.push({ path, step }));

      // Nodes: start, end, the goal exit when there are goal events, and exactly one per step path with its kind.
      expect(graph.nodes.map((n) => n.id).sort()).toEqual(
        [START, END, ...(campaign.exitOn.length ? [GOAL] : []), ...steps.map((s) => s.path)].sort(),
      );
      for (const { path, step } of steps) expect(graph.nodes.find((n) => n.id === path)?.kind).toBe(step.kind);

      // Edges: the first step follows the start; consecutive steps of one list follow each other unless the first is a container.
      const edges = edgeList(graph);
      expect(edges).toContain(`${START} -next-> 0`);
      for (const { path, step } of steps) {
        const incoming = graph.edges.filter((e) => e.to === path);
        expect(incoming.length).toBeGreaterThan(0);
        const outgoing = graph.edges.filter((e) => e.from === path).map((e) => e.kind);
        if (step.kind === 'branch') expect(outgoing).toEqual(expect.arrayContaining(['then', 'else']));
        else if (step.kind === 'waitForEvent') expect(outgoing).toEqual(expect.arrayContaining(['onEvent', 'onTimeout']));
        else expect(outgoing).toContain('next');
        if (step.kind === 'waitUntil' && step.ifPast === 'exit') expect(edges).toContain(`${path} -ifPast-> ${END}`);
        if (step.kind === 'send')
          expect(graph.nodes.find((n) => n.id === path)!.detail ?? graph.nodes.find((n) => n.id === path)!.title).toContain(step.template);
      }
      if (campaign.exitOn.length) {
        expect(edges).toContain(`${START} -goal-> ${GOAL}`);
        expect(graph.nodes.find((n) => n.id === GOAL)!.detail).toBe(campaign.exitOn.join(', '));
      }
      // Every node reaches the end.
      const reaches = (from: string, seen = new Set<string>()): boolean =>
        from === END ||
        from === GOAL ||
        graph.edges.filter((e) => e.from === from && !seen.has(e.to)).some((e) => (seen.add(e.to), reaches(e.to, seen)));
      for (const node of graph.nodes) expect(reaches(node.id)).toBe(true);

      // Laid out by dagre without overlapping boxes, and rendered to SVG with every node's title.
      const layout = layoutJourney(graph, new Map());
      for (const a of layout.nodes)
        for (const b of layout.nodes)
          if (a !== b)
            expect(Math.abs(a.x - b.x) >= (a.width + b.width) / 2 || Math.abs(a.y - b.y) >= (a.height + b.height) / 2).toBe(true);
      const svg = renderJourneyDiagram(graph).value;
      expect(svg).toMatch(/^<div class="chart"><svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      const text = decode(svg);
      for (const node of graph.nodes) expect(text).toContain(node.title.slice(0, 20));
      expect(svg).not.toContain('<script');
    },
  );

  it('draws the service reminders as the workflow runs them: the branch skips the reminder on a first cycle', () => {
    expect(edgeList(journeyGraph(serviceReminders))).toEqual([
      'start -next-> 0',
      '0 -next-> 1',
      '1 -else-> 1.else.0',
      '1 -then-> 2',
      '1.else.0 -next-> 2',
      '2 -next-> 3',
      '3 -next-> 4',
      '4 -next-> 5',
      '5 -next-> end',
      'start -goal-> goal',
    ]);
  });

  it('draws the check-ins with the timeout branch and the date-passed exit', () => {
    expect(edgeList(journeyGraph(postPurchaseCheckIns))).toEqual([
      'start -next-> 0',
      '0 -onTimeout-> 0.onTimeout.0',
      '0 -onEvent-> 1',
      '0.onTimeout.0 -next-> 1',
      '1 -next-> 2',
      '2 -next-> 3',
      '3 -ifPast-> end',
      '3 -next-> 4',
      '4 -next-> end',
      'start -goal-> goal',
    ]);
    const english = journeyGraph(postPurchaseCheckIns, 'en');
    expect(english.edges.find((e) => e.kind === 'onTimeout')!.label).toBe('timeout (3 days)');
  });
});

describe('where enrollments stand, from the step paths their messages and tasks carry', () => {
  const steps = serviceReminders.steps;
  it('counts waiting, passed and exited-by-goal per step', () => {
    const counts = stepProgress(steps, [
      { status: 'active', exitReason: null, records: [] }, // waiting for the due date
      { status: 'active', exitReason: null, records: [{ path: '1.else.0', final: true }] }, // reminder sent: waiting 4 weeks
      {
        status: 'active',
        exitReason: null,
        records: [
          { path: '1.else.0', final: true },
          { path: '3', final: false },
        ],
      }, // follow-up deferred
      { status: 'exited', exitReason: 'goal reached: service_booked', records: [{ path: '1.else.0', final: true }] },
      {
        status: 'completed',
        exitReason: null,
        records: [
          { path: '1.else.0', final: true },
          { path: '3', final: true },
          { path: '5', final: true },
        ],
      },
    ]);
    expect(counts.get('0')).toEqual({ waiting: 1, passed: 4, exited: 0 });
    expect(counts.get('1')).toEqual({ waiting: 0, passed: 4, exited: 0 });
    expect(counts.get('1.else.0')).toEqual({ waiting: 0, passed: 4, exited: 0 });
    expect(counts.get('2')).toEqual({ waiting: 1, passed: 2, exited: 1 });
    expect(counts.get('3')).toEqual({ waiting: 1, passed: 1, exited: 0 });
    expect(counts.get('5')).toEqual({ waiting: 0, passed: 1, exited: 0 });
  });
});
