import type { Sizes } from './config.js';
import type { Figure, Goal, Results } from './report.js';

/** Every figure a run must write (for the parts it ran). */
export function REQUIRED(sizes: Sizes): string[] {
  const latency = sizes.latency.clients.flatMap((n) =>
    sizes.latency.rates.flatMap((r) =>
      ['p50', 'p99', 'max', 'reach', 'eld.p99'].map((k) => `latency.n${n}.r${r}.${k}`),
    ),
  );
  const checkin = sizes.checkin.visits.flatMap((v) =>
    ['ack.p50', 'ack.p99', 'cpu.p50', 'cpu.p99'].map((k) => `checkin.v${v}.${k}`),
  );
  return [
    ...latency,
    ...sizes.durable.desks.flatMap((k) => [`durable.k${k}`, `durable.k${k}.ackP99`, `durable.k${k}.cpu`]),
    'durable.bare',
    'durable.fsync',
    'recovery.firstStart.listen',
    'recovery.restart.listen',
    'recovery.restart.resynced',
    'recovery.restart.nextAck',
    'recovery.lost',
    'statistics.year.direct',
    'statistics.year.worker',
    'statistics.year.worker.first',
    'statistics.month.direct',
    'statistics.month.worker',
    'memory.rss.hour1',
    'memory.rss.hour8',
    'memory.rss.growth',
    'memory.heap.growth',
    'display.heap.start',
    'display.heap.end',
    'screens.kiosk.js',
    'screens.desk.tti',
    ...checkin,
    ...sizes.durable.desks.map((k) => `postgres.durable.k${k}`),
    'postgres.durable.bare',
    ...sizes.latency.rates.map((r) => `postgres.latency.n${Math.min(...sizes.latency.clients)}.r${r}.p99`),
    'postgres.migrate.year',
    'postgres.stats.year.warm',
    'postgres.stats.year.cold',
    ...sizes.region.rates.map((r) => `region.n${sizes.region.offices * sizes.region.screens}.r${r}.p99`),
    'region.durable',
    'region.durable.bare',
  ];
}

/** A growth over the simulated day within this share counts as none (GC and allocator noise). */
export const GROWTH_TOLERANCE = 10;

