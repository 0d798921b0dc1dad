import type * as Dagre from '@dagrejs/dagre' with { 'resolution-mode': 'import' };
import type { SafeHtml } from '../../timeline/html';
import { renderSvgChart } from '../charts/svgChart';
import type { JourneyGraph, JourneyNodeKind } from './journeyGraph';

/** What the cockpit shows under a step: customers waiting there now, passed, exited by a goal there. */
export type StepCounts = { waiting: number; passed: number; exited: number };
export type LaidOutNode = { id: string; x: number; y: number; width: number; height: number };
export type LaidOutEdge = {
  from: string;
  to: string;
  points: Array<{ x: number; y: number }>;
  label?: { text: string; x: number; y: number };
};

// dagre ships CommonJS for require() but declares its types as an ES module only.
const dagre = require('@dagrejs/dagre') as typeof Dagre;

const NODE_WIDTH = 250;
const LINE_HEIGHT = 15;
const COLORS: Record<JourneyNodeKind, string> = {
  start: '#16324f',
  end: '#4b5563',
  goal: '#15803d',
  wait: '#f1f5f9',
  waitUntil: '#f1f5f9',
  waitForEvent: '#fef3c7',
  send: '#dbeafe',
  branch: '#ede9fe',
  createTask: '#dcfce7',
};
const DARK = new Set<JourneyNodeKind>(['start', 'end', 'goal']);

const PER_LINE = 38;

/** Word-wraps a label line to the box width (ECharts' own wrapping ignores graph node labels). */
function wrap(text: string): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > PER_LINE) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  out.push(line);
  return out;
}

function labelOf(node: JourneyGraph['nodes'][number], counts?: StepCounts, countWords?: [string, string, string]): string {
  const parts = [node.title];
  if (node.detail) parts.push(node.detail);
  if (counts && countWords)
    parts.push(`${countWords[0]} ${counts.waiting} · ${countWords[1]} ${counts.passed} · ${countWords[2]} ${counts.exited}`);
  return parts.flatMap(wrap).join('\n');
}

/** Positions every node with dagre (top to bottom, ranks by the flow), sized by the text it carries. */
export function layoutJourney(
  graph: JourneyGraph,
  labels: Map<string, string>,
): { nodes: LaidOutNode[]; edges: LaidOutEdge[]; width: number; height: number } {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: 46, marginx: 10, marginy: 10 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) {
    const text = labels.get(node.id) ?? node.title;
    const height = 14 + text.split('\n').length * LINE_HEIGHT;
    g.setNode(node.id, { width: NODE_WIDTH, height });
  }
  graph.edges.forEach((edge, i) =>
    g.setEdge(
      edge.from,
      edge.to,
      { label: edge.label ?? '', width: edge.label ? edge.label.length * 6 + 8 : 0, height: edge.label ? 16 : 0, labelpos: 'c' },
      String(i),
    ),
  );
  dagre.layout(g);
  const nodes = graph.nodes.map((n) => {
    const laid = g.node(n.id);
    return { id: n.id, x: laid.x, y: laid.y, width: laid.width, height: laid.height };
  });
  const edges = graph.edges.map((e, i) => {
    const laid = g.edge({ v: e.from, w: e.to, name: String(i) }) as { points: Array<{ x: number; y: number }>; x?: number; y?: number };
    return {
      from: e.from,
      to: e.to,
      points: laid.points,
      label: e.label && laid.x !== undefined ? { text: e.label, x: laid.x, y: laid.y! } : undefined,
    };
  });
  const { width = 0, height = 0 } = g.graph();
  return { nodes, edges, width, height };
}

/**
 * The journey diagram as SVG: dagre lays the graph out (node boxes, routed edges, label spots);
 * ECharts draws them on a hidden grid of the layout's size — the boxes as a graph series, the edges
 * as polylines with arrows, the edge labels as a label-only scatter — server-side, no script in the page.
 */
export function renderJourneyDiagram(
  graph: JourneyGraph,
  options: { counts?: Map<string, StepCounts>; countWords?: [string, string, string] } = {},
): SafeHtml {
  const labels = new Map(
    graph.nodes.map((n) => [
      n.id,
      labelOf(n, options.counts?.get(n.id), n.kind in COLORS && !DARK.has(n.kind) ? options.countWords : undefined),
    ]),
  );
  const layout = layoutJourney(graph, labels);
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  const width = Math.ceil(layout.width);
  const height = Math.ceil(layout.height);
  return renderSvgChart(
    {
      // A hidden cartesian grid the size of the layout, so dagre's coordinates are used 1:1 (no rescaling).
      grid: { left: 0, right: 0, top: 0, bottom: 0 },
      xAxis: { type: 'value', min: 0, max: width, show: false },
      yAxis: { type: 'value', min: 0, max: height, inverse: true, show: false },
      series: [
        {
          type: 'graph',
          coordinateSystem: 'cartesian2d',
          data: graph.nodes.map((n) => {
            const at = byId.get(n.id)!;
            return {
              name: n.id,
              value: [at.x, at.y],
              symbol: 'roundRect',
              symbolSize: [at.width, at.height],
              itemStyle: { color: COLORS[n.kind], borderColor: '#94a3b8', borderWidth: 1 },
              label: {
                show: true,
                formatter: labels.get(n.id),
                color: DARK.has(n.kind) ? '#ffffff' : '#1d2330',
                fontSize: 11,
                lineHeight: LINE_HEIGHT,
                align: 'center',
              },
            };
          }),
        },
        {
          // The edges along dagre's routed points, from border to border, with an arrow at the end.
          type: 'lines',
          coordinateSystem: 'cartesian2d',
          polyline: true,
          symbol: ['none', 'arrow'],
          symbolSize: 8,
          silent: true,
          data: layout.edges.map((laid, i) => {
            const kind = graph.edges[i]!.kind;
            const dashed = kind === 'goal' || kind === 'ifPast';
            return {
              coords: laid.points.map((p) => [p.x, p.y]),
              lineStyle: {
                color: kind === 'goal' ? '#15803d' : dashed ? '#9ca3af' : '#64748b',
                width: 1.4,
                type: dashed ? 'dashed' : 'solid',
                opacity: 1,
              },
            };
          }),
        },
        {
          // Edge labels ("ja", "Zeitablauf (3 Tage)") where dagre made room for them.
          type: 'scatter',
          symbolSize: 0,
          silent: true,
          data: layout.edges
            .filter((e) => e.label)
            .map((e) => ({
              value: [e.label!.x, e.label!.y],
              label: { show: true, formatter: e.label!.text, fontSize: 10, color: '#374151', backgroundColor: '#ffffff', padding: [1, 3] },
            })),
        },
      ],
    },
    { width, height },
  );
}
