import type pg from 'pg';
import type { StatsRange } from '../../../shared/stats.js';
import { daysOf } from '../../stats/days.js';
import type { DayFigures, RollupStore } from '../../stats/rollupStore.js';
import {
  bytes,
  keptFigures,
  summedFigures,
  type DayRow,
  type LanguageRow,
  type StationRow,
} from '../statsDays.js';
import { arraysOf, rowsInsert, type Columns } from './sql.js';
import { inTransaction, rowsOf, tuplesOf } from './tx.js';

/*
 * The sums of ../statsDays.ts in PostgreSQL's SQL: counts, and the durations the medians need
 * one by one as one float8 array per group (null for none). In the order of SQLite's keys
 * (bytewise), so that both stores give the same figures in the same order.
 */
const IN_DAYS = `office_id = $1 AND day = ANY ($2::text[])`;
const SUM_DAYS = `
  SELECT day, count(*), count(*) FILTER (WHERE kind = 'booked'),
    count(*) FILTER (WHERE status = 'registered'), count(*) FILTER (WHERE status = 'cancelled'),
    array_agg(((created_at / 60000) % 1440)::float8),
    array_agg((ended_at - created_at)::float8) FILTER (WHERE status = 'registered' AND ended_at IS NOT NULL)
  FROM visits WHERE ${IN_DAYS} GROUP BY day ORDER BY day`;
const SUM_STATIONS = `
  SELECT day, station_id, count(*), count(queued_at), count(*) FILTER (WHERE status = 'done'),
    count(*) FILTER (WHERE status = 'no_show'), count(*) FILTER (WHERE status = 'skipped'),
    array_agg((called_at - queued_at)::float8) FILTER (WHERE called_at >= queued_at),
    array_agg((ended_at - started_at)::float8)
      FILTER (WHERE status = 'done' AND started_at IS NOT NULL AND ended_at IS NOT NULL)
  FROM visit_steps WHERE ${IN_DAYS} GROUP BY day, station_id ORDER BY day, station_id COLLATE "C"`;
const SUM_LANGUAGES = `
  SELECT day, language, count(*), count(interpreter_language), count(*) FILTER (WHERE interpreter_used = 1)
  FROM visits WHERE ${IN_DAYS} GROUP BY day, language ORDER BY day, language COLLATE "C"`;

const DAY_COLUMNS: Columns = [
  ['day', 'text'],
  ['arrivals', 'integer'],
  ['booked', 'integer'],
  ['registered', 'integer'],
  ['cancelled', 'integer'],
  ['arrival_minutes', 'bytea'],
  ['visit_ms', 'bytea'],
];
const STATION_COLUMNS: Columns = [
  ['day', 'text'],
  ['station_id', 'text'],
  ['steps', 'integer'],
  ['arrivals', 'integer'],
  ['served', 'integer'],
  ['no_shows', 'integer'],
  ['skipped', 'integer'],
  ['wait_ms', 'bytea'],
  ['service_ms', 'bytea'],
];
const LANGUAGE_COLUMNS: Columns = [
  ['day', 'text'],
  ['language', 'text'],
  ['visits', 'integer'],
  ['interpreter_needed', 'integer'],
  ['interpreter_on_site', 'integer'],
];

const IN_RANGE = `office_id = $1 AND day BETWEEN $2 AND $3`;
const KEPT_DAYS = `SELECT day, arrivals, booked, registered, cancelled, arrival_minutes, visit_ms
  FROM stats_days WHERE ${IN_RANGE} ORDER BY day`;
const KEPT_STATIONS = `SELECT day, station_id, steps, arrivals, served, no_shows, skipped, wait_ms, service_ms
  FROM stats_day_stations WHERE ${IN_RANGE} ORDER BY day, station_id COLLATE "C"`;
const KEPT_LANGUAGES = `SELECT day, language, visits, interpreter_needed, interpreter_on_site
  FROM stats_day_languages WHERE ${IN_RANGE} ORDER BY day, language COLLATE "C"`;

