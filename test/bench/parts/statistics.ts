import { isDeepStrictEqual } from 'node:util';
import { openDatabase, type Db } from '../../../server/store/db.js';
import { SqliteRollups } from '../../../server/store/statsDays.js';
import { computeStatistics } from '../../../server/stats/compute.js';
import { statisticsFromRollups } from '../../../server/stats/fromRollups.js';
import type { Statistics, StatsRange } from '../../../shared/stats.js';
import { addDays, at, TODAY } from '../history/calendar.js';
import { copyHistory, ensureHistory } from '../history/cache.js';
import { median } from '../lib/stats.js';
import { benchOffice } from '../office/benchOffice.js';
import { OfficeConnection } from '../office/connection.js';
import { OfficeServerProcess } from '../office/server.js';
import { pairDevices } from '../office/setup.js';
import { figure, ratio, type Figure, type PartResult } from '../report.js';
import { freshDir, type RunContext } from './context.js';

export interface Timed {
  first: number;
  warm: number;
  visits: number;
  result: Statistics;
}

/** The first call (cold: a connection to open, pages to read) and the median of the calls after it. */
export async function timed(repeats: number, run: () => Promise<Statistics> | Statistics): Promise<Timed> {
  const times: number[] = [];
  let result: Statistics | undefined;
  for (let i = 0; i <= repeats; i++) {
    const started = performance.now();
    result = await run();
    times.push(performance.now() - started);
  }
  return { first: times[0]!, warm: median(times.slice(1)), visits: result!.visits.arrivals, result: result! };
}

function withConnection<T>(file: string, readonly: boolean, use: (db: Db) => Promise<T>): Promise<T> {
  const db = openDatabase(file, { readonly });
  return use(db).finally(() => db.close());
}

/** How long a started server is given to warm its statistics worker up (it takes well under a second). */
const SETTLE_MS = 3_000;

/** An office server on the data file, with an admin's connection to it. */
async function withServer(dataFile: string, use: (connection: OfficeConnection) => Promise<void>) {
  const config = benchOffice();
  const anchor = { virtualAt: at(TODAY, '10:00'), realAt: Date.now(), speed: 1 };
  const server = await OfficeServerProcess.start({
    dataFile,
    port: 0,
    seed: config,
    logLevel: 'info',
    clock: anchor,
  });
  try {
    const [admin] = await pairDevices(
      server.url,
      dataFile,
      [{ role: 'admin', deskId: null }],
      anchor.virtualAt,
    );
    const connection = await OfficeConnection.open(server.url, { token: admin!.token });
    try {
      await use(connection);
    } finally {
      connection.close();
    }
  } finally {
    await server.stop();
  }
}

/**
 * Part 4: a year's statistics and a month's, on the year of history. The full computation (a scan
 * of every visit and step of the range, on a read-only connection) first, as the reference; then
 * the first demand on a database without rollups, which sums every finished day of the year and
 * keeps it; then from the kept days, on a new connection by calling the rollup path directly, and
 * through the server (the admin's `stats:compute`, answered by the statistics worker thread), as
 * it starts and once it has settled. The figures from the rollups must equal the full
 * computation's, or the part fails.
 */
