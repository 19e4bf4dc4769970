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
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
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
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [categories, series, horizontal, format, counts]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
};
