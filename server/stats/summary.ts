import type { Summary } from '../../shared/stats.js';
import { selectRank } from './select.js';

const MINUTE = 60_000;

const minutes = (ms: number) => Math.round((ms / MINUTE) * 10) / 10;

/** The summary of `n` durations, the one of each rank (0: the shortest) given by `at`. */
function summaryOf(n: number, at: (rank: number) => number): Summary {
  if (n === 0) return { count: 0, median: null, p90: null, max: null };
  const median = n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
  return {
    count: n,
    median: minutes(median),
    p90: minutes(at(Math.min(n - 1, Math.ceil(0.9 * n) - 1))),
    max: minutes(at(n - 1)),
  };
}

/** Median, 90th percentile (nearest rank) and maximum of durations in milliseconds, in minutes. */
export function summarize(durations: Float64Array | number[]): Summary {
  const sorted = Float64Array.from(durations).sort();
  return summaryOf(sorted.length, (rank) => sorted[rank]!);
}

/** The same summary of the durations of several sorted arrays together (days' rollups), exactly. */
export function summarizeSorted(parts: readonly Float64Array[]): Summary {
  const filled = parts.filter((p) => p.length > 0);
  const n = filled.reduce((sum, p) => sum + p.length, 0);
  return summaryOf(n, (rank) =>
    rank === n - 1 ? Math.max(...filled.map((p) => p[p.length - 1]!)) : selectRank(filled, rank),
  );
}