export async function statisticsPart(ctx: RunContext): Promise<PartResult> {
  const repeats = ctx.sizes.statistics.repeats;
  const history = await ensureHistory(ctx.sizes.history, ctx.log);
  const dataFile = copyHistory(history, freshDir('statistics'));
  const config = benchOffice();
  const ranges: Record<'year' | 'month', StatsRange> = {
    year: { from: addDays(TODAY, -364), to: TODAY },
    month: { from: addDays(TODAY, -30), to: TODAY },
  };
  const results: Record<string, Timed> = {};

  await withConnection(dataFile, true, async (db) => {
    for (const [name, range] of Object.entries(ranges))
      results[`${name}.full`] = await timed(repeats, () => computeStatistics(db, range, config));
  });

  // The history's office day is its last one, so every day before it is finished. Its WAL (a
  // crash's leftover, hundreds of MB) is checkpointed first: the first commit on it pays that,
  // whatever the commit, and it is no cost of the rollups.
  let summing = 0;
  let keeping = 0;
  await withConnection(dataFile, false, async (db) => {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const rollups = new SqliteRollups(db);
    const started = performance.now();
    const { summed } = await statisticsFromRollups(rollups, ranges.year, config);
    const kept = performance.now();
    await rollups.keep(summed);
    keeping = performance.now() - kept;
    summing = performance.now() - started;
    ctx.log(
      `  summing ${summed.length} days and keeping them: ${summing.toFixed(0)} ms (keeping ${keeping.toFixed(0)} ms)`,
    );
  });

  await withConnection(dataFile, true, async (db) => {
    const rollups = new SqliteRollups(db);
    for (const [name, range] of Object.entries(ranges))
      results[`${name}.direct`] = await timed(
        repeats,
        async () => (await statisticsFromRollups(rollups, range, config)).statistics,
      );
  });

  // Through the server: asked for at once as it starts, while it warms its worker up; and, after a
  // restart, once it has settled, as an admin who opens the statistics finds it.
  let atStart = 0;
  await withServer(dataFile, async (connection) => {
    atStart = (await timed(0, () => connection.query('stats:compute', ranges.year))).first;
  });
  await withServer(dataFile, async (connection) => {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    for (const [name, range] of Object.entries(ranges))
      results[`${name}.worker`] = await timed(repeats, () => connection.query('stats:compute', range));
  });

  for (const name of Object.keys(ranges))
    for (const path of ['direct', 'worker'])
      if (!isDeepStrictEqual(results[`${name}.${path}`]!.result, results[`${name}.full`]!.result))
        throw new Error(`the ${name}'s statistics from rollups (${path}) differ from the full computation`);

  for (const [key, r] of Object.entries(results))
    ctx.log(`  ${key}: first ${r.first.toFixed(0)} ms, then ${r.warm.toFixed(0)} ms (${r.visits} visits)`);

  const how = { full: 'full computation', direct: 'from rollups, directly', worker: 'through the worker' };
  const label = (key: string) =>
    `${key.startsWith('year') ? "a year's" : "a month's"} statistics, ${how[key.split('.')[1] as keyof typeof how]}`;
  const figures: Figure[] = [];
  for (const [key, r] of Object.entries(results)) {
    const full = results[`${key.split('.')[0]}.full`]!;
    const against = (value: number, reference: number) =>
      key.endsWith('.full')
        ? {}
        : {
            baselines: { 'full computation': { value: reference, unit: 'ms' } },
            ratios: { 'full computation': ratio(value, reference) },
          };
    figures.push(
      figure(`statistics.${key}`, label(key), r.warm, 'ms', {
        note: `${r.visits} visits`,
        ...against(r.warm, full.warm),
      }),
      figure(
        `statistics.${key}.first`,
        `${label(key)}, first call`,
        r.first,
        'ms',
        against(r.first, full.first),
      ),
    );
  }
  figures.push(
    figure(
      'statistics.year.summing',
      "a year's statistics on a database without rollups: every finished day summed and kept",
      summing,
      'ms',
    ),
    // The server's thread does this part, the worker the rest.
    figure('statistics.year.keeping', "keeping a year's summed days, of the above", keeping, 'ms'),
    figure(
      'statistics.year.worker.atStart',
      "a year's statistics, through the worker, asked for as the server starts (while it warms up)",
      atStart,
      'ms',
    ),
  );
  const details = Object.fromEntries(
    Object.entries(results).map(([key, { first, warm, visits }]) => [key, { first, warm, visits }]),
  );
  return {
    figures,
    details: {
      ranges,
      results: details,
      summingMs: summing,
      keepingMs: keeping,
      atStartMs: atStart,
      history: history.info,
    },
  };
}
