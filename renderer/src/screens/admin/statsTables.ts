import type { Statistics, Summary } from '../../../../shared/stats.js';

/**
 * The statistics as tables: the same rows are shown beside each chart and exported as CSV, so
 * what a coordinator reads, sees and downloads cannot disagree. Labels come from the caller
 * (translated names), keeping this module pure.
 */

export type Cell = string | number | null;

export const TABLE_IDS = ['summary', 'stations', 'hours', 'funnel', 'languages'] as const;
export type TableId = (typeof TABLE_IDS)[number];

export interface Table {
  /** Names the CSV file: a table id, or a chart's when it shows part of one. */
  readonly id: string;
  /** Column keys (catalogue `stats.column.<key>`); the first column names the row. */
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

export interface Names {
  station(stationId: string, fallback: string): string;
  language(code: string): string;
  measure(key: string): string;
}

const minutes = (s: Summary) => [s.median, s.p90, s.max] as const;

export const SUMMARY_MEASURES = [
  'arrivals',
  'booked',
  'walkIn',
  'registered',
  'cancelled',
  'open',
  'visitMedian',
  'visitP90',
  'visitMax',
] as const;

function summaryTable(stats: Statistics, names: Names): Table {
  const v = stats.visits;
  const values: Record<(typeof SUMMARY_MEASURES)[number], Cell> = {
    arrivals: v.arrivals,
    booked: v.booked,
    walkIn: v.walkIn,
    registered: v.registered,
    cancelled: v.cancelled,
    open: v.open,
    visitMedian: stats.visitMinutes.median,
    visitP90: stats.visitMinutes.p90,
    visitMax: stats.visitMinutes.max,
  };
  return {
    id: 'summary',
    columns: ['measure', 'value'],
    rows: SUMMARY_MEASURES.map((m) => [names.measure(m), values[m]]),
  };
}

function stationsTable(stats: Statistics, names: Names): Table {
  return {
    id: 'stations',
    columns: [
      'station',
      'arrivals',
      'served',
      'noShows',
      'skipped',
      'waitMedian',
      'waitP90',
      'waitMax',
      'serviceMedian',
      'serviceP90',
      'serviceMax',
    ],
    rows: stats.stations.map((s) => [
      names.station(s.stationId, s.name),
      s.arrivals,
      s.served,
      s.noShows,
      s.skipped,
      ...minutes(s.waitMinutes),
      ...minutes(s.serviceMinutes),
    ]),
  };
}

/** Hours worth showing: those with arrivals, widened to a working day (08–17) at least. */
export function hourWindow(byHour: readonly number[]): number[] {
  const busy = byHour.flatMap((n, h) => (n > 0 ? [h] : []));
  const first = Math.min(8, ...busy);
  const last = Math.max(16, ...busy);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

export const hourLabel = (h: number): string =>
  `${String(h).padStart(2, '0')}–${String((h + 1) % 24).padStart(2, '0')}`;

function hoursTable(stats: Statistics): Table {
  return {
    id: 'hours',
    columns: ['hour', 'arrivals'],
    rows: hourWindow(stats.arrivalsByHour).map((h) => [hourLabel(h), stats.arrivalsByHour[h] ?? 0]),
  };
}

function funnelTable(stats: Statistics, names: Names): Table {
  return {
    id: 'funnel',
    columns: ['station', 'reached', 'done', 'skipped'],
    rows: stats.funnel.map((f) => [
      names.station(
        f.stationId,
        stats.stations.find((s) => s.stationId === f.stationId)?.name ?? f.stationId,
      ),
      f.reached,
      f.done,
      f.skipped,
    ]),
  };
}

function languagesTable(stats: Statistics, names: Names): Table {
  return {
    id: 'languages',
    columns: ['language', 'visits', 'interpreterNeeded', 'interpreterOnSite'],
    rows: [...stats.languages]
      .sort((a, b) => b.visits - a.visits || a.language.localeCompare(b.language))
      .map((l) => [names.language(l.language), l.visits, l.interpreterNeeded, l.interpreterOnSite]),
  };
}

export function statsTable(id: TableId, stats: Statistics, names: Names): Table {
  switch (id) {
    case 'summary':
      return summaryTable(stats, names);
    case 'stations':
      return stationsTable(stats, names);
    case 'hours':
      return hoursTable(stats);
    case 'funnel':
      return funnelTable(stats, names);
    case 'languages':
      return languagesTable(stats, names);
  }
}
