import { daysOf } from '../stats/days.js';
import type { DayFigures, LanguageDay, RollupStore, StationDay } from '../stats/rollupStore.js';
import type { StatsRange } from '../../shared/stats.js';
import type { Db } from './db.js';

/** A day's own figures, the stations' and languages' rows apart. */
type DayTotals = Omit<DayFigures, 'stations' | 'languages'>;

/** The columns of a day, a station's day and a language's day, as both the tables and the sums give them. */
export type DayRow<V> = [
  day: string,
  arrivals: number,
  booked: number,
  registered: number,
  cancelled: number,
  minutes: V,
  visitMs: V,
];
export type StationRow<V> = [
  day: string,
  stationId: string,
  steps: number,
  arrivals: number,
  served: number,
  noShows: number,
  skipped: number,
  waitMs: V,
  serviceMs: V,
];
/** A station's row of a day, its durations read by `durations` (kept blobs or summed JSON). */
const stationFigures =
  <V>(durations: (v: V) => Float64Array) =>
  ([day, stationId, steps, arrivals, served, noShows, skipped, waitMs, serviceMs]: StationRow<V>) => ({
    day,
    stationId,
    steps,
    arrivals,
    served,
    noShows,
    skipped,
    waitMs: durations(waitMs),
    serviceMs: durations(serviceMs),
  });
export type LanguageRow = [day: string, language: string, visits: number, needed: number, onSite: number];

