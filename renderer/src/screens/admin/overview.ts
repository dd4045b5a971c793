import { desksOpen, estimatedWaitMinutes, stationQueue, visitsAtDesk } from '../../../../shared/queue.js';
import type { OfficeState } from '../../../../shared/state.js';
import { STEP_STATUSES, type StepStatus } from '../../../../shared/visit.js';

/**
 * The live overview's figures, computed from the staff state. Each function returns a flat
 * object (or a list of ids) so that a component can select it with `useShallow` and re-render
 * only when one of its numbers changes.
 */

const MINUTE = 60_000;

export const minutesSince = (from: number, now: number): number =>
  Math.max(0, Math.floor((now - from) / MINUTE));

/** Stations in the order of the chain, then those outside it (an optional station). */
export function stationIds(state: OfficeState): string[] {
  const { chain, stations } = state.config;
  return [
    ...chain.filter((id) => stations.some((s) => s.id === id)),
    ...stations.map((s) => s.id).filter((id) => !chain.includes(id)),
  ];
}

export interface StationFigures {
  readonly waiting: number;
  readonly called: number;
  readonly serving: number;
  readonly parked: number;
  readonly noShows: number;
  readonly desksOpen: number;
  readonly desksTotal: number;
  /** Minutes the longest-waiting household has waited here; null with nobody waiting. */
  readonly longestWaitMinutes: number | null;
  /** That household's ticket. */
  readonly longestWaitTicket: string | null;
  /** For the next household to join the queue; null while no desk is open. */
  readonly estimatedWaitMinutes: number | null;
  readonly overThreshold: boolean;
}

export function stationFigures(state: OfficeState, stationId: string, now: number): StationFigures {
  const queue = stationQueue(state, stationId, now);
  let oldest: { at: number; ticket: string } | null = null;
  for (const { visit, step } of queue)
    if (step.queuedAt !== null && (oldest === null || step.queuedAt < oldest.at))
      oldest = { at: step.queuedAt, ticket: visit.ticket };
  const counts = activeStepCounts(state, stationId);
  const longest = oldest === null ? null : minutesSince(oldest.at, now);
  return {
    waiting: queue.length,
    called: counts.called,
    serving: counts.serving,
    parked: counts.parked,
    noShows: counts.no_show,
    desksOpen: desksOpen(state, stationId),
    desksTotal: state.config.desks.filter((d) => d.stationId === stationId).length,
    longestWaitMinutes: longest,
    longestWaitTicket: oldest?.ticket ?? null,
    estimatedWaitMinutes: estimatedWaitMinutes(state, stationId, queue.length),
    overThreshold: longest !== null && longest >= state.config.waitWarningMinutes,
  };
}

/** Where the active visits are now, at one station: the step each is on. */
function activeStepCounts(state: OfficeState, stationId: string): Record<StepStatus, number> {
  const counts = zeroCounts();
  for (const visit of state.visits.values()) {
    if (visit.status !== 'active' || visit.current === null) continue;
    const step = visit.steps[visit.current];
    if (step?.stationId === stationId) counts[step.status]++;
  }
  return counts;
}

const zeroCounts = (): Record<StepStatus, number> =>
  Object.fromEntries(STEP_STATUSES.map((s) => [s, 0])) as Record<StepStatus, number>;

/**
 * Every step of today's visits at one station by its status (cancelled visits left out): how
 * far the day has gone there, and what is still to come.
 */
export function stepCounts(state: OfficeState, stationId: string): Record<StepStatus, number> {
  const counts = zeroCounts();
  for (const visit of state.visits.values()) {
    if (visit.status === 'cancelled') continue;
    for (const step of visit.steps) if (step.stationId === stationId) counts[step.status]++;
  }
  return counts;
}

/** Ids of the stations whose longest wait is at or over the office's warning threshold. */
export function stationsOverThreshold(state: OfficeState, now: number): string[] {
  return stationIds(state).filter((id) => stationFigures(state, id, now).overThreshold);
}

export interface OfficeTotals {
  readonly active: number;
  readonly registered: number;
  readonly cancelled: number;
  readonly waiting: number;
  readonly atDesk: number;
  readonly desksOpen: number;
  readonly desksTotal: number;
}

export function officeTotals(state: OfficeState): OfficeTotals {
  let active = 0;
  let registered = 0;
  let cancelled = 0;
  let waiting = 0;
  let atDesk = 0;
  for (const visit of state.visits.values()) {
    if (visit.status === 'registered') registered++;
    else if (visit.status === 'cancelled') cancelled++;
    else {
      active++;
      const status = visit.current === null ? undefined : visit.steps[visit.current]?.status;
      if (status === 'waiting') waiting++;
      else if (status === 'called' || status === 'serving' || status === 'parked') atDesk++;
    }
  }
  return {
    active,
    registered,
    cancelled,
    waiting,
    atDesk,
    desksOpen: state.config.desks.filter((d) => state.desks[d.id] !== undefined).length,
    desksTotal: state.config.desks.length,
  };
}

export interface DeskFigures {
  readonly name: string;
  readonly stationId: string;
  /** The signed-in officer; null when the desk is closed. */
  readonly officer: string | null;
  readonly since: number | null;
  /** The visit the desk has called or is serving (else a parked one), if any. */
  readonly ticket: string | null;
  readonly status: StepStatus | null;
  /** Further visits parked at the desk beside that one. */
  readonly parked: number;
}

export function deskFigures(state: OfficeState, deskId: string): DeskFigures | null {
  const desk = state.config.desks.find((d) => d.id === deskId);
  if (!desk) return null;
  const session = state.desks[deskId];
  const held = visitsAtDesk(state, deskId).map((visit) => ({
    ticket: visit.ticket,
    status: visit.steps[visit.current ?? 0]!.status,
  }));
  const current = held.find((h) => h.status !== 'parked') ?? held[0] ?? null;
  return {
    name: desk.name,
    stationId: desk.stationId,
    officer: session?.officer ?? null,
    since: session?.since ?? null,
    ticket: current?.ticket ?? null,
    status: current?.status ?? null,
    parked: held.filter((h) => h.status === 'parked' && h !== current).length,
  };
}

/** A station's desks, in the configuration's order. */
export function deskIdsAt(state: OfficeState, stationId: string): string[] {
  return state.config.desks.filter((d) => d.stationId === stationId).map((d) => d.id);
}
