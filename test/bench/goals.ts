import type { Sizes } from './config.js';
import type { Figure, Goal, Results } from './report.js';

/** Every figure a run must write (for the parts it ran). */
export function REQUIRED(sizes: Sizes): string[] {
  const latency = sizes.latency.clients.flatMap((n) =>
    sizes.latency.rates.flatMap((r) =>
      ['p50', 'p99', 'max', 'reach', 'eld.p99'].map((k) => `latency.n${n}.r${r}.${k}`),
    ),
  );
  return [
    ...latency,
    ...sizes.durable.desks.map((k) => `durable.k${k}`),
    'durable.bare',
    'durable.fsync',
    'recovery.firstStart.listen',
    'recovery.restart.listen',
    'recovery.restart.resynced',
    'recovery.restart.nextAck',
    'recovery.lost',
    'statistics.year.direct',
    'statistics.year.worker',
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
  ];
}

/** A growth over the simulated day within this share counts as none (GC and allocator noise). */
export const GROWTH_TOLERANCE = 10;

/** The goals of issue 6, judged on this run's figures. */
export function evaluateGoals(parts: Results['parts']): Goal[] {
  const all = new Map<string, Figure>();
  for (const part of Object.values(parts))
    if ('figures' in part) for (const f of part.figures) all.set(f.id, f);
  const get = (id: string) => all.get(id);
  const ms = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v} ms`);

  const p99s = [...all.values()].filter((f) => /^latency\.n200\.r\d+\.p99$/.test(f.id));
  const latencyMet =
    p99s.length === 0 ? null : p99s.every((f) => (f.ratios?.['socket.io'] ?? Infinity) <= 1.5);

  const durable = [...all.values()]
    .filter((f) => /^durable\.k\d+$/.test(f.id))
    .sort((a, b) => Number(b.id.slice(9)) - Number(a.id.slice(9)))[0];
  const durableRatio = durable?.ratios?.['bare insert loop'] ?? null;

  const resynced = get('recovery.restart.resynced')?.value ?? null;
  const lost = get('recovery.lost')?.value ?? null;
  const year = get('statistics.year.worker')?.value ?? null;
  const rss = get('memory.rss.growth')?.value ?? null;
  const heap = get('memory.heap.growth')?.value ?? null;

  return [
    {
      goal: 'call-to-display latency p99 ≤ 1.5 × bare socket.io at N = 200',
      measured: p99s.length
        ? p99s
            .map((f) => `${f.label.replace(/^.*\(/, '(')}: ${f.value} ms = ${f.ratios?.['socket.io']}×`)
            .join('; ')
        : '—',
      met: latencyMet,
    },
    {
      goal: 'durable commands/s ≥ ½ the bare better-sqlite3 insert loop',
      measured: durable
        ? `${durable.value} commands/s with ${durable.id.slice(9)} desks = ${durableRatio}× the bare loop`
        : '—',
      met: durableRatio === null ? null : durableRatio >= 0.5,
    },
    {
      goal: 'after SIGKILL, every client resynced < 2 s (a year of history), no acked command lost',
      measured: `${ms(resynced)}, ${lost ?? '—'} acked commands lost`,
      met: resynced === null || lost === null ? null : resynced < 2000 && lost === 0,
    },
    {
      goal: "a year's statistics < 1 s",
      measured: `${ms(year)} through the worker, ${ms(get('statistics.year.direct')?.value)} directly`,
      met: year === null ? null : year < 1000,
    },
    {
      goal: `no memory growth over the simulated day (hour 1 → hour 8 within ${GROWTH_TOLERANCE} %)`,
      measured: `RSS ${rss ?? '—'} %, heap after GC ${heap ?? '—'} %`,
      met: rss === null || heap === null ? null : rss <= GROWTH_TOLERANCE && heap <= GROWTH_TOLERANCE,
    },
  ];
}
