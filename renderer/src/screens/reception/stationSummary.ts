import { desksOpen, estimatedWaitMinutes, stationQueue } from '../../../../shared/queue.js';
import type { OfficeState } from '../../../../shared/state.js';
import { minutesBetween } from './format.js';

/** One station at a glance: a flat object of numbers, so `useShallow` can compare it. */
export interface StationSummary {
  readonly waiting: number;
  readonly desksOpen: number;
  readonly desksTotal: number;
  /** Minutes the first in line has waited here; null with nobody waiting. */
  readonly longestWaitMinutes: number | null;
  /** For the next household to join; null while no desk is open. */
  readonly estimatedWaitMinutes: number | null;
  /** Households marked absent here that reception may put back in the queue. */
  readonly noShows: number;
  /** The longest wait is over the office's warning threshold. */
  readonly overThreshold: boolean;
}

export function stationSummary(state: OfficeState, stationId: string, now: number): StationSummary {
  const queue = stationQueue(state, stationId, now);
  let oldest: number | null = null;
  for (const { step } of queue)
    if (step.queuedAt !== null && (oldest === null || step.queuedAt < oldest)) oldest = step.queuedAt;
  let noShows = 0;
  for (const v of state.visits.values()) {
    const step = v.current === null ? undefined : v.steps[v.current];
    if (v.status === 'active' && step?.stationId === stationId && step.status === 'no_show') noShows++;
  }
  const longest = oldest === null ? null : minutesBetween(oldest, now);
  return {
    waiting: queue.length,
    desksOpen: desksOpen(state, stationId),
    desksTotal: state.config.desks.filter((d) => d.stationId === stationId).length,
    longestWaitMinutes: longest,
    estimatedWaitMinutes: estimatedWaitMinutes(state, stationId, queue.length),
    noShows,
    overThreshold: longest !== null && longest >= state.config.waitWarningMinutes,
  };
}
