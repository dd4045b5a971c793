import { stationOf, type OfficeConfig, type QueueRules } from './office.js';
import { ruleSkips } from './rules.js';
import { compareTickets } from './ticket.js';
import { indexOf, SERVICE_SAMPLES } from './visitIndex.js';
import type { OfficeState } from './state.js';
import type { Member, Step, Visit } from './visit.js';

/**
 * The queue rules of docs/ARCHITECTURE.md §3 as named pure functions. The server decides with
 * them and the screens show the same order with them, so the two cannot disagree.
 */

export interface QueueEntry {
  readonly visit: Visit;
  readonly step: Step;
}

const MINUTE = 60_000;

/** Rule "handed over first": the visit came here from the previous step of the chain. */
export function isHandedOver(step: Step): boolean {
  return step.cameFrom !== null;
}

/** Rule "due bookings first": a booked visitor whose appointment time has come (or nearly). */
export function isDueBooking(visit: Visit, rules: QueueRules, now: number): boolean {
  return (
    visit.kind === 'booked' &&
    visit.appointmentAt !== null &&
    visit.appointmentAt - rules.dueWindowMinutes * MINUTE <= now
  );
}

/** 0 for the priority class (handed over, or a due booking, as the rules allow), 1 otherwise. */
export function priorityClass(entry: QueueEntry, rules: QueueRules, now: number): 0 | 1 {
  if (rules.handedOverFirst && isHandedOver(entry.step)) return 0;
  if (rules.dueBookingsFirst && isDueBooking(entry.visit, rules, now)) return 0;
  return 1;
}

/** Priority class first, then the time the visit entered this station's queue, then ticket. */
export function compareEntries(a: QueueEntry, b: QueueEntry, rules: QueueRules, now: number): number {
  return (
    priorityClass(a, rules, now) - priorityClass(b, rules, now) ||
    (a.step.queuedAt ?? 0) - (b.step.queuedAt ?? 0) ||
    compareTickets(a.visit.ticket, b.visit.ticket)
  );
}

/**
 * The queue and the rolling median are asked for again and again of one state: after each
 * command, for the public view and for every open status page's view. The state is immutable,
 * so each is computed once per state (and station, and time) and kept as long as that state.
 */
const memo = new WeakMap<OfficeState, Map<string, unknown>>();

function memoized<T>(state: OfficeState, key: string, compute: () => T): T {
  let cache = memo.get(state);
  if (!cache) memo.set(state, (cache = new Map()));
  if (cache.has(key)) return cache.get(key) as T;
  // A screen asks of the same state at every tick of its clock: keep only the recent ones.
  if (cache.size >= 64) cache.clear();
  const value = compute();
  cache.set(key, value);
  return value;
}

/** Everyone waiting at a station, in the order they will be called. */
export function stationQueue(state: OfficeState, stationId: string, now: number): QueueEntry[] {
  return memoized(state, `queue:${stationId}:${now}`, () => sortedQueue(state, stationId, now)).slice();
}

/**
 * The index keeps each station's waiting visits by (time in the queue, ticket), which is the
 * order within each priority class; a stable split by class then gives the whole order, in time
 * that grows with the queue, not with the day.
 */
function sortedQueue(state: OfficeState, stationId: string, now: number): QueueEntry[] {
  const rules = state.config.queueRules;
  const first: QueueEntry[] = [];
  const rest: QueueEntry[] = [];
  for (const { visit, step } of indexOf(state).waiting[stationId] ?? []) {
    const entry = { visit, step };
    (priorityClass(entry, rules, now) === 0 ? first : rest).push(entry);
  }
  return first.concat(rest);
}

/** How many wait at a station, without ordering them. */
export function waitingCount(state: OfficeState, stationId: string): number {
  return indexOf(state).waiting[stationId]?.length ?? 0;
}

/** A desk's personal queue: visits handed over to this desk by name, at the front for it. */
export function deskQueue(state: OfficeState, deskId: string, now: number): QueueEntry[] {
  const desk = state.config.desks.find((d) => d.id === deskId);
  if (!desk) return [];
  return stationQueue(state, desk.stationId, now).filter((e) => e.step.targetDeskId === deskId);
}

/** Who "Call next" at this desk calls: its personal queue first, then the station's open queue. */
export function nextForDesk(state: OfficeState, deskId: string, now: number): QueueEntry | undefined {
  const desk = state.config.desks.find((d) => d.id === deskId);
  if (!desk) return undefined;
  const queue = stationQueue(state, desk.stationId, now);
  return queue.find((e) => e.step.targetDeskId === deskId) ?? queue.find((e) => e.step.targetDeskId === null);
}

/**
 * How many visits are ahead of this one: in the named desk's queue if it was handed to a desk,
 * otherwise among the station's visits that any desk may call. Null when it is not waiting.
 */