/**
 * The statistics' daily figures of one office on PostgreSQL, as SQLite's (../statsDays.ts): the
 * same finished days, the same sums, kept in the same shape. Reads on any connection (the
 * worker's are read-only); keeps on the server's.
 */
export class PgRollups implements RollupStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly officeId: string,
  ) {}

  async finishedDays(range: StatsRange): Promise<string[]> {
    const [office] = await rowsOf<{ day: string }>(this.pool, `SELECT day FROM offices WHERE id = $1`, [
      this.officeId,
    ]);
    const open = await rowsOf<{ day: string }>(
      this.pool,
      `SELECT DISTINCT day FROM visits WHERE office_id = $1 AND status = 'active'`,
      [this.officeId],
    );
    const busy = new Set(open.map((r) => r.day));
    return daysOf(range).filter((day) => day < (office?.day ?? '') && !busy.has(day));
  }

  async kept(range: StatsRange): Promise<DayFigures[]> {
    const values = [this.officeId, range.from, range.to];
    const [days, stations, languages] = await Promise.all([
      tuplesOf<DayRow<Buffer>>(this.pool, KEPT_DAYS, values),
      tuplesOf<StationRow<Buffer>>(this.pool, KEPT_STATIONS, values),
      tuplesOf<LanguageRow>(this.pool, KEPT_LANGUAGES, values),
    ]);
    return keptFigures(days, stations, languages);
  }

  async sum(days: readonly string[]): Promise<DayFigures[]> {
    if (days.length === 0) return [];
    const values = [this.officeId, days];
    const [dayRows, stations, languages] = await Promise.all([
      tuplesOf<DayRow<number[] | null>>(this.pool, SUM_DAYS, values),
      tuplesOf<StationRow<number[] | null>>(this.pool, SUM_STATIONS, values),
      tuplesOf<LanguageRow>(this.pool, SUM_LANGUAGES, values),
    ]);
    return summedFigures(days, dayRows, stations, languages, (v) => v ?? []);
  }

  keep(days: readonly DayFigures[]): Promise<void> {
    if (days.length === 0) return Promise.resolve();
    return inTransaction(this.pool, async (client) => {
      const office = this.officeId;
      const names = days.map((d) => d.day);
      for (const table of ['stats_days', 'stats_day_stations', 'stats_day_languages'])
        await client.query(`DELETE FROM ${table} WHERE office_id = $1 AND day = ANY ($2::text[])`, [
          office,
          names,
        ]);
      const put = (table: string, columns: Columns, rows: readonly object[]) =>
        rows.length === 0
          ? undefined
          : client.query(rowsInsert(table, columns), [office, ...arraysOf(columns, rows)]);
      await put(
        'stats_days',
        DAY_COLUMNS,
        days.map((d) => ({ ...d, arrival_minutes: bytes(d.arrivalMinutes), visit_ms: bytes(d.visitMs) })),
      );
      await put(
        'stats_day_stations',
        STATION_COLUMNS,
        days.flatMap((d) =>
          d.stations.map((s) => ({
            day: d.day,
            station_id: s.stationId,
            steps: s.steps,
            arrivals: s.arrivals,
            served: s.served,
            no_shows: s.noShows,
            skipped: s.skipped,
            wait_ms: bytes(s.waitMs),
            service_ms: bytes(s.serviceMs),
          })),
        ),
      );
      await put(
        'stats_day_languages',
        LANGUAGE_COLUMNS,
        days.flatMap((d) =>
          d.languages.map((l) => ({
            day: d.day,
            language: l.language,
            visits: l.visits,
            interpreter_needed: l.interpreterNeeded,
            interpreter_on_site: l.interpreterOnSite,
          })),
        ),
      );
    });
  }

  async hasVisitsBefore(day: string): Promise<boolean> {
    const rows = await rowsOf(this.pool, `SELECT 1 FROM visits WHERE office_id = $1 AND day < $2 LIMIT 1`, [
      this.officeId,
      day,
    ]);
    return rows.length > 0;
  }
}