export const bytes = (a: Float64Array | Uint16Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** A blob as the array it was written from; copied when SQLite's buffer is not aligned for one. */
function float64s(blob: Buffer): Float64Array {
  if (blob.byteOffset % 8 === 0) return new Float64Array(blob.buffer, blob.byteOffset, blob.byteLength / 8);
  return new Float64Array(Uint8Array.from(blob).buffer);
}
function uint16s(blob: Buffer): Uint16Array {
  if (blob.byteOffset % 2 === 0) return new Uint16Array(blob.buffer, blob.byteOffset, blob.byteLength / 2);
  return new Uint16Array(Uint8Array.from(blob).buffer);
}

/*
 * Summing from the rows, as compute.ts does: SQLite counts, and the values that the medians need
 * one by one come back as one JSON array per group, which JSON.parse reads far faster than a row
 * each. Grouped by day first, the order of the steps' index.
 */
const numbers = (json: string | null): number[] => (json === null ? [] : (JSON.parse(json) as number[]));

const IN_DAYS = `day IN (SELECT value FROM json_each(@days))`;

const SUM_DAYS = `
  SELECT day, count(*), count(*) FILTER (WHERE kind = 'booked'),
    count(*) FILTER (WHERE status = 'registered'), count(*) FILTER (WHERE status = 'cancelled'),
    json_group_array((created_at / 60000) % 1440),
    json_group_array(ended_at - created_at) FILTER (WHERE status = 'registered' AND ended_at IS NOT NULL)
  FROM visits WHERE ${IN_DAYS} GROUP BY day`;
const SUM_STATIONS = `
  SELECT day, station_id, count(*), count(queued_at), count(*) FILTER (WHERE status = 'done'),
    count(*) FILTER (WHERE status = 'no_show'), count(*) FILTER (WHERE status = 'skipped'),
    json_group_array(called_at - queued_at) FILTER (WHERE called_at >= queued_at),
    json_group_array(ended_at - started_at)
      FILTER (WHERE status = 'done' AND started_at IS NOT NULL AND ended_at IS NOT NULL)
  FROM visit_steps INDEXED BY visit_steps_by_day WHERE ${IN_DAYS} GROUP BY day, station_id`;
const SUM_LANGUAGES = `
  SELECT day, language, count(*), count(interpreter_language), count(*) FILTER (WHERE interpreter_used = 1)
  FROM visits WHERE ${IN_DAYS} GROUP BY day, language`;

const KEPT_DAYS = `
  SELECT day, arrivals, booked, registered, cancelled, arrival_minutes, visit_ms
  FROM stats_days WHERE day BETWEEN @from AND @to`;
const KEPT_STATIONS = `
  SELECT day, station_id, steps, arrivals, served, no_shows, skipped, wait_ms, service_ms
  FROM stats_day_stations WHERE day BETWEEN @from AND @to`;
const KEPT_LANGUAGES = `
  SELECT day, language, visits, interpreter_needed, interpreter_on_site
  FROM stats_day_languages WHERE day BETWEEN @from AND @to`;

/**
 * The statistics' daily figures on SQLite: summed from `visits` and `visit_steps`, kept in the
 * `stats_day*` tables (migration 0006). Reads on any connection (the worker's is read-only);
 * keeps only on the server's own, the database's one writer: with a second writer, an engine
 * transaction that reads before it writes would fail (SQLITE_BUSY_SNAPSHOT) whenever a rollup
 * was committed in between.
 */
export class SqliteRollups implements RollupStore {
  constructor(private readonly db: Db) {}

  /**
   * The days before the office's current day (the live state's, which only turns forward, and
   * cancels every visit still open as it turns), less any day with a visit still open. No command
   * reaches a visit of such a day, for the live state has let them go. Retention
   * (server/office/retention.ts) does rewrite old rows, but only their personal fields (household
   * members, booking references and lists, note texts, status tokens) and the command records,
   * none of which a figure reads: a finished day's figures, once kept, stay right.
   */
  async finishedDays(range: StatsRange): Promise<string[]> {
    const today = this.db
      .prepare<[], string>(`SELECT value FROM meta WHERE key = 'office_day'`)
      .pluck()
      .get();
    const open = new Set(
      this.db.prepare<[], string>(`SELECT DISTINCT day FROM visits WHERE status = 'active'`).pluck().all(),
    );
    return daysOf(range).filter((day) => day < (today ?? '') && !open.has(day));
  }

  async kept(range: StatsRange): Promise<DayFigures[]> {
    const rows = <R>(sql: string) => this.db.prepare(sql).raw().all(range) as R[];
    return keptFigures(rows(KEPT_DAYS), rows(KEPT_STATIONS), rows(KEPT_LANGUAGES));
  }

  async sum(days: readonly string[]): Promise<DayFigures[]> {
    if (days.length === 0) return [];
    const params = { days: JSON.stringify(days) };
    const rows = <R>(sql: string) => this.db.prepare(sql).raw().all(params) as R[];
    return summedFigures(days, rows(SUM_DAYS), rows(SUM_STATIONS), rows(SUM_LANGUAGES), numbers);
  }

  async keep(days: readonly DayFigures[]): Promise<void> {
    const drop = ['stats_days', 'stats_day_stations', 'stats_day_languages'].map((table) =>
      this.db.prepare<[string]>(`DELETE FROM ${table} WHERE day = ?`),
    );
    const day = this.db.prepare(`INSERT INTO stats_days VALUES (?, ?, ?, ?, ?, ?, ?)`);
    const station = this.db.prepare(`INSERT INTO stats_day_stations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const language = this.db.prepare(`INSERT INTO stats_day_languages VALUES (?, ?, ?, ?, ?)`);
    this.db.transaction(() => {
      for (const d of days) {
        for (const statement of drop) statement.run(d.day);
        day.run(
          d.day,
          d.arrivals,
          d.booked,
          d.registered,
          d.cancelled,
          bytes(d.arrivalMinutes),
          bytes(d.visitMs),
        );
        for (const s of d.stations)
          station.run(
            d.day,
            s.stationId,
            s.steps,
            s.arrivals,
            s.served,
            s.noShows,
            s.skipped,
            bytes(s.waitMs),
            bytes(s.serviceMs),
          );
        for (const l of d.languages)
          language.run(d.day, l.language, l.visits, l.interpreterNeeded, l.interpreterOnSite);
      }
    })();
  }

  async hasVisitsBefore(day: string): Promise<boolean> {
    return (
      this.db.prepare<[string], number>(`SELECT 1 FROM visits WHERE day < ? LIMIT 1`).pluck().get(day) === 1
    );
  }
}

const emptyDay = (day: string): DayTotals => ({
  day,
  arrivals: 0,
  booked: 0,
  registered: 0,
  cancelled: 0,
  arrivalMinutes: new Uint16Array(0),
  visitMs: new Float64Array(0),
});

/** Each day's figures with its stations' and languages' rows. */
function assemble(
  days: readonly DayTotals[],
  stations: readonly (StationDay & { readonly day: string })[],
  languages: readonly LanguageRow[],
): DayFigures[] {
  const byDay = new Map(
    days.map((d) => [d.day, { ...d, stations: [] as StationDay[], languages: [] as LanguageDay[] }]),
  );
  for (const { day, ...station } of stations) byDay.get(day)?.stations.push(station);
  for (const [day, language, visits, interpreterNeeded, interpreterOnSite] of languages)
    byDay.get(day)?.languages.push({ language, visits, interpreterNeeded, interpreterOnSite });
  return [...byDay.values()];
}

/** The kept rows of a range (durations in blobs) as each day's figures; both stores keep them so. */
export function keptFigures(
  days: readonly DayRow<Buffer>[],
  stations: readonly StationRow<Buffer>[],
  languages: readonly LanguageRow[],
): DayFigures[] {
  return assemble(
    days.map(([day, arrivals, booked, registered, cancelled, minutes, visitMs]) => ({
      day,
      arrivals,
      booked,
      registered,
      cancelled,
      arrivalMinutes: uint16s(minutes),
      visitMs: float64s(visitMs),
    })),
    stations.map(stationFigures(float64s)),
    languages,
  );
}

/**
 * The sums of the `asked` days as each day's figures (a day without visits has zeros); `values`
 * reads a group's durations as the store gives them (SQLite: a JSON array; PostgreSQL: an array).
 */
export function summedFigures<V>(
  asked: readonly string[],
  days: readonly DayRow<V>[],
  stations: readonly StationRow<V>[],
  languages: readonly LanguageRow[],
  values: (v: V) => number[],
): DayFigures[] {
  const sorted = (v: V) => Float64Array.from(values(v)).sort();
  const totals = days.map(([day, arrivals, booked, registered, cancelled, minutes, visitMs]): DayTotals => ({
    day,
    arrivals,
    booked,
    registered,
    cancelled,
    arrivalMinutes: Uint16Array.from(values(minutes)),
    visitMs: sorted(visitMs),
  }));
  const withVisits = new Set(totals.map((d) => d.day));
  const empty = asked.filter((day) => !withVisits.has(day)).map(emptyDay);
  return assemble([...totals, ...empty], stations.map(stationFigures(sorted)), languages);
}
