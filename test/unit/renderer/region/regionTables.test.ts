import { describe, expect, it } from 'vitest';
import type { RegionFigures, RegionNow } from '../../../../shared/region.js';
import type { Summary } from '../../../../shared/stats.js';
import { tableCsv } from '../../../../renderer/src/screens/admin/csvExport.js';
import {
  chartHasData,
  figuresTable,
  nowStationsTable,
  nowTable,
  regionChart,
  stationFiguresTable,
} from '../../../../renderer/src/screens/region/regionTables.js';

const summary = (median: number | null, p90: number | null): Summary => ({
  count: median === null ? 0 : 3,
  median,
  p90,
  max: p90,
});

const station = (stationId: string, name: string, wait: number | null, service: number | null) => ({
  stationId,
  name,
  arrivals: 3,
  served: 2,
  noShows: 1,
  waitMinutes: summary(wait, wait === null ? null : wait * 2),
  serviceMinutes: summary(service, service === null ? null : service + 5),
});

const figures: RegionFigures = {
  range: { from: '2026-11-01', to: '2026-11-23' },
  offices: [
    {
      officeId: 'borlange',
      name: 'Borlänge',
      arrivals: 12,
      households: 10,
      persons: 31,
      leadMinutes: summary(241.5, 300),
      noShows: 2,
      interpreterNeeded: 4,
      interpreterUsed: 3,
      stations: [station('mv', 'Migrationsverket', 12, 30), station('af', 'Arbetsförmedlingen', 7.5, 40)],
    },
    {
      officeId: 'evil',
      name: '=HYPERLINK("http://x")',
      arrivals: 0,
      households: 0,
      persons: 0,
      leadMinutes: summary(null, null),
      noShows: 0,
      interpreterNeeded: 0,
      interpreterUsed: 0,
      stations: [station('af', 'AF', null, null), station('extra', '+extra', 3, 4)],
    },
  ],
};

const now: RegionNow = {
  at: 0,
  offices: [
    {
      officeId: 'borlange',
      name: 'Borlänge',
      day: '2026-11-23',
      waiting: 5,
      longestWaitMinutes: 17,
      desksOpen: 6,
      stations: [
        { stationId: 'mv', name: 'Migrationsverket', waiting: 3, longestWaitMinutes: 17, desksOpen: 2 },
        { stationId: 'af', name: 'Arbetsförmedlingen', waiting: 2, longestWaitMinutes: 4, desksOpen: 4 },
      ],
    },
  ],
};

describe('the region’s tables and charts', () => {
  it('have an office a row, in the order the server sent them', () => {
    expect(figuresTable(figures).rows).toEqual([
      ['Borlänge', 12, 10, 31, 241.5, 300, 2, 4, 3],
      ['=HYPERLINK("http://x")', 0, 0, 0, null, null, 0, 0, 0],
    ]);
    expect(stationFiguresTable(figures).rows[1]).toEqual([
      'Borlänge',
      'Arbetsförmedlingen',
      2,
      1,
      7.5,
      15,
      40,
      45,
    ]);
    expect(nowTable(now).rows).toEqual([['Borlänge', 5, 17, 6]]);
    expect(nowStationsTable(now).rows).toEqual([
      ['Borlänge', 'Migrationsverket', 3, 17, 2],
      ['Borlänge', 'Arbetsförmedlingen', 2, 4, 4],
    ]);
  });

  it('export as CSV with the admin’s escaping of text a spreadsheet would run', () => {
    const table = figuresTable(figures);
    const csv = tableCsv(table, { language: 'sv', header: table.columns.map((c) => c) });
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[1]).toBe('Borlänge;12;10;31;241,5;300;2;4;3');
    expect(lines[2]!.startsWith(`"'=HYPERLINK(""http://x"")"`)).toBe(true);
    const stations = stationFiguresTable(figures);
    expect(tableCsv(stations, { language: 'en', header: stations.columns.map((c) => c) })).toContain(
      "'+extra,2,1,3,6,4,9",
    );
  });

  it('chart the stations by id across offices, in the first office’s order', () => {
    const waits = regionChart('waits', figures);
    expect(waits.spec.categories).toEqual(['Borlänge', '=HYPERLINK("http://x")']);
    expect(waits.seriesNames).toEqual(['Migrationsverket', 'Arbetsförmedlingen', '+extra']);
    expect(waits.spec.series.map((s) => s.values)).toEqual([
      [12, null],
      [7.5, null],
      [null, 3],
    ]);
    expect(regionChart('lead', figures).spec.series.map((s) => s.values)).toEqual([
      [241.5, null],
      [300, null],
    ]);
    expect(chartHasData(regionChart('registered', figures))).toBe(true);
    expect(chartHasData(regionChart('registered', { ...figures, offices: [figures.offices[1]!] }))).toBe(
      false,
    );
  });
});
