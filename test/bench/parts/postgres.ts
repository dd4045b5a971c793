import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { connect, migrate } from '../../../server/store/postgres/connect.js';
import { copyOfficeFromSqlite } from '../../../server/store/postgres/copyFromSqlite.js';
import { PostgresOfficeStore } from '../../../server/store/postgres/officeStore.js';
import { PgRollups } from '../../../server/store/postgres/rollups.js';
import { OfficeStore } from '../../../server/store/store.js';
import { computeStatistics } from '../../../server/stats/compute.js';
import { statisticsFromRollups } from '../../../server/stats/fromRollups.js';
import { toData } from '../../../shared/state.js';
import type { Statistics, StatsRange } from '../../../shared/stats.js';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { clientMix } from '../config.js';
import { addDays, TODAY } from '../history/calendar.js';
import { copyHistory, ensureHistory } from '../history/cache.js';
import { sleep } from '../lib/clock.js';
import { median } from '../lib/stats.js';
import { gapFor, visitsFor } from '../load/plan.js';
import { benchOffice } from '../office/benchOffice.js';
import { officeClients, startOffice } from '../office/officeRun.js';
import type { BenchDatabase } from '../office/serverMain.js';
import { figure, ratio, type Figure, type PartResult } from '../report.js';
import { freshDir, type RunContext } from './context.js';
import { officeRuns, type Run } from './durable.js';
import { timed, type Timed } from './statistics.js';
import {
  commandsAt,
  known,
  measureRound,
  officeRound,
  pairedRatio,
  together,
  type Round,
} from './latency.js';

/** About the size of an event row's payload, as durable.ts's SQLite loop writes. */
const ROW_BYTES = 300;

/**
 * The baseline of the durable figure: one connection inserting one row per statement, each its
 * own transaction, `synchronous_commit` on, for `seconds`. Commits per second.
 */
export async function bareInsertLoop(url: string, seconds: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET synchronous_commit = on`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS bare_rows (id bigserial PRIMARY KEY, payload text NOT NULL)`,
    );
    const payload = 'x'.repeat(ROW_BYTES);
    const until = performance.now() + seconds * 1000;
    let n = 0;
    const started = performance.now();
    while (performance.now() < until) {
      await client.query(`INSERT INTO bare_rows (payload) VALUES ($1)`, [payload]);
      n++;
    }
    return (1000 * n) / (performance.now() - started);
  } finally {
    await client.end();
  }
}

/** Durable commands per second with 1 and 12 desks on PostgreSQL, against the bare insert loop. */
async function durable(ctx: RunContext, server: TestPostgres): Promise<Figure[]> {
  const { durable: sizes } = ctx.sizes;
  const url = await server.createDatabase('durable');
  const database: BenchDatabase = { url, officeId: 'durable' };
  // Half the baseline before the office's runs and half after, as durable.ts does.
  const before = await bareInsertLoop(url, sizes.seconds / 2);
  const runs: Map<number, Run> = await officeRuns(ctx, freshDir('postgres-durable'), database);
  const after = await bareInsertLoop(url, sizes.seconds / 2);
  const bare = (before + after) / 2;
  ctx.log(
    `  bare pg insert loop ${bare.toFixed(0)}/s (${before.toFixed(0)} before, ${after.toFixed(0)} after)`,
  );
  const figures: Figure[] = [];
  for (const [k, run] of runs)
    figures.push(
      figure(
        `postgres.durable.k${k}`,
        `PostgreSQL: durable commands/s, ${k} desk${k > 1 ? 's' : ''} back to back`,
        run.perSecond,
        'commands/s',
        {
          baselines: { 'bare pg insert loop': { value: bare, unit: 'commits/s' } },
          ratios: { 'bare pg insert loop': ratio(run.perSecond, bare) },
        },
      ),
      figure(
        `postgres.durable.k${k}.ackP99`,
        `PostgreSQL: send to ack p99, ${k} desk${k > 1 ? 's' : ''}`,
        run.p99,
        'ms',
      ),
    );
  figures.push(
    figure(
      'postgres.durable.bare',
      'bare pg single-row insert loop (synchronous_commit=on)',
      bare,
      'commits/s',
    ),
  );
  return figures;
}

/**
 * Lets the PostgreSQL server settle before something is timed (a block of latency rounds, the
 * year's statistics). The durable part's flood
 * (and each block's office) leaves dirty pages for a checkpoint and grown tables for autovacuum:
 * background work that would otherwise land on whichever block came next, not the one that
 * caused it, as it did in a full run (the first PostgreSQL block after the durable part at 3 to
 * 6 × SQLite, the second one at 0.7 to 1.6 ×).
 */
