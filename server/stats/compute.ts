import { TZDate } from '@date-fns/tz';
import type { OfficeConfig } from '../../shared/office.js';
import type { StationStats, Statistics, StatsRange } from '../../shared/stats.js';
import type { Db } from '../store/db.js';
import { summarize } from './summary.js';

// Where the tests of the definitions have always found it.
export { summarize };

const MINUTE = 60_000;

/*
 * A year is some 150,000 visits and 600,000 steps. Handing each row to JavaScript costs a few
 * microseconds (an array and its strings per row), which made a year's statistics take seconds.
 * So SQLite does the counting, and the durations, which the percentiles need one by one, come
 * back as one JSON array of numbers per group, which JSON.parse reads in a few milliseconds.
 */

const parseNumbers = (json: string | null): number[] => (json === null ? [] : (JSON.parse(json) as number[]));

type DayRow = [
  day: string,
  createdAts: string,
  visitDurations: string | null,
  arrivals: number,
  booked: number,
  registered: number,
  cancelled: number,
];

type LanguageRow = [language: string, visits: number, interpreterNeeded: number, interpreterOnSite: number];

type StepsRow = [codes: string, waits: string | null, services: string | null];

const STATUS_CODES = { done: 1, no_show: 2, skipped: 3 } as const;

interface Tally {
  /** Steps at the station, whatever became of them. */
  rows: number;
  arrivals: number;
  served: number;
  noShows: number;
  skipped: number;
  wait: number[];
  service: number[];
}

const emptyTally = (): Tally => ({
  rows: 0,
  arrivals: 0,
  served: 0,
  noShows: 0,
  skipped: 0,
  wait: [],
  service: [],
});

/**
 * The steps of the range's visits, tallied for the given stations in one pass over the join.
 * Each step's station (its position in `stationIds`, 1-based; 0 for any other station) and
 * status go into a small code; its durations go with its station's number, so the three
 * arrays need not line up. Returns the tallies and how many steps were of other stations.
 */
function tallySteps(db: Db, range: StatsRange, stationIds: readonly string[]) {
  if (stationIds.length === 0) return { tallies: [], others: 0 };
  const k = stationIds.length + 1;
  const station = `(CASE s.station_id ${stationIds.map((_, i) => `WHEN @s${i} THEN ${i + 1}`).join(' ')} ELSE 0 END)`;
  const status = `(CASE s.status ${Object.entries(STATUS_CODES)
    .map(([name, code]) => `WHEN '${name}' THEN ${code}`)
    .join(' ')} ELSE 0 END)`;
  const [codes, waits, services] = db
    .prepare(
      `SELECT
         json_group_array((${station} * 4 + ${status}) * 2 + (s.queued_at IS NOT NULL)),
         json_group_array((s.called_at - s.queued_at) * ${k} + ${station})
           FILTER (WHERE s.called_at >= s.queued_at),
         json_group_array((s.ended_at - s.started_at) * ${k} + ${station})
           FILTER (WHERE s.status = 'done' AND s.started_at IS NOT NULL AND s.ended_at IS NOT NULL)
       FROM visit_steps s INDEXED BY visit_steps_by_day
       WHERE s.day BETWEEN @from AND @to`,
    )
    .raw()
    .get({
      from: range.from,
      to: range.to,
      ...Object.fromEntries(stationIds.map((id, i) => [`s${i}`, id])),
    }) as StepsRow;

  const tallies = stationIds.map(emptyTally);
  let others = 0;
  for (const code of parseNumbers(codes)) {
    const at = code >> 3;
    if (at === 0) {
      others++;
      continue;
    }
    const t = tallies[at - 1]!;
    t.rows++;
    if (code & 1) t.arrivals++;
    const s = (code >> 1) & 3;
    if (s === STATUS_CODES.done) t.served++;
    else if (s === STATUS_CODES.no_show) t.noShows++;
    else if (s === STATUS_CODES.skipped) t.skipped++;
  }
  // duration * k + station, for a duration of either sign: the station is the remainder taken
  // upwards, the duration what is left.
  const spread = (json: string | null, pick: (t: Tally) => number[]) => {
    for (const value of parseNumbers(json)) {
      const at = ((value % k) + k) % k;
      if (at > 0) pick(tallies[at - 1]!).push((value - at) / k);
    }
  };
  spread(waits, (t) => t.wait);
  spread(services, (t) => t.service);
  return { tallies, others };
}