export function queuePosition(state: OfficeState, visit: Visit, now: number): number | null {
  if (visit.current === null) return null;
  const step = visit.steps[visit.current];
  if (!step || step.status !== 'waiting') return null;
  const same = stationQueue(state, step.stationId, now).filter(
    (e) => e.step.targetDeskId === step.targetDeskId,
  );
  const index = same.findIndex((e) => e.visit.id === visit.id);
  return index < 0 ? null : index;
}

/** Desks at the station with an officer signed in. */
export function desksOpen(state: OfficeState, stationId: string): number {
  return state.config.desks.filter((d) => d.stationId === stationId && state.desks[d.id] !== undefined)
    .length;
}

/** The desk holding a visit now (called, serving or parked), if any. */
export function visitsAtDesk(state: OfficeState, deskId: string): Visit[] {
  return (indexOf(state).atDesk[deskId] ?? []).map((e) => state.visits.get(e.visitId)!);
}

/** A desk is busy while it has called or is serving someone; parked visits do not block it. */
export function deskIsBusy(state: OfficeState, deskId: string): boolean {
  return visitsAtDesk(state, deskId).some((v) => {
    const status = v.steps[v.current ?? 0]?.status;
    return status === 'called' || status === 'serving';
  });
}

const MIN_SAMPLES = 3;

/**
 * The median of the station's last service times today (start to end), in minutes; the
 * station's configured default until it has served a few visits.
 */
export function rollingMedianServiceMinutes(state: OfficeState, stationId: string): number {
  return memoized(state, `median:${stationId}`, () => rollingMedian(state, stationId));
}

function rollingMedian(state: OfficeState, stationId: string): number {
  const samples = indexOf(state).served[stationId]?.top ?? [];
  const fallback = state.config.stations.find((s) => s.id === stationId)?.defaultServiceMinutes ?? 15;
  if (samples.length < MIN_SAMPLES) return fallback;
  const recent = samples
    .slice(0, SERVICE_SAMPLES)
    .map((s) => s.minutes)
    .sort((a, b) => a - b);
  const mid = recent.length >> 1;
  return recent.length % 2 === 1 ? recent[mid]! : (recent[mid - 1]! + recent[mid]!) / 2;
}

/** Estimated wait = position × the station's rolling median service time ÷ desks open. */
export function estimatedWaitMinutes(state: OfficeState, stationId: string, position: number): number | null {
  const open = desksOpen(state, stationId);
  if (open === 0) return null;
  return Math.ceil((position * rollingMedianServiceMinutes(state, stationId)) / open);
}

/** The no-show rule: a called visitor may be marked absent only after N recalls. */
export function noShowAllowed(step: Step, config: OfficeConfig): boolean {
  return step.status === 'called' && step.recalls >= config.noShowRecallLimit;
}

/** A desk may call the same ticket again only after the configured pause. */
export function recallAllowed(step: Step, config: OfficeConfig, now: number): boolean {
  return step.status === 'called' && (step.lastCalledAt ?? 0) + config.recallPauseSeconds * 1000 <= now;
}

export interface HandoverTargets {
  /** The next station in the chain that the visit has still to pass (its rules allowing), if any. */
  readonly next: string | null;
  /** Every station the visit has still to pass, in chain order: a handover may choose any. */
  readonly stations: readonly string[];
  /** The desks of those stations, for a handover to a named desk. */
  readonly desks: readonly string[];
  /** Stations the chain passes by on the way to `next` (all that are left, when there is no next), by their rules. */
  readonly passedByRule: readonly string[];
}

/**
 * Where a visit may be handed over to from its active step. The stations' age rules are judged on
 * the household's members: the server's own, or those a desk has opened (staff state has none).
 */
export function handoverTargets(
  state: OfficeState,
  visit: Visit,
  members: readonly Member[] = state.privateData.get(visit.id)?.members ?? [],
): HandoverTargets {
  const current = visit.current;
  const pending = visit.steps
    .map((s, i) => ({ s, i }))
    .filter(({ s, i }) => s.status === 'pending' && i !== current);
  const passes = ({ s }: { s: Step }) =>
    !s.ruleOverride && ruleSkips(stationOf(state.config, s.stationId)?.rule ?? null, members, visit.day);
  // The chain goes on after the current station, then wraps round to stations passed out of order.
  const ordered = [
    ...pending.filter(({ i }) => current === null || i > current),
    ...pending.filter(({ i }) => current !== null && i < current),
  ];
  const nextAt = ordered.findIndex((p) => !passes(p));
  const passedByRule = (nextAt < 0 ? ordered : ordered.slice(0, nextAt))
    .filter(passes)
    .map(({ s }) => s.stationId);
  const stations = pending.map(({ s }) => s.stationId);
  return {
    next: nextAt < 0 ? null : ordered[nextAt]!.s.stationId,
    stations,
    desks: state.config.desks.filter((d) => stations.includes(d.stationId)).map((d) => d.id),
    passedByRule,
  };
}
