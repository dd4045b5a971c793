import { describe, expect, it } from 'vitest';
import type { Statistics } from '../../../../shared/stats.js';
import {
  csvFileName,
  formatCell,
  tableCsv,
  textCell,
} from '../../../../renderer/src/screens/admin/csvExport.js';
import { chartSpec } from '../../../../renderer/src/screens/admin/statsCharts.js';
import {
  addDays,
  daysIn,
  matchingQuickRange,
  quickRange,
  rangeProblem,
} from '../../../../renderer/src/screens/admin/statsRange.js';
import {
  hourLabel,
  hourWindow,
  statsTable,
  type Names,
} from '../../../../renderer/src/screens/admin/statsTables.js';

const summary = (median: number | null, p90: number | null = median, max: number | null = p90) => ({
  count: median === null ? 0 : 10,
  median,
  p90,
  max,
});

const hours = Array.from({ length: 24 }, () => 0);
hours[9] = 12;
hours[10] = 20;
hours[18] = 3;

const stats: Statistics = {
  range: { from: '2026-11-01', to: '2026-11-23' },
  visits: { arrivals: 35, booked: 10, walkIn: 25, registered: 28, cancelled: 4, open: 3 },
  visitMinutes: summary(182.5, 240, 300),
  stations: [
    {
      stationId: 'mv',
      name: 'Migrationsverket',
      arrivals: 35,
      served: 33,
      noShows: 2,
      skipped: 0,
      waitMinutes: summary(12.5, 30),
      serviceMinutes: summary(28),
    },
    {
      stationId: 'af',
      name: 'Arbetsförmedlingen',
      arrivals: 30,
      served: 25,
      noShows: 1,
      skipped: 3,
      waitMinutes: summary(20, 41.5),
      serviceMinutes: summary(40),
    },
    {
      stationId: 'kommun',
      name: 'Kommunen',
      arrivals: 0,
      served: 0,
      noShows: 0,
      skipped: 0,
      waitMinutes: summary(null),
      serviceMinutes: summary(null),
    },
  ],
  funnel: [
    { stationId: 'mv', reached: 35, done: 33, skipped: 0 },
    { stationId: 'af', reached: 30, done: 25, skipped: 3 },
    { stationId: 'kommun', reached: 0, done: 0, skipped: 0 },
  ],
  languages: [
    { language: 'ti', visits: 10, interpreterNeeded: 8, interpreterOnSite: 2 },
    { language: 'ar', visits: 20, interpreterNeeded: 15, interpreterOnSite: 9 },
    { language: 'sv', visits: 5, interpreterNeeded: 0, interpreterOnSite: 0 },
  ],
  arrivalsByHour: hours,
};

const names: Names = {
  station: (id, name) => `${name} (${id})`,
  language: (code) => code.toUpperCase(),
  measure: (key) => `m:${key}`,
};

describe('ranges of days', () => {
  it('does calendar arithmetic on days, across months and years', () => {
    expect(addDays('2026-11-23', -6)).toBe('2026-11-17');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysIn({ from: '2026-10-25', to: '2026-11-23' })).toBe(30);
  });

  it('makes the quick picks end today, and recognises them', () => {
    expect(quickRange('today', '2026-11-23')).toEqual({ from: '2026-11-23', to: '2026-11-23' });
    expect(quickRange('week', '2026-11-23')).toEqual({ from: '2026-11-17', to: '2026-11-23' });
    expect(quickRange('month', '2026-11-23')).toEqual({ from: '2026-10-25', to: '2026-11-23' });
    expect(matchingQuickRange({ from: '2026-11-17', to: '2026-11-23' }, '2026-11-23')).toBe('week');
    expect(matchingQuickRange({ from: '2026-11-16', to: '2026-11-23' }, '2026-11-23')).toBeNull();
  });

  it('says what is wrong with a range typed by hand, as the server would refuse it', () => {
    expect(rangeProblem({ from: '2026-11-01', to: '2026-11-23' })).toBeNull();
    expect(rangeProblem({ from: '', to: '2026-11-23' })).toBe('day');
    expect(rangeProblem({ from: '2026-11-24', to: '2026-11-23' })).toBe('order');
    expect(rangeProblem({ from: '2025-01-01', to: '2026-11-23' })).toBe('tooLong');
  });
});

describe('statistics tables', () => {
  it('lists the period’s visits as measures', () => {
    const t = statsTable('summary', stats, names);
    expect(t.columns).toEqual(['measure', 'value']);
    expect(t.rows[0]).toEqual(['m:arrivals', 35]);
    expect(t.rows.at(-3)).toEqual(['m:visitMedian', 182.5]);
  });

  it('gives every station its counts and times, null where there are none', () => {
    const t = statsTable('stations', stats, names);
    expect(t.columns).toHaveLength(11);
    expect(t.rows[1]).toEqual(['Arbetsförmedlingen (af)', 30, 25, 1, 3, 20, 41.5, 41.5, 40, 40, 40]);
    expect(t.rows[2]!.slice(5)).toEqual([null, null, null, null, null, null]);
  });

  it('shows the hours of a working day at least, widened to any hour with arrivals', () => {
    expect(hourWindow(hours)).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
    expect(hourWindow(Array.from({ length: 24 }, (_, h) => (h === 6 ? 1 : 0)))[0]).toBe(6);
    expect(hourLabel(9)).toBe('09–10');
    expect(hourLabel(23)).toBe('23–00');
    const t = statsTable('hours', stats, names);
    expect(t.rows[2]).toEqual(['10–11', 20]);
  });

  it('follows the funnel in chain order and sorts languages by visits', () => {
    expect(statsTable('funnel', stats, names).rows.map((r) => r[0])).toEqual([
      'Migrationsverket (mv)',
      'Arbetsförmedlingen (af)',
      'Kommunen (kommun)',
    ]);
    expect(statsTable('languages', stats, names).rows).toEqual([
      ['AR', 20, 15, 9],
      ['TI', 10, 8, 2],
      ['SV', 5, 0, 0],
    ]);
  });
});