/** The goals of issues 6, 11 and 13, judged on this run's figures. */
export function evaluateGoals(parts: Results['parts']): Goal[] {
  const all = new Map<string, Figure>();
  for (const part of Object.values(parts))
    if ('figures' in part) for (const f of part.figures) all.set(f.id, f);
  const get = (id: string) => all.get(id);
  const value = (id: string) => get(id)?.value ?? null;
  const ms = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v} ms`);
  const times = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v} ×`);
  const matching = (pattern: RegExp) => [...all.values()].filter((f) => pattern.test(f.id));
  const rate = (f: Figure) => `${f.id.match(/\.r(\d+)\./)![1]}/s`;

  /** The p99 at every rate measured at N clients, each within `most` × the baseline. */
  const latencyGoal = (clients: number, baseline: 'socket.io' | 'ws', most: number): Goal => {
    const p99s = matching(new RegExp(`^latency\\.n${clients}\\.r\\d+\\.p99$`));
    const spread = (f: Figure) => {
      const s = f.spreads?.[baseline];
      return s ? ` (rounds ${s.min}–${s.max})` : '';
    };
    return {
      goal: `call → last screen p99 at N = ${clients.toLocaleString('en-US')} ≤ ${most.toFixed(1)} × bare ${baseline === 'ws' ? '`ws`' : baseline} (median of the rounds' ratios)`,
      measured: p99s.length
        ? p99s.map((f) => `${rate(f)}: ${f.value} ms = ${times(f.ratios?.[baseline])}${spread(f)}`).join('; ')
        : '—',
      met: p99s.length === 0 ? null : p99s.every((f) => (f.ratios?.[baseline] ?? Infinity) <= most),
    };
  };

  const elds = matching(/^latency\.n1000\.r\d+\.eld\.p99$/);
  const durable = get('durable.k12');
  const durableRatio = durable?.ratios?.['bare insert loop'] ?? null;
  const ackP99 = value('durable.k12.ackP99');
  const year = value('statistics.year.worker');
  const yearFirst = value('statistics.year.worker.first');
  const checkinCpu = get('checkin.v20000.cpu.p50');
  const checkinAck = get('checkin.v20000.ack.p50');
  const cpuRatio = checkinCpu?.ratios?.['0 visits'] ?? null;
  const ackRatio = checkinAck?.ratios?.['0 visits'] ?? null;
  const resynced = value('recovery.restart.resynced');
  const lost = value('recovery.lost');
  const rss = value('memory.rss.growth');
  const heap = value('memory.heap.growth');
  const pgDurable = get('postgres.durable.k12');
  const pgDurableRatio = pgDurable?.ratios?.['bare pg insert loop'] ?? null;
  const pgLatency = matching(/^postgres\.latency\.n\d+\.r\d+\.p99$/);
  const pgYear = value('postgres.stats.year.warm');
  const pgYearCold = value('postgres.stats.year.cold');
  const regionLatency = matching(/^region\.n\d+\.r\d+\.p99$/);
  const regionDurable = get('region.durable');
  const regionDurableRatio = regionDurable?.ratios?.['bare pg insert loop'] ?? null;
  const regionN = regionLatency[0]?.id.match(/^region\.n(\d+)\./)?.[1];

  return [
    latencyGoal(200, 'socket.io', 1.0),
    latencyGoal(1000, 'ws', 1.5),
    {
      goal: 'office event-loop delay p99 < 50 ms at N = 1,000 (median of the rounds)',
      measured: elds.length ? elds.map((f) => `${rate(f)}: ${ms(f.value)}`).join('; ') : '—',
      met: elds.length === 0 ? null : elds.every((f) => f.value !== null && f.value < 50),
    },
    {
      goal: 'durable commands/s with 12 desks ≥ 1.0 × the bare better-sqlite3 insert loop',
      measured: durable ? `${durable.value} commands/s = ${times(durableRatio)} the bare loop` : '—',
      met: durableRatio === null ? null : durableRatio >= 1.0,
    },
    {
      goal: 'send-to-ack p99 with 12 desks ≤ 34 ms (2 × 17 ms)',
      measured: ms(ackP99),
      met: ackP99 === null ? null : ackP99 <= 34,
    },
    {
      goal: "a year's statistics < 50 ms (through the worker, after the first call)",
      measured: ms(year),
      met: year === null ? null : year < 50,
    },
    {
      goal: "a year's statistics, first call < 100 ms (through the worker)",
      measured: ms(yearFirst),
      met: yearFirst === null ? null : yearFirst < 100,
    },
    {
      goal: 'check-in cost at 20,000 visits ≤ 1.5 × at 0 (server CPU and send to ack, medians)',
      measured: checkinCpu
        ? `CPU ${ms(checkinCpu.value)} = ${times(cpuRatio)}, ack ${ms(checkinAck?.value)} = ${times(ackRatio)}`
        : '—',
      met: cpuRatio === null || ackRatio === null ? null : cpuRatio <= 1.5 && ackRatio <= 1.5,
    },
    {
      goal: 'after SIGKILL, every client resynced < 2 s (a year of history), no acked command lost',
      measured: `${ms(resynced)}, ${lost ?? '—'} acked commands lost`,
      met: resynced === null || lost === null ? null : resynced < 2000 && lost === 0,
    },
    {
      goal: 'PostgreSQL: durable commands/s with 12 desks ≥ 0.5 × a bare `pg` single-row insert loop',
      measured: pgDurable ? `${pgDurable.value} commands/s = ${times(pgDurableRatio)} the bare loop` : '—',
      met: pgDurableRatio === null ? null : pgDurableRatio >= 0.5,
    },
    {
      goal: 'PostgreSQL: call → last screen p99 at N = 200 ≤ 1.5 × the office on SQLite (median of the rounds’ ratios)',
      measured: pgLatency.length
        ? pgLatency
            .map((f) => `${rate(f)}: ${f.value} ms = ${times(f.ratios?.['office on SQLite'])}`)
            .join('; ')
        : '—',
      met:
        pgLatency.length === 0
          ? null
          : pgLatency.every((f) => (f.ratios?.['office on SQLite'] ?? Infinity) <= 1.5),
    },
    {
      goal: "PostgreSQL: a year's statistics < 100 ms",
      measured: `${ms(pgYear)} from the kept days (${ms(pgYearCold)} the first call on a new pool)`,
      met: pgYear === null ? null : pgYear < 100,
    },
    {
      goal: `region: call → last screen p99 at N = ${regionN ? Number(regionN).toLocaleString('en-US') : '—'} over several nodes ≤ 2.0 × one node at the same N (median of the rounds’ ratios)`,
      measured: regionLatency.length
        ? regionLatency.map((f) => `${rate(f)}: ${f.value} ms = ${times(f.ratios?.['one node'])}`).join('; ')
        : '—',
      met:
        regionLatency.length === 0
          ? null
          : regionLatency.every((f) => (f.ratios?.['one node'] ?? Infinity) <= 2.0),
    },
    {
      goal: 'region: durable commands/s, all offices’ desks at once over several nodes ≥ 0.5 × a bare `pg` single-row insert loop',
      measured: regionDurable
        ? `${regionDurable.value} commands/s = ${times(regionDurableRatio)} the bare loop`
        : '—',
      met: regionDurableRatio === null ? null : regionDurableRatio >= 0.5,
    },
    {
      goal: `no memory growth over the simulated day (hour 1 → hour 8 within ${GROWTH_TOLERANCE} %)`,
      measured: `RSS ${rss ?? '—'} %, heap after GC ${heap ?? '—'} %`,
      met: rss === null || heap === null ? null : rss <= GROWTH_TOLERANCE && heap <= GROWTH_TOLERANCE,
    },
  ];
}