/**
 * An office's statistics for a range of days, from the `visits` and `visit_steps` tables: the
 * projection of the event log, which holds no personal data. The full computation, a scan of
 * every row of the range: the server answers from daily rollups instead (fromRollups.ts), and
 * this is what the tests hold those to, and what the benchmark compares them with.
 */
export function computeStatistics(db: Db, range: StatsRange, config: OfficeConfig): Statistics {
  const days = db
    .prepare<[string, string], DayRow>(
      `SELECT day, json_group_array(created_at),
         json_group_array(ended_at - created_at) FILTER (WHERE status = 'registered' AND ended_at IS NOT NULL),
         count(*), count(*) FILTER (WHERE kind = 'booked'), count(*) FILTER (WHERE status = 'registered'),
         count(*) FILTER (WHERE status = 'cancelled')
       FROM visits WHERE day BETWEEN ? AND ? GROUP BY day`,
    )
    .raw()
    .all(range.from, range.to) as unknown as DayRow[];

  const counts = { arrivals: 0, booked: 0, walkIn: 0, registered: 0, cancelled: 0, open: 0 };
  const visitTimes: number[] = [];
  const byHour = new Array<number>(24).fill(0);
  for (const [day, createdAts, durations, arrivals, booked, registered, cancelled] of days) {
    counts.arrivals += arrivals;
    counts.booked += booked;
    counts.walkIn += arrivals - booked;
    counts.registered += registered;
    counts.cancelled += cancelled;
    counts.open += arrivals - registered - cancelled;
    for (const ms of parseNumbers(durations)) visitTimes.push(ms);
    // The office's UTC offset on that day (DST turns on Sunday nights, when offices are closed).
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const offset = -new TZDate(y, m - 1, d, 12, 0, config.timeZone).getTimezoneOffset() * MINUTE;
    for (const createdAt of parseNumbers(createdAts))
      byHour[Math.floor((createdAt + offset) / 3_600_000) % 24]! += 1;
  }

  const languages = (
    db
      .prepare<[string, string], LanguageRow>(
        `SELECT language, count(*), count(interpreter_language), count(*) FILTER (WHERE interpreter_used = 1)
         FROM visits WHERE day BETWEEN ? AND ? GROUP BY language`,
      )
      .raw()
      .all(range.from, range.to) as unknown as LanguageRow[]
  ).map(([language, visits, interpreterNeeded, interpreterOnSite]) => ({
    language,
    visits,
    interpreterNeeded,
    interpreterOnSite,
  }));

  const tallies = new Map<string, Tally>();
  const known = [...new Set([...config.chain, ...config.stations.map((s) => s.id)])];
  const first = tallySteps(db, range, known);
  first.tallies.forEach((t, i) => tallies.set(known[i]!, t));
  if (first.others > 0) {
    // Visits passed stations that the office has since removed: a second pass, for those only.
    const removed = db
      .prepare<[string, string, string], string>(
        `SELECT DISTINCT s.station_id FROM visit_steps s INDEXED BY visit_steps_by_day
         WHERE s.day BETWEEN ? AND ? AND s.station_id NOT IN (SELECT value FROM json_each(?))`,
      )
      .pluck()
      .all(range.from, range.to, JSON.stringify(known));
    tallySteps(db, range, removed).tallies.forEach((t, i) => tallies.set(removed[i]!, t));
  }
  const seen = (id: string) => (tallies.get(id)?.rows ?? 0) > 0;

  const stationName = (id: string) => config.stations.find((s) => s.id === id)?.name ?? id;
  // Stations in chain order, then any others that visits of the range passed (since removed, say).
  const order = [
    ...config.chain,
    ...[...tallies.keys()].filter((id) => !config.chain.includes(id) && seen(id)).sort(),
  ];
  const stations: StationStats[] = order.map((stationId) => {
    const t = tallies.get(stationId) ?? emptyTally();
    return {
      stationId,
      name: stationName(stationId),
      arrivals: t.arrivals,
      served: t.served,
      noShows: t.noShows,
      skipped: t.skipped,
      waitMinutes: summarize(t.wait),
      serviceMinutes: summarize(t.service),
    };
  });

  return {
    range,
    visits: counts,
    visitMinutes: summarize(visitTimes),
    stations,
    funnel: stations
      .filter((s) => config.chain.includes(s.stationId))
      .map((s) => ({ stationId: s.stationId, reached: s.arrivals, done: s.served, skipped: s.skipped })),
    languages: languages.sort((a, b) => b.visits - a.visits || a.language.localeCompare(b.language)),
    arrivalsByHour: byHour,
  };
}
