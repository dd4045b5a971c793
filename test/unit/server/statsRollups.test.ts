import { TZDate } from '@date-fns/tz';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoOffice } from '../../../server/office/demo.js';
import { computeStatistics } from '../../../server/stats/compute.js';
import { statisticsFromRollups } from '../../../server/stats/fromRollups.js';
import { selectRank } from '../../../server/stats/select.js';
import { summarize, summarizeSorted } from '../../../server/stats/summary.js';
import { openDatabase } from '../../../server/store/db.js';
import { SqliteRollups } from '../../../server/store/statsDays.js';
import { rng } from '../../helpers/rng.js';

const MINUTE = 60_000;

describe('selectRank', () => {
  // Few distinct values, so that ties across and within the arrays are common; and any doubles.
  const value = fc.oneof(
    fc.integer({ min: -5, max: 5 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
  );
  const parts = fc.array(
    fc.array(value, { maxLength: 40 }).map((a) => Float64Array.from(a).sort()),
    { minLength: 1, maxLength: 12 },
  );

  it('finds every rank of the sorted concatenation', () => {
    fc.assert(
      fc.property(parts, (arrays) => {
        const all = Float64Array.from(arrays.flatMap((a) => [...a])).sort();
        for (let rank = 0; rank < all.length; rank++) expect(selectRank(arrays, rank)).toBe(all[rank]);
      }),
    );
  });

  it('gives the summary of the whole, whatever the split', () => {
    fc.assert(
      fc.property(parts, (arrays) => {
        expect(summarizeSorted(arrays)).toEqual(summarize(arrays.flatMap((a) => [...a])));
      }),
    );
  });
});

describe('statistics from daily rollups', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motesplats-rollups-'));
  const db = openDatabase(join(dir, 'office.sqlite'));
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const config = demoOffice();

  // Days around both daylight-saving turns, visits still open, a station the office no longer has
  // ('gone'), waits of zero and below zero (a clock set back), meetings that end before they start.
  const days = ['2025-10-24', '2025-10-27', '2025-10-28', '2026-03-27', '2026-03-30', '2026-03-31'];
  const r = rng(2024);
  const insertVisit = db.prepare(
    `INSERT INTO visits (id, day, ticket, kind, language, interpreter_language, adults, children, consent,
       appointment_at, created_at, status, ended_at, cancel_reason, current_step, interpreter_id, interpreter_used)
     VALUES (@id, @day, @id, @kind, @language, @interpreter, 1, 0, 1, NULL, @created, @status, @ended, NULL, NULL,
       NULL, @used)`,
  );
  const insertStep = db.prepare(
    `INSERT INTO visit_steps (visit_id, idx, station_id, status, queued_at, came_from, target_desk_id, desk_id,
       called_at, last_called_at, started_at, ended_at, recalls, outcome, skip_reason, checklist, day)
     VALUES (@visit, @idx, @station, @status, @queued, NULL, NULL, NULL, @called, NULL, @started, @ended, 0, NULL,
       NULL, '{}', @day)`,
  );
  const maybe = <T>(p: number, v: T) => (r.chance(p) ? v : null);
  db.transaction(() => {
    for (const [d, day] of days.entries()) {
      const [y, m, dd] = day.split('-').map(Number) as [number, number, number];
      const opens = new TZDate(y, m - 1, dd, 7, 30, config.timeZone).getTime();
      for (let i = 0; i < 80; i++) {
        const created = opens + r.int(0, 9 * 60) * MINUTE + r.int(0, 59_999);
        const status = r.pick(['registered', 'registered', 'cancelled', 'active']);
        const id = `v-${d}-${i}`;
        insertVisit.run({
          id,
          day,
          kind: r.pick(['booked', 'walk_in']),
          language: r.pick(['ar', 'fa', 'ti', 'so', 'uk', 'sv']),
          interpreter: maybe(0.5, r.pick(['ar', 'fa'])),
          created,
          status,
          ended: status === 'active' ? null : maybe(0.95, created + r.int(30, 400) * MINUTE + r.int(0, 999)),
          used: r.int(0, 1),
        });
        for (let idx = 0; idx < r.int(0, 5); idx++) {
          const queued = maybe(0.85, created + r.int(0, 200) * MINUTE);
          const called =
            queued === null ? null : maybe(0.9, queued + (r.chance(0.1) ? 0 : r.int(-3, 90) * MINUTE));
          const started = called === null ? null : maybe(0.9, called + r.int(0, 5) * MINUTE);
          const ended =
            started === null ? null : maybe(0.9, started + r.int(-1, 45) * MINUTE + r.int(0, 999));
          insertStep.run({
            visit: id,
            idx,
            station: r.pick([...config.chain, 'gone']),
            status: r.pick(['done', 'done', 'no_show', 'skipped', 'waiting', 'pending']),
            queued,
            called,
            started,
            ended,
            day,
          });
        }
      }
    }
    // Every visit still open belongs to the last day: the office is on it.
    db.prepare(`UPDATE visits SET status = 'registered' WHERE status = 'active' AND day < ?`).run(
      days.at(-1),
    );
    db.prepare(`INSERT OR REPLACE INTO meta VALUES ('office_day', ?)`).run(days.at(-1));
  })();
  const rollups = new SqliteRollups(db);

  it.each([
    { from: '2025-10-01', to: '2026-04-30' },
    { from: '2025-10-24', to: '2025-10-27' },
    { from: '2026-03-30', to: '2026-03-31' },
    { from: '2025-11-01', to: '2026-03-01' },
  ])('come to the full computation for $from … $to, summed and then kept', async (range) => {
    const full = computeStatistics(db, range, config);
    const first = await statisticsFromRollups(rollups, range, config);
    expect(first.statistics).toEqual(full);
    await rollups.keep(first.summed);
    const again = await statisticsFromRollups(rollups, range, config);
    expect(again.statistics).toEqual(full);
    // Only the office's current day is summed anew; the days before it are kept.
    expect(again.summed).toEqual([]);
  });

  it('list a station that was removed from the office after those of the chain', async () => {
    const range = { from: '2025-10-01', to: '2026-04-30' };
    const { statistics } = await statisticsFromRollups(rollups, range, config);
    expect(statistics.stations.map((s) => s.stationId)).toEqual([...config.chain, 'gone']);
    expect(statistics.funnel.map((f) => f.stationId)).toEqual(config.chain);
  });

  it('keep the days without visits as zeros, and never the current day', async () => {
    const range = { from: '2026-03-28', to: '2026-04-02' };
    await rollups.keep((await statisticsFromRollups(rollups, range, config)).summed);
    const kept = db
      .prepare<[string, string], string>(`SELECT day FROM stats_days WHERE day BETWEEN ? AND ? ORDER BY day`)
      .pluck()
      .all(range.from, range.to);
    expect(kept).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
  });
});
