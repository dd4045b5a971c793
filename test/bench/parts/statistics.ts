import { openDatabase } from '../../../server/store/db.js';
import { computeStatistics } from '../../../server/stats/compute.js';
import type { Statistics, StatsRange } from '../../../shared/stats.js';
import { addDays, at, TODAY } from '../history/calendar.js';
import { copyHistory, ensureHistory } from '../history/cache.js';
import { median } from '../lib/stats.js';
import { benchOffice } from '../office/benchOffice.js';
import { OfficeConnection } from '../office/connection.js';
import { OfficeServerProcess } from '../office/server.js';
import { pairDevices } from '../office/setup.js';
import { figure, type Figure, type PartResult } from '../report.js';
import { freshDir, type RunContext } from './context.js';

/** The first call (cold: a worker to start, pages to read) and the median of the calls after it. */
async function timed(repeats: number, run: () => Promise<Statistics> | Statistics) {
  const times: number[] = [];
  let result: Statistics | undefined;
  for (let i = 0; i <= repeats; i++) {
    const started = performance.now();
    result = await run();
    times.push(performance.now() - started);
  }
  return { first: times[0]!, warm: median(times.slice(1)), visits: result!.visits.arrivals };
}

/**
 * Part 4: a year's statistics and a month's, on the year of history: through the server (the
 * admin's `stats:compute`, answered by the statistics worker thread) and by calling
 * `computeStatistics` directly on a read-only connection.
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
  const anchor = { virtualAt: at(TODAY, '10:00'), realAt: Date.now(), speed: 1 };
  const server = await OfficeServerProcess.start({
    dataFile,
    port: 0,
    seed: config,
    logLevel: 'info',
    clock: anchor,
  });
  const results: Record<string, { first: number; warm: number; visits: number }> = {};
  try {
    const [admin] = await pairDevices(
      server.url,
      dataFile,
      [{ role: 'admin', deskId: null }],
      anchor.virtualAt,
    );
    const connection = await OfficeConnection.open(server.url, { token: admin!.token });
    try {
      for (const [name, range] of Object.entries(ranges))
        results[`${name}.worker`] = await timed(repeats, () => connection.query('stats:compute', range));
    } finally {
      connection.close();
    }
  } finally {
    await server.stop();
  }
  const db = openDatabase(dataFile, { readonly: true });
  try {
    for (const [name, range] of Object.entries(ranges))
      results[`${name}.direct`] = await timed(repeats, () => computeStatistics(db, range, config));
  } finally {
    db.close();
  }
  for (const [key, r] of Object.entries(results))
    ctx.log(`  ${key}: first ${r.first.toFixed(0)} ms, then ${r.warm.toFixed(0)} ms (${r.visits} visits)`);

  const label = (key: string) =>
    `${key.startsWith('year') ? "a year's" : "a month's"} statistics, ${key.endsWith('worker') ? 'through the worker' : 'computeStatistics directly'}`;
  const figures: Figure[] = [];
  for (const [key, r] of Object.entries(results))
    figures.push(
      figure(`statistics.${key}`, label(key), r.warm, 'ms', { note: `${r.visits} visits` }),
      figure(`statistics.${key}.first`, `${label(key)}, first call`, r.first, 'ms'),
    );
  return { figures, details: { ranges, results, history: history.info } };
}
