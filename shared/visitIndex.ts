import { Map as ImmutableMap } from 'immutable';
import type { DomainEvent } from './events.js';
import { visitIdOf } from './events.js';
import type { OfficeConfig } from './office.js';
import type { OfficeState } from './state.js';
import { compareTickets } from './ticket.js';
import { AT_DESK_STATUSES, type Step, type Visit } from './visit.js';

/**
 * What the queues and the views read of the day's visits, kept up to date event by event: who
 * waits at each station in order, what each desk holds, the latest service times, the latest
 * calls, and whose status token is whose. Without it every command and every view scanned the
 * whole day, and a command at 4 pm cost many times one at 8 am.
 *
 * It is derived data, so it lives beside the state (a weak map keyed by the state object), not
 * in it: the state stays plain data that screens receive and tests compare. `apply` hands each
 * new state the old state's index changed by what the event touched (one visit; see
 * `touchedVisit`); a state without one (a snapshot just received, the day's turn, a new
 * config) has it built once, from all its visits, the first time it is asked for.
 */

/** A visit a desk holds. */
export interface DeskEntry {
  readonly deskId: string;
  readonly visitId: string;
  readonly createdAt: number;
  readonly ticket: string;
}

/** A waiting visit with its active step: the queue reads them without a lookup each. */
export interface WaitingEntry {
  readonly visitId: string;
  readonly queuedAt: number;
  readonly ticket: string;
  readonly visit: Visit;
  readonly step: Step;
}

/** A finished meeting, for the rolling median of service times. */
export interface ServiceSample {
  readonly visitId: string;
  readonly idx: number;
  readonly end: number;
  readonly minutes: number;
}

/** A ticket called to a desk (now, or earlier today), for the display's list of calls. */
export interface CallEntry {
  readonly visitId: string;
  readonly idx: number;
  readonly ticket: string;
  readonly createdAt: number;
  readonly stationId: string;
  readonly deskId: string;
  readonly calledAt: number;
  /** Still called: the visitor has not come to the desk yet. */
  readonly active: boolean;
}

/**
 * The best few of a set that is only ever needed from the top (the latest calls, the latest
 * service times), with how many the whole set holds. An item removed from the kept few leaves
 * one fewer; when fewer than `need` are kept of a set that has more, the index is rebuilt.
 */
export interface Ranked<T> {
  readonly top: readonly T[];
  readonly total: number;
}

export interface VisitIndex {
  /** Per station, the visits waiting there, by (time they joined the queue, ticket). */
  readonly waiting: Readonly<Record<string, readonly WaitingEntry[]>>;
  /** Per desk, the active visits it holds (called, serving or parked), in check-in order. */
  readonly atDesk: Readonly<Record<string, readonly DeskEntry[]>>;
  /** Per station, the latest finished meetings, latest first. */
  readonly served: Readonly<Record<string, Ranked<ServiceSample>>>;
  /** Tickets called now, latest first. */
  readonly activeCalls: readonly CallEntry[];
  /** Tickets called earlier, latest first. */
  readonly pastCalls: Ranked<CallEntry>;
  /** A visitor's status token → the visit (server side only: staff states hold no tokens). */
  readonly tokens: ImmutableMap<string, string>;
}

/** The rolling median reads this many service times; the display shows this many calls. */
export const SERVICE_SAMPLES = 20;
export const CALLS_SHOWN = 8;
/** Kept beyond what is read, so that removals seldom force a rebuild. */
const SLACK = 24;

const byWait = (a: WaitingEntry, b: WaitingEntry) =>
  a.queuedAt - b.queuedAt || compareTickets(a.ticket, b.ticket);
const byArrival = (a: DeskEntry, b: DeskEntry) =>
  a.createdAt - b.createdAt || compareTickets(a.ticket, b.ticket);
const bySampleRecency = (a: ServiceSample, b: ServiceSample) =>
  b.end - a.end || (a.visitId < b.visitId ? -1 : a.visitId > b.visitId ? 1 : a.idx - b.idx);
/** Latest call first; among calls at the same moment, the household that came first. */
export const byCallRecency = (a: CallEntry, b: CallEntry) =>
  b.calledAt - a.calledAt || a.createdAt - b.createdAt || compareTickets(a.ticket, b.ticket) || a.idx - b.idx;

/** What one visit puts into the index. */
interface Contribution {
  readonly waiting: { stationId: string; entry: WaitingEntry } | null;
  readonly desk: DeskEntry | null;
  readonly samples: readonly (ServiceSample & { stationId: string })[];
  readonly calls: readonly CallEntry[];
}

const NONE: Contribution = { waiting: null, desk: null, samples: [], calls: [] };

