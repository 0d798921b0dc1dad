import type * as echarts from 'echarts';
import { renderSvg } from '../../cockpit/charts/svgChart';

/**
 * Charts for the report, drawn by Apache ECharts on the server as SVG (no browser, no third-party
 * host): the report file stays self-contained and opens anywhere.
 */
export type Series = { name: string; values: number[] };

const render = (option: echarts.EChartsCoreOption, height = 320): string => renderSvg(option, { width: 960, height });

/** Weekly counts, stacked per series; `markAbove` draws a line a dealer reads as "too much". */
export function weeklyStackedBars(
  title: string,
  weeks: string[],
  series: Series[],
  options: { markAbove?: { value: number; label: string } } = {},
): string {
  return render({
    title: { text: title, left: 'left', textStyle: { fontSize: 15 } },
    tooltip: {},
    legend: { bottom: 0, type: 'scroll' },
    grid: { top: 45, left: 50, right: 20, bottom: 60 },
    xAxis: { type: 'category', data: weeks, axisLabel: { interval: Math.max(0, Math.floor(weeks.length / 12) - 1) } },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s, i) => ({
      name: s.name,
      type: 'bar',
      stack: 'total',
      data: s.values,
      ...(i === 0 && options.markAbove
        ? {
            markLine: {
              symbol: 'none',
              data: [{ yAxis: options.markAbove.value, name: options.markAbove.label }],
              lineStyle: { color: '#c0392b', type: 'dashed' },
              label: { formatter: options.markAbove.label },
            },
          }
        : {}),
    })),
  });
}

/** One bar per category, e.g. customers above the monthly message threshold per month. */
export function categoryBars(title: string, categories: string[], values: number[], color = '#2e86c1'): string {
  return render(
    {
      title: { text: title, left: 'left', textStyle: { fontSize: 15 } },
      grid: { top: 50, left: 50, right: 20, bottom: 40 },
      xAxis: { type: 'category', data: categories },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: values, itemStyle: { color }, label: { show: values.length <= 24, position: 'top' } }],
    },
    260,
  );
}

/** A campaign's customers by outcome, one horizontal stacked bar per campaign. */
export function outcomeBars(title: string, campaigns: string[], series: Series[]): string {
  return render(
    {
      title: { text: title, left: 'left', textStyle: { fontSize: 15 } },
      tooltip: {},
      legend: { bottom: 0 },
      grid: { top: 45, left: 250, right: 30, bottom: 50 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: campaigns },
      series: series.map((s) => ({ name: s.name, type: 'bar', stack: 'total', data: s.values })),
    },
    Math.max(220, 90 + campaigns.length * 34),
  );
}
