import type { StatsRange } from '../../../../shared/stats.js';

/** Ranges of office days for the statistics: a day, or from–to (both included). */

export const QUICK_RANGES = ['today', 'week', 'month'] as const;
export type QuickRange = (typeof QUICK_RANGES)[number];

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` plus or minus whole days (calendar arithmetic, no time zone involved). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysIn(range: StatsRange): number {
  return Math.round((Date.parse(range.to) - Date.parse(range.from)) / DAY_MS) + 1;
}

/** Today; the last 7 days; the last 30 days (each ending today). */
export function quickRange(pick: QuickRange, today: string): StatsRange {
  const span = pick === 'today' ? 1 : pick === 'week' ? 7 : 30;
  return { from: addDays(today, 1 - span), to: today };
}

export function matchingQuickRange(range: StatsRange, today: string): QuickRange | null {
  return (
    QUICK_RANGES.find((p) => {
      const q = quickRange(p, today);
      return q.from === range.from && q.to === range.to;
    }) ?? null
  );
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Why a range typed by hand cannot be asked for, as a catalogue key; null when it can. */
export function rangeProblem(range: StatsRange): 'day' | 'order' | 'tooLong' | null {
  if (
    !DAY_RE.test(range.from) ||
    !DAY_RE.test(range.to) ||
    Number.isNaN(Date.parse(range.from)) ||
    Number.isNaN(Date.parse(range.to))
  )
    return 'day';
  if (range.from > range.to) return 'order';
  if (daysIn(range) > 400) return 'tooLong';
  return null;
}
