import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart as Bars, type BarSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

// Only what the dashboards draw: bars, their grid, legend and tooltip, on SVG (crisp when zoomed or printed).
echarts.use([Bars, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

type Option = echarts.ComposeOption<
  BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export interface BarSeries {
  readonly name: string;
  readonly values: readonly (number | null)[];
  /** Series with the same stack are drawn on top of each other. */
  readonly stack?: string;
}

// Module-level, so the chart is drawn again only when its figures change, not on every render.
const wholeNumber = (v: number) => v.toLocaleString('vi-VN');

const PALETTE = ['#1458c7', '#d4380d', '#389e0d', '#722ed1', '#08979c', '#ad6800'];

/**
 * How far down the bars start on a chart this wide: below the legend, which ECharts wraps onto more lines when its
 * entries do not fit across (a phone), laid out here as it lays them out (a 25-px mark, 5 px, the name in 12-px
 * sans-serif; 10 px between entries and around the legend; 24 px a line).
 */
let measure: CanvasRenderingContext2D | null | undefined;
const gridTop = (names: readonly string[], width: number) => {
  // One canvas for every chart and every resize, made when first needed.
  measure ??= document.createElement('canvas').getContext('2d');
  const context = measure;
  if (!context) return 36;
  context.font = '12px sans-serif';
  let lines = 1;
  let used = 0;
  for (const name of names) {
    const entry = 25 + 5 + context.measureText(name).width;
    if (used > 0 && used + 10 + entry > width - 10) {
      lines++;
      used = entry;
    } else used += (used > 0 ? 10 : 0) + entry;
  }
  return 36 + 24 * (lines - 1);
};

/**
 * A bar chart. It is drawn for the eye only: the table beside it is its accessible form, so the chart is one
 * image named by `label` (what it shows, and where its figures are).
 */
export const BarChart = ({
  label,
  categories,
  series,
  horizontal = false,
  format = wholeNumber,
  counts = true,
  height = 320,
}: {
  label: string;
  categories: readonly string[];
  series: readonly BarSeries[];
  /** Bars from the left, the categories read top to bottom in the table's order. */
  horizontal?: boolean;
  format?: (value: number) => string;
  /** The values are counts: no fractional ticks. */
  counts?: boolean;
  height?: number;
}) => {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'svg' });
    const names = series.map((s) => s.name);
    const categoryAxis = {
      type: 'category' as const,
      data: [...categories],
      inverse: horizontal,
      axisLabel: { width: 160, overflow: 'truncate' as const },
    };
    const valueAxis = {
      type: 'value' as const,
      minInterval: counts ? 1 : undefined,
      axisLabel: { formatter: (v: number) => format(v) },
    };
    const option: Option = {
      color: PALETTE,
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? format(v) : '—') },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: gridTop(names, el.clientWidth), bottom: 8, containLabel: true },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? categoryAxis : valueAxis,
      series: series.map((s) => ({
        type: 'bar',
        name: s.name,
        data: [...s.values],
        stack: s.stack,
        barMaxWidth: 48,
      })),
    };
    chart.setOption(option);
    const resize = new ResizeObserver(() => {
      chart.setOption({ grid: { top: gridTop(names, el.clientWidth) } });
      chart.resize();
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [categories, series, horizontal, format, counts]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
};
