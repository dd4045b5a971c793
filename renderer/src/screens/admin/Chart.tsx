import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import type { ChartSpec } from './statsCharts.js';

/**
 * A bar chart (uPlot, loaded on first use): categories along the x axis, one bar per series
 * side by side. The series differ in fill and outline as well as colour, and the legend names
 * them in words; the figure's text alternative says what it shows and the table beside it holds
 * every number.
 */

export interface SeriesStyle {
  readonly fill: string;
  readonly stroke: string;
  readonly dash?: readonly number[];
}

export const SERIES_STYLES: readonly SeriesStyle[] = [
  { fill: '#005a8c', stroke: '#003d5f' },
  { fill: '#9cc9e6', stroke: '#14212b' },
  { fill: '#ffe2a8', stroke: '#8a4b00', dash: [5, 3] },
  // For the region's charts of every station side by side: a fourth and fifth that differ in
  // lightness and outline from the first three.
  { fill: '#2e7d4f', stroke: '#14212b' },
  { fill: '#f4f6f8', stroke: '#5a2d82', dash: [2, 2] },
];

const HEIGHT = 260;
const FONT = '13px system-ui, "Noto Sans", sans-serif';
const INK = '#14212b';
const GRID = '#dde4e9';

/** Bars of one series, placed side by side with the others' within each category's slot. */
function groupedBars(group: number, groups: number): uPlot.Series.PathBuilder {
  return (u, seriesIdx, idx0, idx1) => {
    const xs = u.data[0];
    const ys = u.data[seriesIdx]!;
    const fill = new Path2D();
    const slot = Math.abs(u.valToPos(1, 'x', true) - u.valToPos(0, 'x', true));
    const inner = slot * 0.78;
    const width = inner / groups;
    const base = u.valToPos(0, 'y', true);
    for (let i = idx0; i <= idx1; i++) {
      const value = ys[i];
      if (value === null || value === undefined) continue;
      const centre = u.valToPos(xs[i]!, 'x', true);
      const left = centre - inner / 2 + group * width;
      const top = u.valToPos(value, 'y', true);
      fill.rect(
        Math.round(left + 1),
        Math.round(top),
        Math.max(1, Math.round(width - 3)),
        Math.round(base - top),
      );
    }
    return { stroke: fill, fill };
  };
}

function truncate(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, Math.max(1, chars - 1))}…`;
}

function options(
  spec: ChartSpec,
  seriesLabels: readonly string[],
  yLabel: string,
  width: number,
): uPlot.Options {
  const n = spec.categories.length;
  const groups = spec.series.length;
  return {
    width,
    height: HEIGHT,
    legend: { show: false },
    cursor: { show: false },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    scales: {
      x: { time: false, range: [-0.5, Math.max(0.5, n - 0.5)] },
      y: { range: (_u, _min, max) => [0, max > 0 ? Math.ceil(max * 1.12) : 1] },
    },
    axes: [
      {
        font: FONT,
        stroke: INK,
        grid: { show: false },
        ticks: { show: false },
        splits: () => spec.categories.map((_, i) => i),
        values: (u, splits) => {
          const chars = Math.max(3, Math.floor(u.bbox.width / devicePixelRatio / Math.max(1, n) / 7.5));
          return splits.map((i) => truncate(spec.categories[i] ?? '', chars));
        },
      },
      {
        font: FONT,
        labelFont: FONT,
        stroke: INK,
        label: yLabel,
        labelSize: 24,
        size: 52,
        grid: { stroke: GRID, width: 1 },
        ticks: { stroke: GRID, width: 1 },
        incrs:
          spec.unit === 'count'
            ? [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000]
            : undefined,
      },
    ],
    series: [
      {},
      ...spec.series.map((_, i) => {
        const style = SERIES_STYLES[i % SERIES_STYLES.length]!;
        return {
          label: seriesLabels[i],
          fill: style.fill,
          stroke: style.stroke,
          width: 1.5,
          dash: style.dash ? [...style.dash] : undefined,
          points: { show: false },
          paths: groupedBars(i, groups),
        } satisfies uPlot.Series;
      }),
    ],
  };
}

export function BarChart({
  spec,
  seriesLabels,
  yLabel,
  summary,
}: {
  spec: ChartSpec;
  seriesLabels: readonly string[];
  yLabel: string;
  summary: string;
}) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const target = ref.current;
    if (!target) return;
    let plot: uPlot | undefined;
    let observer: ResizeObserver | undefined;
    let cancelled = false;
    void import('./uplotLoader.js').then(({ uPlot: UPlot }) => {
      if (cancelled) return;
      const data: uPlot.AlignedData = [
        spec.categories.map((_, i) => i),
        ...spec.series.map((s) => s.values.map((v) => v)),
      ];
      plot = new UPlot(options(spec, seriesLabels, yLabel, target.clientWidth || 480), data, target);
      observer = new ResizeObserver(() => {
        if (plot && target.clientWidth > 0) plot.setSize({ width: target.clientWidth, height: HEIGHT });
      });
      observer.observe(target);
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      plot?.destroy();
    };
  }, [spec, seriesLabels, yLabel]);

  return (
    <div className="adm-chart">
      <div ref={ref} className="adm-chart-canvas" role="img" aria-label={summary} />
      <ul className="adm-legend">
        {seriesLabels.map((label, i) => (
          <li key={label}>
            <span className={`adm-swatch adm-swatch-${i % SERIES_STYLES.length}`} aria-hidden="true" />
            {label}
          </li>
        ))}
      </ul>
    </div>
  );
}