export async function settle(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CHECKPOINT');
    for (let waited = 0; waited < 30_000; waited += 250) {
      const [busy] = (
        await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'`,
        )
      ).rows;
      if (busy?.n === 0) return;
      await sleep(250);
    }
  } finally {
    await client.end();
  }
}

/**
 * Call → last screen p99 at N = 200, the office on PostgreSQL against the office on SQLite: in
 * blocks that take turns (SQLite, PostgreSQL, PostgreSQL, SQLite), each block an office of its
 * own with its N clients, so that the machine's other load falls on both alike; round k of one
 * store is set against round k of the other (`pairedRatio`).
 */
async function latency(ctx: RunContext, server: TestPostgres): Promise<Figure[]> {
  const { latency: sizes } = ctx.sizes;
  const clients = Math.min(...sizes.clients);
  const mix = clientMix(clients);
  const blocks = 2;
  const perBlock = Math.max(1, Math.ceil(sizes.rounds / blocks));
  const counts = sizes.rates.map((rate) => commandsAt(rate, sizes.warmupSeconds + sizes.roundSeconds(rate)));
  const visits = sizes.rates.reduce((n, rate, k) => n + perBlock * visitsFor(counts[k]!, gapFor(rate)), 0);
  const rounds: Record<'sqlite' | 'postgres', Map<number, Round[]>> = {
    sqlite: new Map(),
    postgres: new Map(),
  };
  // SQLite, PostgreSQL, then PostgreSQL, SQLite: a drift over the run falls on both sides alike.
  for (let block = 0; block < blocks; block++)
    for (const store of block % 2 === 0
      ? (['sqlite', 'postgres'] as const)
      : (['postgres', 'sqlite'] as const)) {
      const name = `latency-${store}-${block}`;
      await settle(server.url);
      const database =
        store === 'postgres'
          ? { url: await server.createDatabase(name.replace(/-/g, '_')), officeId: 'latency' }
          : undefined;
      const office = await startOffice({ dir: freshDir(name), mix, visits, ...(database && { database }) });
      try {
        const { drivers, listeners } = officeClients(office.devices, office.visitors, mix.statusPages);
        await ctx.pool.connect('office', office.server.url, drivers, listeners);
        const present = new Set(drivers.map((d) => d.id));
        const used = { visits: 0 };
        for (const [k, rate] of sizes.rates.entries())
          for (let round = 0; round < perBlock; round++) {
            const commands = officeRound(office, present, used, rate, counts[k]!);
            const measured = await measureRound(
              ctx.pool,
              'office',
              office.server,
              commands,
              commandsAt(rate, sizes.warmupSeconds),
              sizes.warmupSeconds * 1000,
            );
            rounds[store].set(rate, [...(rounds[store].get(rate) ?? []), measured]);
          }
      } finally {
        await ctx.pool.disconnect();
        await office.server.stop();
      }
    }
  const figures: Figure[] = [];
  for (const rate of sizes.rates) {
    const onSqlite = together(rounds.sqlite.get(rate)!);
    const onPostgres = together(rounds.postgres.get(rate)!);
    const p99 = (r: typeof onSqlite) => r.rounds.map((l) => l.p99);
    const paired = pairedRatio(p99(onPostgres), p99(onSqlite));
    ctx.log(
      `  N=${clients} ${rate}/s p99, each round: PostgreSQL ${p99(onPostgres)
        .map((v) => v.toFixed(1))
        .join(' ')} ms; SQLite ${p99(onSqlite)
        .map((v) => v.toFixed(1))
        .join(' ')} ms`,
    );
    figures.push(
      figure(
        `postgres.latency.n${clients}.r${rate}.p99`,
        `PostgreSQL: call to last screen p99 (N=${clients}, ${rate}/s)`,
        median(known(p99(onPostgres))),
        'ms',
        {
          baselines: { 'office on SQLite': { value: median(known(p99(onSqlite))), unit: 'ms' } },
          ratios: { 'office on SQLite': paired.ratio },
          spreads: { 'office on SQLite': paired.spread },
        },
      ),
      figure(
        `postgres.latency.n${clients}.r${rate}.reach`,
        `PostgreSQL: reach (N=${clients}, ${rate}/s)`,
        onPostgres.reach,
        '%',
        { baselines: { 'office on SQLite': { value: onSqlite.reach, unit: '%' } } },
      ),
    );
  }
  return figures;
}

/**
 * The year of history moved from its SQLite file into PostgreSQL (`office migrate`'s copy): how
 * long it takes; that the state and the statistics are the same on both (else the part fails);
 * and a year's statistics on PostgreSQL from its kept days, through the rollup path the worker
 * takes, on a pool of its own (cold: a new pool, the first call; warm: the calls after it).
 */