describe('chart specs', () => {
  it('draws arrivals per hour, and says which hour was busiest', () => {
    const spec = chartSpec('hours', stats, names);
    expect(spec.categories[0]).toBe('08');
    expect(spec.series[0]!.values.slice(0, 3)).toEqual([0, 12, 20]);
    expect(spec.summary).toEqual({ key: 'chart.hours', values: { hour: '10–11', count: 20, total: 35 } });
  });

  it('draws median and p90 per station, and names the longest median wait', () => {
    const spec = chartSpec('waits', stats, names);
    expect(spec.series.map((s) => s.key)).toEqual(['median', 'p90']);
    expect(spec.series[1]!.values).toEqual([30, 41.5, null]);
    expect(spec.unit).toBe('minutes');
    expect(spec.summary.values).toEqual({ station: 'Arbetsförmedlingen (af)', median: 20, p90: 41.5 });
  });

  it('draws the funnel and the languages with interpreter use', () => {
    expect(chartSpec('funnel', stats, names).summary).toEqual({
      key: 'chart.funnel',
      values: { first: 35, last: 0, station: 'Kommunen (kommun)' },
    });
    const languages = chartSpec('languages', stats, names);
    expect(languages.categories).toEqual(['AR', 'TI', 'SV']);
    expect(languages.series.map((s) => s.values[0])).toEqual([20, 15, 9]);
    expect(languages.summary.values).toEqual({ language: 'AR', count: 20, needed: 23, onSite: 11 });
  });

  it('says so when a period has no data', () => {
    const empty: Statistics = {
      ...stats,
      visits: { ...stats.visits, arrivals: 0 },
      stations: [],
      funnel: [],
      languages: [],
      arrivalsByHour: Array.from({ length: 24 }, () => 0),
    };
    for (const id of ['hours', 'waits', 'service', 'funnel', 'languages'] as const)
      expect(chartSpec(id, empty, names).summary.key).toBe('chart.empty');
  });
});

describe('CSV export', () => {
  const table = statsTable('stations', stats, names);
  const header = table.columns.map((c) => c.toUpperCase());

  it('writes what Swedish Excel opens: semicolons, decimal commas, a byte-order mark', () => {
    const csv = tableCsv(table, { language: 'sv', header });
    expect(csv.startsWith('\uFEFFSTATION;ARRIVALS;')).toBe(true);
    expect(csv).toContain('\r\nMigrationsverket (mv);35;33;2;0;12,5;30;30;28;28;28\r\n');
    expect(csv).toContain('Kommunen (kommun);0;0;0;0;;;;;;');
  });

  it('writes commas and decimal points in English, quoting where a cell needs it', () => {
    const csv = tableCsv(
      { id: 'x', columns: ['a', 'b'], rows: [['Servicekontoret, Skatteverket', 12.5]] },
      { language: 'en', header: ['Station', 'Wait "median"'] },
    );
    expect(csv).toBe('\uFEFFStation,"Wait ""median"""\r\n"Servicekontoret, Skatteverket",12.5\r\n');
  });

  it('writes text a spreadsheet would run as a formula as plain text, and numbers as numbers', () => {
    const formulas = ["=cmd|' /C calc'!A0", '+1', '-1+1', '@SUM(A1)', '\t=1+1', '\r=1+1', '\0=1', '  =1+1'];
    for (const text of formulas) expect(textCell(text), JSON.stringify(text)).toBe(`'${text}`);
    for (const text of ['Migrationsverket', 'Kommunen (kommun)', 'A-kassan', '1 + 1', ''])
      expect(textCell(text)).toBe(text);
    expect(formatCell('-3', 'sv')).toBe("'-3");
    expect(formatCell(-3, 'sv')).toBe('-3');
    expect(formatCell(-2.5, 'sv')).toBe('-2,5');

    const csv = tableCsv(
      {
        id: 'stations',
        columns: ['station', 'waitMedian'],
        rows: [
          ["=cmd|' /C calc'!A0", -1],
          ['\tTabbed', 2],
        ],
      },
      { language: 'en', header: ['Station', '=Wait'] },
    );
    expect(csv).toBe(`\uFEFFStation,'=Wait\r\n'=cmd|' /C calc'!A0,-1\r\n'\tTabbed,2\r\n`);
  });

  it('formats cells and names files after the table and the period', () => {
    expect(formatCell(null, 'sv')).toBe('');
    expect(formatCell(7, 'sv')).toBe('7');
    expect(formatCell(7.5, 'sv')).toBe('7,5');
    expect(csvFileName('stations', { from: '2026-11-01', to: '2026-11-23' })).toBe(
      'motesplats-stations-2026-11-01--2026-11-23.csv',
    );
    expect(csvFileName('hours', { from: '2026-11-23', to: '2026-11-23' })).toBe(
      'motesplats-hours-2026-11-23.csv',
    );
  });
});
