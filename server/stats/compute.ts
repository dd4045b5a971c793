import { TZDate } from '@date-fns/tz';
import type { OfficeConfig } from '../../shared/office.js';
import type { StationStats, Statistics, StatsRange, Summary } from '../../shared/stats.js';
import type { Db } from '../store/db.js';

const MINUTE = 60_000;

/** Median, 90th percentile (nearest rank) and maximum of durations in milliseconds, in minutes. */
export function summarize(durations: Float64Array | number[]): Summary {
  const sorted = Float64Array.from(durations).sort();
  const n = sorted.length;
  if (n === 0) return { count: 0, median: null, p90: null, max: null };
  const rank = (p: number) => sorted[Math.min(n - 1, Math.ceil(p * n) - 1)]!;
  const median = n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  const round = (ms: number) => Math.round((ms / MINUTE) * 10) / 10;
  return { count: n, median: round(median), p90: round(rank(0.9)), max: round(sorted[n - 1]!) };
}

/** A growable list of numbers without boxing: a year holds hundreds of thousands of them. */
class Durations {
  private data = new Float64Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  values(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

type VisitRow = [
  day: string,
  createdAt: number,
  endedAt: number | null,
  status: string,
  kind: string,
  language: string,
  interpreterLanguage: string | null,
  interpreterUsed: number,
];
type StepRow = [
  stationId: string,
  status: string,
  queuedAt: number | null,
  calledAt: number | null,
  startedAt: number | null,
  endedAt: number | null,
];

/**
 * An office's statistics for a range of days, from the `visits` and `visit_steps` tables: the
 * projection of the event log, which holds no personal data. Runs on a read-only connection.
 */
export function computeStatistics(db: Db, range: StatsRange, config: OfficeConfig): Statistics {
  const visits = db
    .prepare<[string, string], VisitRow>(
      `SELECT day, created_at, ended_at, status, kind, language, interpreter_language, interpreter_used
       FROM visits WHERE day BETWEEN ? AND ?`,
    )
    .raw()
    .all(range.from, range.to) as unknown as VisitRow[];

  const counts = { arrivals: visits.length, booked: 0, walkIn: 0, registered: 0, cancelled: 0, open: 0 };
  const visitTimes = new Durations();
  const byHour = new Array<number>(24).fill(0);
  const languages = new Map<
    string,
    { visits: number; interpreterNeeded: number; interpreterOnSite: number }
  >();
  // The office's UTC offset per day (DST turns on Sunday nights, when offices are closed).
  const offsets = new Map<string, number>();
  const offsetOf = (day: string) => {
    let offset = offsets.get(day);
    if (offset === undefined) {
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      offset = -new TZDate(y, m - 1, d, 12, 0, config.timeZone).getTimezoneOffset() * MINUTE;
      offsets.set(day, offset);
    }
    return offset;
  };
  for (const [
    day,
    createdAt,
    endedAt,
    status,
    kind,
    language,
    interpreterLanguage,
    interpreterUsed,
  ] of visits) {
    if (kind === 'booked') counts.booked++;
    else counts.walkIn++;
    if (status === 'registered') {
      counts.registered++;
      if (endedAt !== null) visitTimes.push(endedAt - createdAt);
    } else if (status === 'cancelled') counts.cancelled++;
    else counts.open++;
    byHour[Math.floor((createdAt + offsetOf(day)) / 3_600_000) % 24]! += 1;
    const entry = languages.get(language) ?? { visits: 0, interpreterNeeded: 0, interpreterOnSite: 0 };
    entry.visits++;
    if (interpreterLanguage !== null) entry.interpreterNeeded++;
    if (interpreterUsed === 1) entry.interpreterOnSite++;
    languages.set(language, entry);
  }

  const steps = db
    .prepare<[string, string], StepRow>(
      `SELECT s.station_id, s.status, s.queued_at, s.called_at, s.started_at, s.ended_at
       FROM visits v JOIN visit_steps s ON s.visit_id = v.id
       WHERE v.day BETWEEN ? AND ?`,
    )
    .raw()
    .all(range.from, range.to) as unknown as StepRow[];

  interface Tally {
    arrivals: number;
    served: number;
    noShows: number;
    skipped: number;
    wait: Durations;
    service: Durations;
  }
  const tallies = new Map<string, Tally>();
  for (const [stationId, status, queuedAt, calledAt, startedAt, endedAt] of steps) {
    let t = tallies.get(stationId);
    if (!t) {
      t = { arrivals: 0, served: 0, noShows: 0, skipped: 0, wait: new Durations(), service: new Durations() };
      tallies.set(stationId, t);
    }
    if (queuedAt !== null) t.arrivals++;
    if (status === 'done') t.served++;
    else if (status === 'no_show') t.noShows++;
    else if (status === 'skipped') t.skipped++;
    if (queuedAt !== null && calledAt !== null && calledAt >= queuedAt) t.wait.push(calledAt - queuedAt);
    if (status === 'done' && startedAt !== null && endedAt !== null) t.service.push(endedAt - startedAt);
  }

  const stationName = (id: string) => config.stations.find((s) => s.id === id)?.name ?? id;
  // Stations in chain order, then any others that visits of the range passed (since removed, say).
  const order = [...config.chain, ...[...tallies.keys()].filter((id) => !config.chain.includes(id)).sort()];
  const stations: StationStats[] = order.map((stationId) => {
    const t = tallies.get(stationId);
    return {
      stationId,
      name: stationName(stationId),
      arrivals: t?.arrivals ?? 0,
      served: t?.served ?? 0,
      noShows: t?.noShows ?? 0,
      skipped: t?.skipped ?? 0,
      waitMinutes: summarize(t?.wait.values() ?? []),
      serviceMinutes: summarize(t?.service.values() ?? []),
    };
  });

  return {
    range,
    visits: counts,
    visitMinutes: summarize(visitTimes.values()),
    stations,
    funnel: stations
      .filter((s) => config.chain.includes(s.stationId))
      .map((s) => ({ stationId: s.stationId, reached: s.arrivals, done: s.served, skipped: s.skipped })),
    languages: [...languages]
      .map(([language, l]) => ({ language, ...l }))
      .sort((a, b) => b.visits - a.visits || a.language.localeCompare(b.language)),
    arrivalsByHour: byHour,
  };
}