async function year(
  ctx: RunContext,
  server: TestPostgres,
): Promise<{ figures: Figure[]; details: Record<string, unknown> }> {
  const history = await ensureHistory(ctx.sizes.history, ctx.log);
  const file = copyHistory(history, freshDir('postgres-year'));
  const config = benchOffice();
  const url = await server.createDatabase('region');
  const pool = connect(url, { max: 4 });
  try {
    await migrate(pool);
    const copied = await copyOfficeFromSqlite(file, pool, 'year');
    ctx.log(
      `  a year moved from SQLite in ${(copied.ms / 1000).toFixed(1)} s (${copied.rows.events} events)`,
    );

    const sqlite = OfficeStore.open(file);
    let sameState: boolean;
    const ranges: Record<'year' | 'month', StatsRange> = {
      year: { from: addDays(TODAY, -364), to: TODAY },
      month: { from: addDays(TODAY, -30), to: TODAY },
    };
    const full: Record<string, Statistics> = {};
    try {
      const moved = await PostgresOfficeStore.open(pool, 'year');
      sameState =
        moved.head() === sqlite.head() &&
        isDeepStrictEqual(
          toData(moved.loadState(moved.config())),
          toData(sqlite.loadState(sqlite.config()!)),
        );
      for (const [name, range] of Object.entries(ranges))
        full[name] = computeStatistics(sqlite.db, range, config);
    } finally {
      sqlite.close();
    }
    if (!sameState) throw new Error('the state on PostgreSQL is not the state on SQLite');

    // The first demand sums every finished day and keeps it, as the server's worker does at start.
    const rollups = new PgRollups(pool, 'year');
    const started = performance.now();
    const { summed } = await statisticsFromRollups(rollups, ranges.year, config);
    await rollups.keep(summed);
    const summing = performance.now() - started;
    ctx.log(`  summing ${summed.length} days on PostgreSQL and keeping them: ${summing.toFixed(0)} ms`);

    // As a server would find it some time after the move: the keep's writes checkpointed.
    await settle(server.url);
    const reader = connect(url, { max: 2 });
    const results: Record<string, Timed> = {};
    try {
      const fresh = new PgRollups(reader, 'year');
      for (const [name, range] of Object.entries(ranges))
        results[name] = await timed(
          ctx.sizes.statistics.repeats,
          async () => (await statisticsFromRollups(fresh, range, config)).statistics,
        );
    } finally {
      await reader.end();
    }
    for (const name of Object.keys(ranges))
      if (!isDeepStrictEqual(results[name]!.result, full[name]))
        throw new Error(`the ${name}'s statistics on PostgreSQL differ from the full computation on SQLite`);
    ctx.log(
      `  a year's statistics on PostgreSQL: ${results.year!.first.toFixed(1)} ms cold, ${results.year!.warm.toFixed(1)} ms warm; a month's ${results.month!.warm.toFixed(1)} ms`,
    );
    return {
      figures: [
        figure(
          'postgres.migrate.year',
          'a year of history moved from SQLite to PostgreSQL',
          copied.ms / 1000,
          's',
          {
            note: `${copied.rows.events} events, ${copied.rows.visits} visits; state and statistics identical after`,
          },
        ),
        figure(
          'postgres.stats.year.warm',
          "PostgreSQL: a year's statistics, from the kept days",
          results.year!.warm,
          'ms',
        ),
        figure(
          'postgres.stats.year.cold',
          "PostgreSQL: a year's statistics, first call on a new pool",
          results.year!.first,
          'ms',
        ),
        figure('postgres.stats.month.warm', "PostgreSQL: a month's statistics", results.month!.warm, 'ms'),
        figure(
          'postgres.stats.summing',
          'PostgreSQL: summing every finished day of the year and keeping them',
          summing,
          'ms',
        ),
      ],
      details: { rows: copied.rows, head: copied.head },
    };
  } finally {
    await pool.end();
  }
}

/**
 * Part 9: the office on PostgreSQL, on a server this part starts (Debian's package, as the tests
 * do): durable throughput against a bare `pg` insert loop, latency at N = 200 against the office
 * on SQLite, and a year moved and its statistics.
 */
export async function postgresPart(ctx: RunContext): Promise<PartResult> {
  const server = await startPostgres();
  try {
    const figures = [...(await durable(ctx, server)), ...(await latency(ctx, server))];
    const moved = await year(ctx, server);
    return { figures: [...figures, ...moved.figures], details: moved.details };
  } finally {
    await server.stop();
  }
}
