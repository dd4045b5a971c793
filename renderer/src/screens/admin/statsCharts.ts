import type { Statistics } from '../../../../shared/stats.js';
import { hourLabel, hourWindow, statsTable, type Names } from './statsTables.js';

/**
 * What each chart draws, as categories along the x axis and one or more series of bars, with a
 * sentence that says what the chart shows for those who cannot see it. Series labels and the
 * sentence are catalogue keys under `stats.`; the numbers are in the table beside the chart.
 */

export interface ChartSeries {
  readonly key: string;
  readonly values: readonly (number | null)[];
}

export interface ChartSpec {
  readonly categories: readonly string[];
  readonly series: readonly ChartSeries[];
  /** The y axis: a count or minutes. */
  readonly unit: 'count' | 'minutes';
  readonly summary: { readonly key: string; readonly values: Readonly<Record<string, string | number>> };
}

export const CHART_IDS = ['hours', 'waits', 'service', 'funnel', 'languages'] as const;
export type ChartId = (typeof CHART_IDS)[number];

function largest<T>(items: readonly T[], value: (t: T) => number | null): T | undefined {
  let best: T | undefined;
  let bestValue = -Infinity;
  for (const item of items) {
    const v = value(item);
    if (v !== null && v > bestValue) {
      best = item;
      bestValue = v;
    }
  }
  return best;
}

export function chartSpec(id: ChartId, stats: Statistics, names: Names): ChartSpec {
  const station = (s: { stationId: string; name: string }) => names.station(s.stationId, s.name);
  switch (id) {
    case 'hours': {
      const hours = hourWindow(stats.arrivalsByHour);
      const busiest = largest(hours, (h) => stats.arrivalsByHour[h] ?? 0);
      const peak = busiest === undefined ? 0 : (stats.arrivalsByHour[busiest] ?? 0);
      return {
        categories: hours.map((h) => String(h).padStart(2, '0')),
        series: [{ key: 'arrivals', values: hours.map((h) => stats.arrivalsByHour[h] ?? 0) }],
        unit: 'count',
        summary:
          peak === 0
            ? { key: 'chart.empty', values: {} }
            : {
                key: 'chart.hours',
                values: { hour: hourLabel(busiest!), count: peak, total: stats.visits.arrivals },
              },
      };
    }
    case 'waits':
    case 'service': {
      const pick = (s: Statistics['stations'][number]) => (id === 'waits' ? s.waitMinutes : s.serviceMinutes);
      const longest = largest(stats.stations, (s) => pick(s).median);
      return {
        categories: stats.stations.map(station),
        series: [
          { key: 'median', values: stats.stations.map((s) => pick(s).median) },
          { key: 'p90', values: stats.stations.map((s) => pick(s).p90) },
        ],
        unit: 'minutes',
        summary: longest
          ? {
              key: id === 'waits' ? 'chart.waits' : 'chart.service',
              values: {
                station: station(longest),
                median: pick(longest).median!,
                p90: pick(longest).p90 ?? 0,
              },
            }
          : { key: 'chart.empty', values: {} },
      };
    }
    case 'funnel': {
      const rows = statsTable('funnel', stats, names).rows;
      const first = stats.funnel[0];
      const last = stats.funnel[stats.funnel.length - 1];
      return {
        categories: rows.map((r) => String(r[0])),
        series: [
          { key: 'reached', values: stats.funnel.map((f) => f.reached) },
          { key: 'done', values: stats.funnel.map((f) => f.done) },
        ],
        unit: 'count',
        summary:
          first && last && first.reached > 0
            ? {
                key: 'chart.funnel',
                values: { first: first.reached, last: last.done, station: String(rows[rows.length - 1]![0]) },
              }
            : { key: 'chart.empty', values: {} },
      };
    }
    case 'languages': {
      const sorted = [...stats.languages].sort(
        (a, b) => b.visits - a.visits || a.language.localeCompare(b.language),
      );
      const top = sorted[0];
      return {
        categories: sorted.map((l) => names.language(l.language)),
        series: [
          { key: 'visits', values: sorted.map((l) => l.visits) },
          { key: 'interpreterNeeded', values: sorted.map((l) => l.interpreterNeeded) },
          { key: 'interpreterOnSite', values: sorted.map((l) => l.interpreterOnSite) },
        ],
        unit: 'count',
        summary: top
          ? {
              key: 'chart.languages',
              values: {
                language: names.language(top.language),
                count: top.visits,
                needed: sorted.reduce((n, l) => n + l.interpreterNeeded, 0),
                onSite: sorted.reduce((n, l) => n + l.interpreterOnSite, 0),
              },
            }
          : { key: 'chart.empty', values: {} },
      };
    }
  }
}