function contribution(visit: Visit | undefined, config: OfficeConfig): Contribution {
  if (!visit) return NONE;
  const live = visit.status === 'active' && visit.current !== null;
  const step = live ? visit.steps[visit.current!] : undefined;
  const samples: (ServiceSample & { stationId: string })[] = [];
  const calls: CallEntry[] = [];
  visit.steps.forEach((s, idx) => {
    if (s.status === 'done' && s.startedAt !== null && s.endedAt !== null)
      samples.push({
        stationId: s.stationId,
        visitId: visit.id,
        idx,
        end: s.endedAt,
        minutes: (s.endedAt - s.startedAt) / 60_000,
      });
    const calledAt = s.lastCalledAt ?? s.calledAt;
    if (calledAt !== null && s.deskId !== null && config.desks.some((d) => d.id === s.deskId))
      calls.push({
        visitId: visit.id,
        idx,
        ticket: visit.ticket,
        createdAt: visit.createdAt,
        stationId: s.stationId,
        deskId: s.deskId,
        calledAt,
        active: visit.status === 'active' && s.status === 'called',
      });
  });
  return {
    waiting:
      step?.status === 'waiting'
        ? {
            stationId: step.stationId,
            entry: { visitId: visit.id, queuedAt: step.queuedAt ?? 0, ticket: visit.ticket, visit, step },
          }
        : null,
    desk:
      step && step.deskId !== null && AT_DESK_STATUSES.has(step.status)
        ? { deskId: step.deskId, visitId: visit.id, createdAt: visit.createdAt, ticket: visit.ticket }
        : null,
    samples,
    calls,
  };
}

const cache = new WeakMap<OfficeState, VisitIndex>();

/** The state's index: carried over by `apply`, or built now from all its visits. */
export function indexOf(state: OfficeState): VisitIndex {
  let index = cache.get(state);
  if (!index || needsRebuild(index)) {
    index = buildIndex(state);
    cache.set(state, index);
  }
  return index;
}

function needsRebuild(index: VisitIndex): boolean {
  const short = <T>(r: Ranked<T>, need: number) => r.top.length < Math.min(need, r.total);
  return (
    short(index.pastCalls, CALLS_SHOWN) || Object.values(index.served).some((r) => short(r, SERVICE_SAMPLES))
  );
}

/** The index from scratch: a full pass over the day's visits. */
export function buildIndex(state: OfficeState): VisitIndex {
  const waiting: Record<string, WaitingEntry[]> = {};
  const atDesk: Record<string, DeskEntry[]> = {};
  const samples: Record<string, ServiceSample[]> = {};
  const active: CallEntry[] = [];
  const past: CallEntry[] = [];
  const tokens = ImmutableMap<string, string>().asMutable();
  for (const visit of state.visits.values()) {
    const c = contribution(visit, state.config);
    if (c.waiting) (waiting[c.waiting.stationId] ??= []).push(c.waiting.entry);
    if (c.desk) (atDesk[c.desk.deskId] ??= []).push(c.desk);
    for (const { stationId, ...sample } of c.samples) (samples[stationId] ??= []).push(sample);
    for (const call of c.calls) (call.active ? active : past).push(call);
  }
  for (const [visitId, secret] of state.privateData)
    if (secret.statusToken) tokens.set(secret.statusToken, visitId);
  const ranked = <T>(all: T[], order: (a: T, b: T) => number, keep: number): Ranked<T> => ({
    top: all.sort(order).slice(0, keep),
    total: all.length,
  });
  return {
    waiting: Object.fromEntries(Object.entries(waiting).map(([id, list]) => [id, list.sort(byWait)])),
    atDesk: Object.fromEntries(Object.entries(atDesk).map(([id, list]) => [id, list.sort(byArrival)])),
    served: Object.fromEntries(
      Object.entries(samples).map(([id, all]) => [id, ranked(all, bySampleRecency, SERVICE_SAMPLES + SLACK)]),
    ),
    activeCalls: active.sort(byCallRecency),
    pastCalls: ranked(past, byCallRecency, CALLS_SHOWN + SLACK),
    tokens: tokens.asImmutable(),
  };
}

/**
 * The one visit an event can change (the day's turn and a new config change the whole index,
 * and leave it to be rebuilt); undefined when it changes none.
 */
export function touchedVisit(event: DomainEvent): string | null | undefined {
  if (event.type === 'day_started' || event.type === 'config_changed') return undefined;
  return visitIdOf(event);
}

/**
 * Gives `after` the index of `before`, changed by what `event` did: called by `apply` for each
 * event. Costs what one visit costs, whatever the size of the day.
 */
export function carryIndex(before: OfficeState, after: OfficeState, event: DomainEvent): void {
  if (before === after) return;
  const index = cache.get(before);
  if (!index) return;
  const visitId = touchedVisit(event);
  if (visitId === undefined) return;
  if (visitId === null) return void cache.set(after, index);
  const old = before.visits.get(visitId);
  const now = after.visits.get(visitId);
  let next =
    old === now
      ? index
      : changeVisit(index, visitId, contribution(old, before.config), contribution(now, after.config));
  const oldToken = before.privateData.get(visitId)?.statusToken ?? '';
  const newToken = after.privateData.get(visitId)?.statusToken ?? '';
  if (oldToken !== newToken) {
    let tokens = next.tokens;
    if (oldToken) tokens = tokens.delete(oldToken);
    if (newToken) tokens = tokens.set(newToken, visitId);
    next = { ...next, tokens };
  }
  cache.set(after, next);
}

