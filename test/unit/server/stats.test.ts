import { TZDate } from '@date-fns/tz';
import { afterAll, describe, expect, it } from 'vitest';
import { demoOffice } from '../../../server/office/demo.js';
import { computeStatistics, summarize } from '../../../server/stats/compute.js';
import { openDatabase } from '../../../server/store/db.js';
import type { OfficeConfig } from '../../../shared/office.js';
import type { Statistics, StatsRange } from '../../../shared/stats.js';

const MINUTE = 60_000;

/** A small seeded generator, so that a failure repeats. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (Math.imul(a, 1_664_525) + 1_013_904_223) >>> 0;
    return a / 2 ** 32;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
    maybe: <T>(p: number, value: T) => (next() < p ? value : null),
  };
}

interface VisitRow {
  id: string;
  day: string;
  kind: string;
  language: string;
  interpreter_language: string | null;
  created_at: number;
  status: string;
  ended_at: number | null;
  interpreter_used: number;
}

interface StepRow {
  visit_id: string;
  station_id: string;
  status: string;
  queued_at: number | null;
  called_at: number | null;
  started_at: number | null;
  ended_at: number | null;
}

/**
 * The statistics as their definitions say, row by row, with nothing clever: what the SQL that
 * aggregates in the database must come to.
 */
function expected(visits: VisitRow[], steps: StepRow[], range: StatsRange, config: OfficeConfig): Statistics {
  const mine = visits.filter((v) => v.day >= range.from && v.day <= range.to);
  const ids = new Set(mine.map((v) => v.id));
  const theirSteps = steps.filter((s) => ids.has(s.visit_id));
  const offset = (day: string) => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    return -new TZDate(y, m - 1, d, 12, 0, config.timeZone).getTimezoneOffset() * MINUTE;
  };
  const byHour = new Array<number>(24).fill(0);
  for (const v of mine) byHour[Math.floor((v.created_at + offset(v.day)) / 3_600_000) % 24]! += 1;
  const languages = [...new Set(mine.map((v) => v.language))]
    .map((language) => {
      const of = mine.filter((v) => v.language === language);
      return {
        language,
        visits: of.length,
        interpreterNeeded: of.filter((v) => v.interpreter_language !== null).length,
        interpreterOnSite: of.filter((v) => v.interpreter_used === 1).length,
      };
    })
    .sort((a, b) => b.visits - a.visits || a.language.localeCompare(b.language));
  const passed = new Set(theirSteps.map((s) => s.station_id));
  const order = [...config.chain, ...[...passed].filter((id) => !config.chain.includes(id)).sort()];
  const stations = order.map((stationId) => {
    const at = theirSteps.filter((s) => s.station_id === stationId);
    return {
      stationId,
      name: config.stations.find((s) => s.id === stationId)?.name ?? stationId,
      arrivals: at.filter((s) => s.queued_at !== null).length,
      served: at.filter((s) => s.status === 'done').length,
      noShows: at.filter((s) => s.status === 'no_show').length,
      skipped: at.filter((s) => s.status === 'skipped').length,
      waitMinutes: summarize(
        at
          .filter((s) => s.queued_at !== null && s.called_at !== null && s.called_at >= s.queued_at)
          .map((s) => s.called_at! - s.queued_at!),
      ),
      serviceMinutes: summarize(
        at
          .filter((s) => s.status === 'done' && s.started_at !== null && s.ended_at !== null)
          .map((s) => s.ended_at! - s.started_at!),
      ),
    };
  });
  const registered = mine.filter((v) => v.status === 'registered');
  return {
    range,
    visits: {
      arrivals: mine.length,
      booked: mine.filter((v) => v.kind === 'booked').length,
      walkIn: mine.filter((v) => v.kind !== 'booked').length,
      registered: registered.length,
      cancelled: mine.filter((v) => v.status === 'cancelled').length,
      open: mine.filter((v) => v.status !== 'registered' && v.status !== 'cancelled').length,
    },
    visitMinutes: summarize(
      registered.filter((v) => v.ended_at !== null).map((v) => v.ended_at! - v.created_at),
    ),
    stations,
    funnel: stations
      .filter((s) => config.chain.includes(s.stationId))
      .map((s) => ({ stationId: s.stationId, reached: s.arrivals, done: s.served, skipped: s.skipped })),
    languages,
    arrivalsByHour: byHour,
  };
}

