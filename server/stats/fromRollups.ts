import type { OfficeConfig } from '../../shared/office.js';
import type { Statistics, StatsRange } from '../../shared/stats.js';
import { combineDays } from './combine.js';
import { daysOf } from './days.js';
import type { DayFigures, RollupStore } from './rollupStore.js';

/**
 * A range's statistics from the kept figures of its finished days, and from the visits and
 * steps of the others, summed now: today, a day with a visit still open, a later day, and a
 * finished day not yet kept (a database from before the rollups, a day turn since the last
 * request). A year is then three reads of its days' rows instead of a scan of 600,000 steps.
 * Returns, besides, the finished days it summed, for the store's writer to keep: whoever runs this (the
 * statistics worker) may only read.
 */
export async function statisticsFromRollups(
  store: RollupStore,
  range: StatsRange,
  config: OfficeConfig,
): Promise<{ statistics: Statistics; summed: DayFigures[] }> {
  const [finished, kept] = await Promise.all([store.finishedDays(range), store.kept(range)]);
  const have = new Set(kept.map((d) => d.day));
  const fresh = await store.sum(daysOf(range).filter((day) => !have.has(day)));
  const isFinished = new Set(finished);
  return {
    statistics: combineDays(range, [...kept, ...fresh], config),
    summed: fresh.filter((d) => isFinished.has(d.day)),
  };
}
