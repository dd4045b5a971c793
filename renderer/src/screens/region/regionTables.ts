import type { RegionFigures, RegionNow } from '../../../../shared/region.js';
import type { ChartSpec } from '../admin/statsCharts.js';
import type { Table } from '../admin/statsTables.js';

/**
 * The region's figures as tables (shown, and downloaded as CSV with the admin's escaping) and as
 * charts: one office per row or per bar group, so that offices compare at a glance. Column keys
 * are catalogue keys under `region:column.`.
 */

export function nowTable(now: RegionNow): Table {
  return {
    id: 'region-now',
    columns: ['office', 'waiting', 'longestWait', 'desksOpen'],
    rows: now.offices.map((o) => [o.name, o.waiting, o.longestWaitMinutes, o.desksOpen]),
  };
}

export function nowStationsTable(now: RegionNow): Table {
  return {
    id: 'region-now-stations',
    columns: ['office', 'station', 'waiting', 'longestWait', 'desksOpen'],
    rows: now.offices.flatMap((o) =>
      o.stations.map((s) => [o.name, s.name, s.waiting, s.longestWaitMinutes, s.desksOpen]),
    ),
  };
}

export function figuresTable(figures: RegionFigures): Table {
  return {
    id: 'region-offices',
    columns: [
      'office',
      'arrivals',
      'households',
      'persons',
      'leadMedian',
      'leadP90',
      'noShows',
      'interpreterNeeded',
      'interpreterUsed',
    ],
    rows: figures.offices.map((o) => [
      o.name,
      o.arrivals,
      o.households,
      o.persons,
      o.leadMinutes.median,
      o.leadMinutes.p90,
      o.noShows,
      o.interpreterNeeded,
      o.interpreterUsed,
    ]),
  };
}

export function stationFiguresTable(figures: RegionFigures): Table {
  return {
    id: 'region-stations',
    columns: [
      'office',
      'station',
      'served',
      'noShows',
      'waitMedian',
      'waitP90',
      'serviceMedian',
      'serviceP90',
    ],
    rows: figures.offices.flatMap((o) =>
      o.stations.map((s) => [
        o.name,
        s.name,
        s.served,
        s.noShows,
        s.waitMinutes.median,
        s.waitMinutes.p90,
        s.serviceMinutes.median,
        s.serviceMinutes.p90,
      ]),
    ),
  };
}

export const REGION_CHARTS = ['lead', 'registered', 'waits', 'service'] as const;
export type RegionChartId = (typeof REGION_CHARTS)[number];

/** A region chart: offices along the x axis; its series labels are words, or station names. */
export interface RegionChart {
  readonly spec: ChartSpec;
  /** A catalogue key under `region:series.` for each series, or null where the label is a station's name. */
  readonly seriesKeys: readonly (string | null)[];
  readonly seriesNames: readonly string[];
}

/** Stations by id across the offices, in the first office's chain order, named as the first office names them. */
function stationsOf(figures: RegionFigures): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const o of figures.offices)
    for (const s of o.stations) if (!seen.has(s.stationId)) seen.set(s.stationId, s.name);
  return [...seen].map(([id, name]) => ({ id, name }));
}

export function regionChart(id: RegionChartId, figures: RegionFigures): RegionChart {
  const categories = figures.offices.map((o) => o.name);
  const summary = { key: `chart.${id}Summary`, values: {} };
  switch (id) {
    case 'lead':
      return {
        spec: {
          categories,
          unit: 'minutes',
          summary,
          series: [
            { key: 'median', values: figures.offices.map((o) => o.leadMinutes.median) },
            { key: 'p90', values: figures.offices.map((o) => o.leadMinutes.p90) },
          ],
        },
        seriesKeys: ['median', 'p90'],
        seriesNames: [],
      };
    case 'registered':
      return {
        spec: {
          categories,
          unit: 'count',
          summary,
          series: [
            { key: 'households', values: figures.offices.map((o) => o.households) },
            { key: 'persons', values: figures.offices.map((o) => o.persons) },
          ],
        },
        seriesKeys: ['households', 'persons'],
        seriesNames: [],
      };
    case 'waits':
    case 'service': {
      const stations = stationsOf(figures);
      return {
        spec: {
          categories,
          unit: 'minutes',
          summary,
          series: stations.map((station) => ({
            key: station.id,
            values: figures.offices.map((o) => {
              const s = o.stations.find((x) => x.stationId === station.id);
              return (id === 'waits' ? s?.waitMinutes.median : s?.serviceMinutes.median) ?? null;
            }),
          })),
        },
        seriesKeys: stations.map(() => null),
        seriesNames: stations.map((s) => s.name),
      };
    }
  }
}

/** Whether a chart has anything to draw. */
export const chartHasData = (chart: RegionChart): boolean =>
  chart.spec.series.some((s) => s.values.some((v) => v !== null && v > 0));
