import * as echarts from 'echarts';
import { SafeHtml } from '../../timeline/html';

/**
 * Renders an ECharts option to an SVG string on the server (ECharts' SSR mode: no DOM, no script in
 * the page, no third-party host). Animations are off, so the SVG is the final picture. ECharts escapes
 * its texts. The cockpit and the simulation report both draw with it.
 */
export function renderSvg(option: echarts.EChartsCoreOption, size: { width: number; height: number }): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'system-ui, sans-serif' }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The same, as a block of a cockpit page. */
export function renderSvgChart(option: echarts.EChartsCoreOption, size: { width: number; height: number }): SafeHtml {
  return new SafeHtml(`<div class="chart">${renderSvg(option, size)}</div>`);
}

export const PALETTE = ['#1d4ed8', '#93c5fd', '#16a34a', '#f59e0b', '#dc2626', '#7c3aed'];

/** Grouped horizontal bars: one category per row, one series per group (e.g. this week / last week). */
export function barChart(input: {
  categories: string[];
  series: Array<{ name: string; values: Array<number | null> }>;
  unit?: string;
  max?: number;
  width?: number;
}): SafeHtml {
  const rows = Math.max(1, input.categories.length);
  const height = 70 + rows * (18 * input.series.length + 16);
  return renderSvgChart(
    {
      color: PALETTE,
      legend: input.series.length > 1 ? { top: 0 } : undefined,
      grid: { left: 10, right: 40, top: input.series.length > 1 ? 30 : 10, bottom: 20, containLabel: true },
      xAxis: { type: 'value', max: input.max, axisLabel: { formatter: `{value}${input.unit ?? ''}` } },
      yAxis: { type: 'category', data: input.categories, inverse: true },
      series: input.series.map((s) => ({
        type: 'bar',
        name: s.name,
        data: s.values,
        label: { show: true, position: 'right', formatter: `{c}${input.unit ?? ''}` },
      })),
    },
    { width: input.width ?? 520, height },
  );
}