describe('computeStatistics', () => {
  const config = demoOffice();
  const db = openDatabase(':memory:');
  afterAll(() => db.close());

  // Days around both daylight-saving turns, and a station the office no longer has ('gone').
  const days = [
    '2025-10-23',
    '2025-10-24',
    '2025-10-27',
    '2025-10-28',
    '2026-03-27',
    '2026-03-30',
    '2026-03-31',
  ];
  const r = random(4711);
  const visits: VisitRow[] = [];
  const steps: StepRow[] = [];
  const stationIds = [...config.chain, 'gone'];
  for (const [d, day] of days.entries()) {
    const [y, m, dd] = day.split('-').map(Number) as [number, number, number];
    const opens = new TZDate(y, m - 1, dd, 7, 30, config.timeZone).getTime();
    for (let i = 0; i < 60; i++) {
      const created = opens + r.int(0, 9 * 60) * MINUTE + r.int(0, 59_999);
      const status = r.pick(['registered', 'registered', 'registered', 'cancelled', 'active']);
      const visit: VisitRow = {
        id: `v-${d}-${i}`,
        day,
        kind: r.pick(['booked', 'walk_in']),
        language: r.pick(['ar', 'fa', 'ti', 'so', 'uk', 'sv']),
        interpreter_language: r.maybe(0.6, r.pick(['ar', 'fa'])),
        created_at: created,
        status,
        ended_at:
          status === 'active' ? null : r.maybe(0.95, created + r.int(30, 400) * MINUTE + r.int(0, 59_999)),
        interpreter_used: r.int(0, 1),
      };
      visits.push(visit);
      const stops = r.int(0, 5);
      for (let k = 0; k < stops; k++) {
        const queued = r.maybe(0.85, created + r.int(0, 200) * MINUTE);
        // Now and then a call at the very moment of the queueing, one before it (a clock set
        // back), and an end before the start.
        const wait = r.next() < 0.1 ? 0 : r.int(-3, 90) * MINUTE + r.int(0, 999);
        const called = queued === null ? null : r.maybe(0.9, queued + wait);
        const started = called === null ? null : r.maybe(0.9, called + r.int(0, 5) * MINUTE);
        const ended =
          started === null ? null : r.maybe(0.9, started + r.int(-1, 45) * MINUTE + r.int(0, 999));
        steps.push({
          visit_id: visit.id,
          station_id: r.pick(stationIds),
          status: r.pick(['done', 'done', 'no_show', 'skipped', 'waiting', 'pending']),
          queued_at: queued,
          called_at: called,
          started_at: started,
          ended_at: ended,
        });
      }
    }
  }
  const insertVisit = db.prepare(
    `INSERT INTO visits (id, day, ticket, kind, language, interpreter_language, adults, children, consent,
       appointment_at, created_at, status, ended_at, cancel_reason, current_step, interpreter_id, interpreter_used)
     VALUES (@id, @day, @id, @kind, @language, @interpreter_language, 1, 0, 1, NULL, @created_at, @status,
       @ended_at, NULL, NULL, NULL, @interpreter_used)`,
  );
  const insertStep = db.prepare(
    `INSERT INTO visit_steps (visit_id, idx, station_id, status, queued_at, came_from, target_desk_id, desk_id,
       called_at, last_called_at, started_at, ended_at, recalls, outcome, skip_reason, checklist, day)
     VALUES (@visit_id, @idx, @station_id, @status, @queued_at, NULL, NULL, NULL, @called_at, NULL, @started_at,
       @ended_at, 0, NULL, NULL, '{}', (SELECT day FROM visits WHERE id = @visit_id))`,
  );
  db.transaction(() => {
    for (const v of visits) insertVisit.run(v);
    steps.forEach((s, idx) => insertStep.run({ ...s, idx }));
  })();

  it.each([
    { from: '2025-10-01', to: '2026-04-30' },
    { from: '2025-10-24', to: '2025-10-27' },
    { from: '2026-03-30', to: '2026-03-30' },
    { from: '2025-11-01', to: '2026-03-01' },
  ])('comes to what the definitions say, row by row, for $from … $to', (range) => {
    expect(computeStatistics(db, range, config)).toEqual(expected(visits, steps, range, config));
  });

  it('lists a station that was removed from the office after the stations of the chain', () => {
    const stats = computeStatistics(db, { from: '2025-10-01', to: '2026-04-30' }, config);
    expect(stats.stations.map((s) => s.stationId)).toEqual([...config.chain, 'gone']);
    expect(stats.funnel.map((f) => f.stationId)).toEqual(config.chain);
    expect(stats.stations.at(-1)!.waitMinutes.count).toBeGreaterThan(0);
  });

  it('has nothing to say of a range without visits', () => {
    const stats = computeStatistics(db, { from: '2024-01-01', to: '2024-12-31' }, config);
    expect(stats.visits.arrivals).toBe(0);
    expect(stats.stations.map((s) => s.stationId)).toEqual(config.chain);
    expect(stats.arrivalsByHour.every((n) => n === 0)).toBe(true);
  });
});
