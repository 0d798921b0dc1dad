import type * as Dagre from '@dagrejs/dagre' with { 'resolution-mode': 'import' };
import type { SafeHtml } from '../../timeline/html';
import { renderSvgChart } from '../charts/svgChart';
import type { JourneyGraph, JourneyNodeKind } from './journeyGraph';

/** What the cockpit shows under a step: customers waiting there now, passed, exited by a goal there. */
export type StepCounts = { waiting: number; passed: number; exited: number };
export type LaidOutNode = { id: string; x: number; y: number; width: number; height: number };

// dagre ships CommonJS for require() but declares its types as an ES module only.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dagre = require('@dagrejs/dagre') as typeof Dagre;

const NODE_WIDTH = 250;
const LINE_HEIGHT = 15;
const COLORS: Record<JourneyNodeKind, string> = {
  start: '#16324f', end: '#4b5563', goal: '#15803d', wait: '#f1f5f9', waitUntil: '#f1f5f9', waitForEvent: '#fef3c7',
  send: '#dbeafe', branch: '#ede9fe', createTask: '#dcfce7',
};
const DARK = new Set<JourneyNodeKind>(['start', 'end', 'goal']);

const lines = (text: string, perLine = 36) => Math.max(1, Math.ceil(text.length / perLine));

function labelOf(node: JourneyGraph['nodes'][number], counts?: StepCounts, countWords?: [string, string, string]): string {
  const parts = [node.title];
  if (node.detail) parts.push(node.detail);
  if (counts && countWords) parts.push(`${countWords[0]} ${counts.waiting} · ${countWords[1]} ${counts.passed} · ${countWords[2]} ${counts.exited}`);
  return parts.join('\n');
}

/** Positions every node with dagre (top to bottom, ranks by the flow), sized by the text it carries. */
export function layoutJourney(graph: JourneyGraph, labels: Map<string, string>): { nodes: LaidOutNode[]; width: number; height: number } {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: 46, marginx: 10, marginy: 10 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) {
    const text = labels.get(node.id) ?? node.title;
    const height = 14 + text.split('\n').reduce((sum, line) => sum + lines(line), 0) * LINE_HEIGHT;
    g.setNode(node.id, { width: NODE_WIDTH, height });
  }
  for (const edge of graph.edges) g.setEdge(edge.from, edge.to, { label: edge.label ?? '', width: edge.label ? 90 : 0, height: edge.label ? 16 : 0, labelpos: 'c' });
  dagre.layout(g);
  const nodes = graph.nodes.map((n) => {
    const laid = g.node(n.id);
    return { id: n.id, x: laid.x, y: laid.y, width: laid.width, height: laid.height };
  });
  const { width = 0, height = 0 } = g.graph();
  return { nodes, width, height };
}

/**
 * The journey diagram as SVG: dagre lays the graph out, ECharts' graph series draws the boxes,
 * arrows and labels at those positions (server-side, no script in the page).
 */
export function renderJourneyDiagram(graph: JourneyGraph, options: { counts?: Map<string, StepCounts>; countWords?: [string, string, string] } = {}): SafeHtml {
  const labels = new Map(graph.nodes.map((n) => [n.id, labelOf(n, options.counts?.get(n.id), n.kind in COLORS && !DARK.has(n.kind) ? options.countWords : undefined)]));
  const layout = layoutJourney(graph, labels);
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  const pad = 20;
  return renderSvgChart(
    {
      series: [
        {
          type: 'graph',
          layout: 'none',
          left: pad, top: pad, right: pad, bottom: pad,
          roam: false,
          edgeSymbol: ['none', 'arrow'],
          edgeSymbolSize: 9,
          data: graph.nodes.map((n) => {
            const at = byId.get(n.id)!;
            return {
              name: n.id,
              x: at.x,
              y: at.y,
              symbol: 'roundRect',
              symbolSize: [at.width, at.height],
              itemStyle: { color: COLORS[n.kind], borderColor: '#94a3b8', borderWidth: 1 },
              label: { show: true, formatter: labels.get(n.id), color: DARK.has(n.kind) ? '#ffffff' : '#1d2330', fontSize: 11, lineHeight: LINE_HEIGHT, width: at.width - 12, overflow: 'break', align: 'center' },
            };
          }),
          edges: graph.edges.map((e) => ({
            source: e.from,
            target: e.to,
            label: { show: Boolean(e.label), formatter: e.label ?? '', fontSize: 10, color: '#374151', backgroundColor: '#ffffff' },
            lineStyle: { color: e.kind === 'goal' ? '#15803d' : e.kind === 'ifPast' ? '#9ca3af' : '#64748b', width: 1.4, type: e.kind === 'goal' || e.kind === 'ifPast' ? 'dashed' : 'solid', curveness: e.kind === 'goal' || e.kind === 'ifPast' ? 0.25 : 0 },
          })),
        },
      ],
    },
    { width: Math.ceil(layout.width) + 2 * pad, height: Math.ceil(layout.height) + 2 * pad },
  );
}