function changeVisit(index: VisitIndex, visitId: string, old: Contribution, now: Contribution): VisitIndex {
  let { waiting, atDesk, served, activeCalls, pastCalls } = index;

  if (!sameWaiting(old.waiting, now.waiting)) {
    if (old.waiting) {
      const { stationId } = old.waiting;
      waiting = withKey(
        waiting,
        stationId,
        (waiting[stationId] ?? []).filter((e) => e.visitId !== visitId),
      );
    }
    if (now.waiting) {
      const { stationId, entry } = now.waiting;
      waiting = withKey(waiting, stationId, insertSorted(waiting[stationId] ?? [], entry, byWait));
    }
  }

  if (old.desk?.deskId !== now.desk?.deskId) {
    if (old.desk) {
      const { deskId } = old.desk;
      atDesk = withKey(
        atDesk,
        deskId,
        (atDesk[deskId] ?? []).filter((e) => e.visitId !== visitId),
      );
    }
    if (now.desk) {
      const { deskId } = now.desk;
      atDesk = withKey(atDesk, deskId, insertSorted(atDesk[deskId] ?? [], now.desk, byArrival));
    }
  }

  if (!sameList(old.samples, now.samples, sameSample)) {
    for (const s of old.samples)
      if (!now.samples.some((n) => sameSample(n, s)))
        served = withKey(served, s.stationId, removeRanked(served[s.stationId], s, sameSample));
    for (const { stationId, ...sample } of now.samples)
      if (!old.samples.some((o) => sameSample(o, sample)))
        served = withKey(
          served,
          stationId,
          addRanked(served[stationId], sample, bySampleRecency, SERVICE_SAMPLES + SLACK),
        );
  }

  if (!sameList(old.calls, now.calls, sameCall)) {
    for (const c of old.calls)
      if (!now.calls.some((n) => sameCall(n, c))) {
        if (c.active) activeCalls = activeCalls.filter((a) => !sameCall(a, c));
        else pastCalls = removeRanked(pastCalls, c, sameCall);
      }
    for (const c of now.calls)
      if (!old.calls.some((o) => sameCall(o, c))) {
        if (c.active) activeCalls = insertSorted(activeCalls, c, byCallRecency);
        else pastCalls = addRanked(pastCalls, c, byCallRecency, CALLS_SHOWN + SLACK);
      }
  }

  return { ...index, waiting, atDesk, served, activeCalls, pastCalls };
}

const withKey = <T>(record: Readonly<Record<string, T>>, key: string, value: T) => ({
  ...record,
  [key]: value,
});

const sameWaiting = (a: Contribution['waiting'], b: Contribution['waiting']) =>
  a === b || (a !== null && b !== null && a.stationId === b.stationId && a.entry.visit === b.entry.visit);

const sameSample = (a: ServiceSample, b: ServiceSample) =>
  a.visitId === b.visitId && a.idx === b.idx && a.end === b.end && a.minutes === b.minutes;

const sameCall = (a: CallEntry, b: CallEntry) =>
  a.visitId === b.visitId &&
  a.idx === b.idx &&
  a.calledAt === b.calledAt &&
  a.active === b.active &&
  a.deskId === b.deskId &&
  a.stationId === b.stationId &&
  a.ticket === b.ticket &&
  a.createdAt === b.createdAt;

function sameList<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  return a.length === b.length && a.every((x, i) => same(x, b[i]!));
}

/** A copy of a sorted list with one more item in its place. */
function insertSorted<T>(list: readonly T[], item: T, order: (a: T, b: T) => number): T[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (order(list[mid]!, item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return [...list.slice(0, lo), item, ...list.slice(lo)];
}

function addRanked<T>(
  ranked: Ranked<T> | undefined,
  item: T,
  order: (a: T, b: T) => number,
  keep: number,
): Ranked<T> {
  const { top, total } = ranked ?? { top: [], total: 0 };
  // Kept are the best `top.length` of all; an item below them is kept only if all are.
  const last = top[top.length - 1];
  if (top.length < total && last !== undefined && order(item, last) > 0) return { top, total: total + 1 };
  return { top: insertSorted(top, item, order).slice(0, keep), total: total + 1 };
}

function removeRanked<T>(ranked: Ranked<T> | undefined, item: T, same: (a: T, b: T) => boolean): Ranked<T> {
  const { top, total } = ranked ?? { top: [], total: 0 };
  return { top: top.filter((t) => !same(t, item)), total: Math.max(0, total - 1) };
}
