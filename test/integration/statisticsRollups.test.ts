import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { computeStatistics } from '../../server/stats/compute.js';
import { addDays } from '../../server/stats/days.js';
import { statisticsFromRollups } from '../../server/stats/fromRollups.js';
import { openDatabase, type Db } from '../../server/store/db.js';
import { SqliteRollups } from '../../server/store/statsDays.js';
import type { OfficeConfig } from '../../shared/office.js';
import type { StatsRange } from '../../shared/stats.js';
import { connectDevice } from '../helpers/client.js';
import { testConfig } from '../helpers/domain.js';
import { simulateMonth } from '../helpers/month.js';
import { ok } from '../helpers/office.js';
import { ManualClock, startTestServer, type TestServer } from '../helpers/server.js';

const DAY_MS = 86_400_000;

describe('statistics from daily rollups, over a month of the office', () => {
  // tmpfs where there is one: the month is thousands of durable commits.
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'motesplats-rollups-'));
  const file = join(dir, 'motesplats.sqlite');
  const clock = new ManualClock();
  const base = testConfig();
  const config: OfficeConfig = {
    ...base,
    stations: base.stations.map((s) => ({ ...s, rule: null })),
    noShowRecallLimit: 0,
    recallPauseSeconds: 0,
  };
  let server: TestServer;
  let month: Awaited<ReturnType<typeof simulateMonth>>;
  /** A read-only connection, as the statistics worker has. */
  let reader: Db;
  let today: string;

  beforeAll(async () => {
    server = await startTestServer({ dir, clock, config });
    month = await simulateMonth(server, { days: 30, visitsPerDay: 8, seed: 1717 });
    today = server.server.engine.state.day;
    reader = openDatabase(file, { readonly: true });
  }, 120_000);
  afterAll(async () => {
    reader.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const keptDays = () =>
    reader.prepare<[], string>(`SELECT day FROM stats_days ORDER BY day`).pluck().all() as string[];
  const forget = () => {
    for (const table of ['stats_days', 'stats_day_stations', 'stats_day_languages'])
      server.sqlite.db.prepare(`DELETE FROM ${table}`).run();
  };
  /** What the statistics worker and the server's connection do together, in this process. */
  async function fromRollups(range: StatsRange, office = config) {
    const { statistics, summed } = await statisticsFromRollups(new SqliteRollups(reader), range, office);
    await new SqliteRollups(server.sqlite.db).keep(summed);
    return statistics;
  }
  async function throughServer(range: StatsRange) {
    const admin = await connectDevice(server.url, await server.pair('admin'));
    try {
      return ok(await admin.query('stats:compute', range));
    } finally {
      admin.close();
    }
  }

  const ranges = (): Record<string, StatsRange> => ({
    'one day': { from: addDays(month.firstDay, 3), to: addDays(month.firstDay, 3) },
    'a week': { from: addDays(month.firstDay, 7), to: addDays(month.firstDay, 13) },
    'the whole month': { from: month.firstDay, to: month.lastDay },
    'the month and today': { from: month.firstDay, to: today },
    'empty days around the month': { from: addDays(month.firstDay, -20), to: addDays(today, 5) },
    'empty days only': { from: addDays(month.firstDay, -60), to: addDays(month.firstDay, -30) },
  });

  it('has a month that is worth comparing', () => {
    expect(month.ledger.length).toBeGreaterThan(200);
    expect(month.firstDay).not.toBe(month.lastDay);
    expect(today > month.lastDay).toBe(true);
  });

  it.each([
    'one day',
    'a week',
    'the whole month',
    'the month and today',
    'empty days around the month',
    'empty days only',
  ])(
    'come to the full computation for %s, summed from the rows and then from the kept days',
    async (name) => {
      const range = ranges()[name]!;
      forget();
      const full = computeStatistics(reader, range, config);
      expect(await fromRollups(range)).toEqual(full);
      expect(keptDays().length).toBeGreaterThan(0);
      expect(await fromRollups(range)).toEqual(full);
    },
  );

  it('come to the full computation for a range partly kept', async () => {
    forget();
    await fromRollups(ranges()['a week']!);
    await fromRollups(ranges()['one day']!);
    const range = ranges()['empty days around the month']!;
    expect(await fromRollups(range)).toEqual(computeStatistics(reader, range, config));
  });

  it('follow the config of the moment: a station removed, another renamed, another time zone', async () => {
    const range = ranges()['the month and today']!;
    forget();
    await fromRollups(range);
    const gone = 'kommun';
    const offices: OfficeConfig[] = [
      {
        ...config,
        stations: config.stations
          .filter((s) => s.id !== gone)
          .map((s) => (s.id === 'mv' ? { ...s, name: 'Mottagningen' } : s)),
        chain: config.chain.filter((id) => id !== gone),
        desks: config.desks.filter((d) => d.stationId !== gone),
      },
      // Offsets of half and quarter hours, and one on the other side of UTC.
      { ...config, timeZone: 'Asia/Kolkata' },
      { ...config, timeZone: 'Asia/Kathmandu' },
      { ...config, timeZone: 'America/St_Johns' },
    ];
    for (const office of offices) {
      const full = computeStatistics(reader, range, office);
      expect(await fromRollups(range, office)).toEqual(full);
    }
    const withoutKommun = await fromRollups(range, offices[0]);
    expect(withoutKommun.stations.map((s) => s.stationId).at(-1)).toBe(gone);
    expect(withoutKommun.stations[0]!.name).toBe('Mottagningen');
    expect(withoutKommun.funnel.map((f) => f.stationId)).not.toContain(gone);
    expect((await fromRollups(range, offices[1])).arrivalsByHour).not.toEqual(withoutKommun.arrivalsByHour);
  });

  it('are summed for finished days on first demand and then read from the kept days', async () => {
    const range = ranges()['the month and today']!;
    forget();
    expect(await throughServer(range)).toEqual(computeStatistics(reader, range, config));
    // Every day of the range before today, the days without visits too; today is summed anew.
    const finished = Math.round((Date.parse(today) - Date.parse(month.firstDay)) / DAY_MS);
    expect(keptDays()).toHaveLength(finished);
    expect(keptDays()).not.toContain(today);

    // Read, not summed again: a kept figure made wrong on purpose shows through.
    const day = addDays(month.firstDay, 2);
    server.sqlite.db.prepare(`UPDATE stats_days SET booked = booked + 1000 WHERE day = ?`).run(day);
    const tampered = await throughServer(range);
    expect(keptDays()).toHaveLength(finished);
    expect(tampered.visits.booked).toBe(computeStatistics(reader, range, config).visits.booked + 1000);

    // A day no longer kept is summed again.
    server.sqlite.db.prepare(`DELETE FROM stats_days WHERE day = ?`).run(day);
    expect(await throughServer(range)).toEqual(computeStatistics(reader, range, config));
    expect(keptDays()).toHaveLength(finished);
  });

  it('do not keep a past day that still has a visit open, and count it as it is', async () => {
    const day = addDays(month.firstDay, 5);
    const range = { from: addDays(day, -1), to: addDays(day, 1) };
    const visit = server.sqlite.db
      .prepare<[string], { id: string; status: string }>(
        `SELECT id, status FROM visits WHERE day = ? LIMIT 1`,
      )
      .get(day)!;
    const setStatus = server.sqlite.db.prepare(`UPDATE visits SET status = ? WHERE id = ?`);
    forget();
    setStatus.run('active', visit.id);
    try {
      const stats = await fromRollups(range);
      expect(stats).toEqual(computeStatistics(reader, range, config));
      expect(stats.visits.open).toBeGreaterThan(0);
      expect(keptDays()).toEqual([addDays(day, -1), addDays(day, 1)]);
    } finally {
      setStatus.run(visit.status, visit.id);
    }
  });

  it("count today's visits as they change, and keep the day once it has turned", async () => {
    const range = { from: addDays(month.lastDay, -2), to: today };
    const before = await throughServer(range);
    const kiosk = await connectDevice(server.url, await server.pair('kiosk'));
    try {
      for (const language of ['ti', 'so'] as const)
        ok(
          await kiosk.command('visit:check_in', {
            arrival: { kind: 'walk_in', adults: 1, children: 0 },
            language,
            interpreterLanguage: null,
            consent: false,
          }),
        );
    } finally {
      kiosk.close();
    }
    const during = await throughServer(range);
    expect(during).toEqual(computeStatistics(reader, range, config));
    expect(during.visits.arrivals).toBe(before.visits.arrivals + 2);
    expect(during.visits.open).toBe(before.visits.open + 2);
    expect(keptDays()).not.toContain(today);

    // The next morning: the open visits are cancelled as the day turns, and today is finished.
    clock.advance(DAY_MS);
    expect((await server.server.engine.startDayIfDue()).ok).toBe(true);
    const after = await throughServer({ ...range, to: server.server.engine.state.day });
    expect(after).toEqual(
      computeStatistics(reader, { ...range, to: server.server.engine.state.day }, config),
    );
    expect(after.visits.cancelled).toBe(before.visits.cancelled + 2);
    expect(keptDays()).toContain(today);
  });

  it('are prepared at start for a database that has none, over the longest range', async () => {
    forget();
    await server.close();
    server = await startTestServer({ dir, clock, config });
    const day = server.server.engine.state.day;
    await vi.waitFor(() => expect(keptDays()).toHaveLength(400), { timeout: 15_000, interval: 50 });
    expect(keptDays()[0]).toBe(addDays(day, -400));
    expect(keptDays().at(-1)).toBe(addDays(day, -1));
    const range = { from: month.firstDay, to: day };
    expect(await throughServer(range)).toEqual(computeStatistics(reader, range, config));
    expect(keptDays()).toHaveLength(400);
  });
});
