import { expect } from 'vitest';
import type { ErrorCode } from '../../shared/errors.js';
import { stationQueue } from '../../shared/queue.js';
import type { OfficeState } from '../../shared/state.js';
import type { StepStatus } from '../../shared/visit.js';
import { DESKS, type DeskId } from './office.js';

/**
 * A deliberately simple model of the demo office's queues, written from docs/ARCHITECTURE.md §3 and the
 * README rather than from `shared/decide`: four stations in a chain, two desks each, a visit's
 * steps, who waits where in which order, who is at which desk. Model-based tests run random
 * command sequences against the real thing and this model side by side; where they disagree,
 * one of them is wrong.
 *
 * Each method takes what the command would do, says whether it should be accepted (or with
 * which code refused), and changes the model only when it should be accepted.
 */

export const CHAIN = ['mv', 'af', 'skv-fk', 'kommun'] as const;
export const MODEL_DESKS = DESKS;
export type ModelDesk = DeskId;
export const stationOfDesk = (desk: string) => desk.replace(/-\d$/, '');

/** The demo office's checklists (server/office/demo.ts), the first item of each and one that is not there. */
export const CHECKLIST_ITEMS: Record<string, readonly string[]> = {
  mv: ['decision-served', 'interpreter-present', 'ut-card'],
  af: ['mapping', 'credentials', 'allowance', 'plan', 'health'],
  'skv-fk': ['moving-form', 'id-card', 'benefits', 'applications'],
  kommun: ['school-queue', 'assistance', 'sfi', 'civic', 'housing'],
};

/**
 * Households as a desk records them; Arbetsförmedlingen's step applies to adults of 20–64 and to
 * 18–19-year-olds without parents in Sweden, and is kept while no adult's age is known.
 */
export const HOUSEHOLDS = {
  unknown: { adults: 1, children: 0, members: [], afApplies: 'unknown' },
  'adult-36': {
    adults: 1,
    children: 1,
    members: [{ name: 'Model Adult', birthDate: '1990-01-01', kind: 'adult' }],
    afApplies: true,
  },
  'adult-76': {
    adults: 2,
    children: 0,
    members: [{ name: 'Model Elder', birthDate: '1950-01-01', kind: 'adult' }],
    afApplies: false,
  },
  'adult-19-alone': {
    adults: 1,
    children: 0,
    members: [{ name: 'Model Young', birthDate: '2007-06-01', kind: 'adult', parentsInSweden: false }],
    afApplies: true,
  },
  'adult-19-parents': {
    adults: 1,
    children: 0,
    members: [{ name: 'Model Young', birthDate: '2007-06-01', kind: 'adult', parentsInSweden: true }],
    afApplies: false,
  },
  'child-only': {
    adults: 1,
    children: 1,
    members: [{ name: 'Model Child', birthDate: '2020-01-01', kind: 'child' }],
    afApplies: 'unknown',
  },
  'too-many-named': {
    adults: 1,
    children: 0,
    members: [
      { name: 'Model One', birthDate: null, kind: 'adult' },
      { name: 'Model Two', birthDate: null, kind: 'adult' },
    ],
    afApplies: 'invalid',
  },
} as const;
export type HouseholdKind = keyof typeof HOUSEHOLDS;

/** Booking references the model's appointment lists are made of. */
export const BOOKING_REFS = ['MODEL-0001', 'MODEL-0002', 'MODEL-0003', 'MODEL-0004', 'MODEL-0005'] as const;
const normalRef = (ref: string) => ref.replace(/[\s-]/g, '').toUpperCase();

interface MStep {
  readonly station: string;
  status: StepStatus;
  queuedAt: number | null;
  cameFrom: boolean;
  target: string | null;
  desk: string | null;
  recalls: number;
  lastCalledAt: number | null;
  override: boolean;
  checklist: Record<string, boolean>;
}

export interface MVisit {
  readonly id: string;
  readonly ticket: string;
  readonly booked: boolean;
  consent: boolean;
  status: 'active' | 'registered' | 'cancelled';
  current: number | null;
  readonly steps: MStep[];
  interpreter: string | null;
  afApplies: boolean | 'unknown';
  notes: number;
}

export type Expected = { ok: true } | { ok: false; code: ErrorCode };
const OK: Expected = { ok: true };
const no = (code: ErrorCode): Expected => ({ ok: false, code });

const RECALL_PAUSE_MS = 15_000;
const NO_SHOW_AFTER_RECALLS = 2;
const HELD: ReadonlySet<StepStatus> = new Set(['called', 'serving', 'parked']);

export class QueueModel {
  readonly visits = new Map<string, MVisit>();
  readonly desks = new Map<string, string>();
  readonly interpreters = new Map<string, string | null>();
  /** Booking references in today's list, and the visit that checked in with each. */
  readonly appointments = new Map<string, string | null>();
  private readonly counters = { B: 0, W: 0 };

  constructor(
    public now: number,
    signedIn: Iterable<[string, string]> = [],
  ) {
    for (const [desk, officer] of signedIn) this.desks.set(desk, officer);
  }

  // -- observations ---------------------------------------------------------------------------

  /** Who waits at a station, in the order they will be called. */
  queue(station: string): MVisit[] {
    const waiting = [...this.visits.values()].filter((v) => {
      const step = this.active(v);
      return step?.station === station && step.status === 'waiting';
    });
    const rank = (v: MVisit) => (this.active(v)!.cameFrom || v.booked ? 0 : 1);
    return waiting.sort(
      (a, b) =>
        rank(a) - rank(b) ||
        this.active(a)!.queuedAt! - this.active(b)!.queuedAt! ||
        // Tickets in the order they were given: by prefix, then by number (W999 before W1000).
        (a.ticket[0]! < b.ticket[0]! ? -1 : a.ticket[0]! > b.ticket[0]! ? 1 : 0) ||
        Number(a.ticket.slice(1)) - Number(b.ticket.slice(1)),
    );
  }

  /** The visit a desk holds (called, serving or parked), if any; parked ones included. */
  heldAt(desk: string): MVisit[] {
    return [...this.visits.values()].filter((v) => {
      const step = this.active(v);
      return step !== undefined && step.desk === desk && HELD.has(step.status);
    });
  }

  /** The visit a desk has called or is serving (parked ones do not count). */
  busyWith(desk: string): MVisit | undefined {
    return this.heldAt(desk).find((v) => ['called', 'serving'].includes(this.active(v)!.status));
  }

  active(v: MVisit): MStep | undefined {
    return v.status === 'active' && v.current !== null ? v.steps[v.current] : undefined;
  }

  /** Asserts that a real office state agrees with the model, visit by visit and queue by queue. */
  expectAgrees(state: OfficeState, context: string): void {
    for (const station of CHAIN)
      expect(
        stationQueue(state, station, this.now).map((e) => e.visit.ticket),
        `${context}: queue at ${station}`,
      ).toEqual(this.queue(station).map((v) => v.ticket));
    expect([...state.visits.keys()].sort(), `${context}: visits`).toEqual([...this.visits.keys()].sort());
    for (const v of this.visits.values()) {
      const real = state.visits.get(v.id)!;
      const seen = {
        ticket: real.ticket,
        status: real.status,
        consent: real.consent,
        current: real.current,
        interpreter: real.interpreterId,
        notes: state.notes.get(v.id)?.length ?? 0,
        steps: real.steps.map((s, i) => ({
          station: s.stationId,
          status: s.status,
          cameFrom: s.cameFrom !== null,
          target: s.targetDeskId,
          // Only where it means something: the desk holding the visit, the count while called.
          desk: i === real.current && HELD.has(s.status) ? s.deskId : null,
          recalls: i === real.current && s.status === 'called' ? s.recalls : 0,
          override: s.ruleOverride,
          checklist: s.checklist,
        })),
      };
      const modelled = {
        ticket: v.ticket,
        status: v.status,
        consent: v.consent,
        current: v.current,
        interpreter: v.interpreter,
        notes: v.notes,
        steps: v.steps.map((s, i) => ({
          station: s.station,
          status: s.status,
          cameFrom: s.cameFrom,
          target: s.target,
          desk: i === v.current && HELD.has(s.status) ? s.desk : null,
          recalls: i === v.current && s.status === 'called' ? s.recalls : 0,
          override: s.override,
          checklist: s.checklist,
        })),
      };
      expect(seen, `${context}: visit ${v.ticket}`).toEqual(modelled);
    }
    expect(Object.fromEntries(Object.entries(state.desks).map(([d, s]) => [d, s.officer]))).toEqual(
      Object.fromEntries(this.desks),
    );
    expect(
      Object.fromEntries(Object.values(state.interpreters).map((i) => [i.id, i.visitId])),
      `${context}: interpreters`,
    ).toEqual(Object.fromEntries(this.interpreters));
  }

  // -- arrivals -------------------------------------------------------------------------------

  /** A walk-in at the kiosk always gets the next W ticket; the id comes from the real answer. */
  checkInWalkIn(consent: boolean): { expected: Expected; ticket: string; commit(visitId: string): void } {
    const ticket = `W${String(this.counters.W + 1).padStart(3, '0')}`;
    return { expected: OK, ticket, commit: (id) => this.arrive(id, 'W', false, consent) };
  }

  checkInBooked(
    ref: string,
    consent: boolean,
  ): { expected: Expected; ticket: string; commit(visitId: string): void } {
    const key = normalRef(ref);
    const ticket = `B${String(this.counters.B + 1).padStart(3, '0')}`;
    const used = this.appointments.get(key);
    const expected =
      used === undefined ? no('UNKNOWN_BOOKING_REF') : used !== null ? no('ALREADY_CHECKED_IN') : OK;
    return {
      expected,
      ticket,
      commit: (id) => {
        this.arrive(id, 'B', true, consent);
        this.appointments.set(key, id);
      },
    };
  }

  private arrive(id: string, prefix: 'B' | 'W', booked: boolean, consent: boolean): void {
    this.counters[prefix] += 1;
    const ticket = `${prefix}${String(this.counters[prefix]).padStart(3, '0')}`;
    this.visits.set(id, {
      id,
      ticket,
      booked,
      consent,
      status: 'active',
      current: 0,
      interpreter: null,
      afApplies: 'unknown',
      notes: 0,
      steps: CHAIN.map((station, i) => ({
        station,
        status: i === 0 ? 'waiting' : 'pending',
        queuedAt: i === 0 ? this.now : null,
        cameFrom: false,
        target: null,
        desk: null,
        recalls: 0,
        lastCalledAt: null,
        override: false,
        checklist: {},
      })),
    });
  }

  /** A new list replaces the old, but keeps the references that have checked in already. */
  importAppointments(refs: readonly string[]): Expected {
    for (const [key, visit] of [...this.appointments]) if (visit === null) this.appointments.delete(key);
    for (const ref of refs)
      if (!this.appointments.has(normalRef(ref))) this.appointments.set(normalRef(ref), null);
    return OK;
  }

  // -- desks ----------------------------------------------------------------------------------

  signIn(desk: string, officer: string): Expected {
    if (this.desks.get(desk) === officer) return no('ALREADY_SIGNED_IN');
    this.desks.set(desk, officer);
    return OK;
  }

  signOut(desk: string): Expected {
    if (!this.desks.has(desk)) return no('NOT_SIGNED_IN');
    if (this.heldAt(desk).length > 0) return no('DESK_BUSY');
    this.desks.delete(desk);
    return OK;
  }

  /** "Call next": the desk's own queue first, then the station's open queue. */
  callNext(desk: string): Expected & { visit?: MVisit } {
    if (!this.desks.has(desk)) return no('NOT_SIGNED_IN');
    if (this.busyWith(desk)) return no('DESK_BUSY');
    const queue = this.queue(stationOfDesk(desk));
    const next =
      queue.find((v) => this.active(v)!.target === desk) ??
      queue.find((v) => this.active(v)!.target === null);
    if (!next) return no('QUEUE_EMPTY');
    this.callTo(next, desk);
    return { ok: true, visit: next };
  }

  call(desk: string, id: string): Expected {
    const held = this.held(desk, id, ['waiting', 'parked']);
    if (held) return held;
    if (this.busyWith(desk)) return no('DESK_BUSY');
    this.callTo(this.visits.get(id)!, desk);
    return OK;
  }

  private callTo(v: MVisit, desk: string): void {
    const step = this.active(v)!;
    Object.assign(step, { status: 'called', desk, recalls: 0, lastCalledAt: this.now });
  }

  recall(desk: string, id: string): Expected {
    const held = this.held(desk, id, ['called']);
    if (held) return held;
    const step = this.step(id);
    if ((step.lastCalledAt ?? 0) + RECALL_PAUSE_MS > this.now) return no('RECALL_TOO_SOON');
    Object.assign(step, { recalls: step.recalls + 1, lastCalledAt: this.now });
    return OK;
  }

  noShow(desk: string, id: string): Expected {
    const held = this.held(desk, id, ['called']);
    if (held) return held;
    const step = this.step(id);
    if (step.recalls < NO_SHOW_AFTER_RECALLS) return no('RECALLS_REMAINING');
    step.status = 'no_show';
    return OK;
  }

  start(desk: string, id: string): Expected {
    const held = this.held(desk, id, ['called', 'parked']);
    if (held) return held;
    const step = this.step(id);
    if (step.status === 'parked' && this.busyWith(desk)) return no('DESK_BUSY');
    Object.assign(step, { status: 'serving', desk });
    return OK;
  }

  /** Back to the waiting room: the place in the queue is kept (the time it first queued here). */
  returnToQueue(desk: string, id: string): Expected {
    const held = this.held(desk, id, ['called', 'serving', 'parked']);
    if (held) return held;
    Object.assign(this.step(id), { status: 'waiting', desk: null, recalls: 0, lastCalledAt: null });
    return OK;
  }

  park(desk: string, id: string): Expected {
    const held = this.held(desk, id, ['serving']);
    if (held) return held;
    this.step(id).status = 'parked';
    return OK;
  }

  addNote(desk: string, id: string, shared: boolean): Expected {
    const held = this.held(desk, id, ['called', 'serving', 'parked']);
    if (held) return held;
    const v = this.visits.get(id)!;
    if (shared && !v.consent) return no('CONSENT_REQUIRED');
    v.notes += 1;
    return OK;
  }

  setChecklistItem(desk: string, id: string, item: string, checked: boolean): Expected {
    const held = this.held(desk, id, ['called', 'serving', 'parked']);
    if (held) return held;
    if (!CHECKLIST_ITEMS[stationOfDesk(desk)]!.includes(item)) return no('VALIDATION_FAILED');
    const step = this.step(id);
    step.checklist = { ...step.checklist, [item]: checked };
    return OK;
  }

  handOver(
    desk: string,
    id: string,
    to: { kind: 'next' } | { kind: 'station'; stationId: string } | { kind: 'desk'; deskId: string },
    sharedNote: boolean | null,
  ): Expected {
    const held = this.held(desk, id, ['called', 'serving', 'parked']);
    if (held) return held;
    const v = this.visits.get(id)!;
    const targets = this.targets(v);
    let station: string;
    let target: string | null = null;
    if (to.kind === 'next') {
      if (targets.next === null) return no('NO_NEXT_STATION');
      station = targets.next.station;
    } else if (to.kind === 'station') {
      if (!targets.pending.some((s) => s.station === to.stationId)) return no('UNKNOWN_STATION');
      station = to.stationId;
    } else {
      if (!(MODEL_DESKS as readonly string[]).includes(to.deskId)) return no('UNKNOWN_DESK');
      if (!targets.pending.some((s) => s.station === stationOfDesk(to.deskId))) return no('UNKNOWN_STATION');
      station = stationOfDesk(to.deskId);
      target = to.deskId;
    }
    if (sharedNote === true && !v.consent) return no('CONSENT_REQUIRED');
    if (to.kind === 'next') this.skipByRule(targets.passedByRule);
    if (sharedNote !== null) v.notes += 1;
    Object.assign(this.step(id), { status: 'done' });
    this.moveTo(v, station, target);
    return OK;
  }

  completeStep(desk: string, id: string): Expected {
    const held = this.held(desk, id, ['serving']);
    if (held) return held;
    const v = this.visits.get(id)!;
    this.step(id).status = 'done';
    this.moveOn(v);
    return OK;
  }

  complete(desk: string, id: string): Expected {
    const held = this.held(desk, id, ['serving']);
    if (held) return held;
    const v = this.visits.get(id)!;
    if (this.targets(v).pending.length > 0) return no('JOURNEY_NOT_FINISHED');
    this.step(id).status = 'done';
    this.end(v, 'registered');
    return OK;
  }

  // -- reception and admin --------------------------------------------------------------------

  /** Reception skips any step still to come, or the one the visit waits at (or missed). */
  skipStep(by: { desk: string } | 'reception', id: string, station: string): Expected {
    const open = this.open(id);
    if (open) return open;
    const v = this.visits.get(id)!;
    const index = v.steps.findIndex((s) => s.station === station);
    const step = v.steps[index]!;
    if (by !== 'reception') {
      const held = this.held(by.desk, id, ['called', 'serving', 'parked']);
      if (held) return held;
      if (index === v.current) return no('INVALID_TRANSITION');
    }
    const isCurrent = index === v.current;
    const skippable =
      step.status === 'pending' || (isCurrent && (step.status === 'waiting' || step.status === 'no_show'));
    if (!skippable) return no('INVALID_TRANSITION');
    Object.assign(step, { status: 'skipped', target: null });
    if (isCurrent) this.moveOn(v);
    return OK;
  }

  restoreStep(id: string, station: string): Expected {
    const open = this.open(id);
    if (open) return open;
    const step = this.visits.get(id)!.steps.find((s) => s.station === station)!;
    if (step.status !== 'skipped') return no('INVALID_TRANSITION');
    Object.assign(step, { status: 'pending', override: true });
    return OK;
  }

  cancel(id: string): Expected {
    const open = this.open(id);
    if (open) return open;
    this.end(this.visits.get(id)!, 'cancelled');
    return OK;
  }

  reinstate(id: string): Expected {
    const open = this.open(id);
    if (open) return open;
    const step = this.step(id);
    if (step.status !== 'no_show') return no('INVALID_TRANSITION');
    Object.assign(step, {
      status: 'waiting',
      queuedAt: this.now,
      desk: null,
      recalls: 0,
      lastCalledAt: null,
    });
    return OK;
  }

  setConsent(by: { desk: string } | 'reception', id: string, consent: boolean): Expected {
    const refused =
      by === 'reception' ? this.open(id) : this.held(by.desk, id, ['called', 'serving', 'parked']);
    if (refused) return refused;
    this.visits.get(id)!.consent = consent;
    return OK;
  }

  setHousehold(id: string, kind: HouseholdKind): Expected {
    const open = this.open(id);
    if (open) return open;
    const applies = HOUSEHOLDS[kind].afApplies;
    if (applies === 'invalid') return no('VALIDATION_FAILED');
    this.visits.get(id)!.afApplies = applies;
    return OK;
  }

  addInterpreter(id: string): Expected {
    this.interpreters.set(id, null);
    return OK;
  }

  removeInterpreter(id: string): Expected {
    if (!this.interpreters.has(id)) return no('UNKNOWN_INTERPRETER');
    if (this.interpreters.get(id) !== null) return no('INTERPRETER_BUSY');
    this.interpreters.delete(id);
    return OK;
  }

  attachInterpreter(interpreter: string, id: string): Expected {
    if (!this.interpreters.has(interpreter)) return no('UNKNOWN_INTERPRETER');
    if (this.interpreters.get(interpreter) !== null) return no('INTERPRETER_BUSY');
    const open = this.open(id);
    if (open) return open;
    const v = this.visits.get(id)!;
    if (v.interpreter !== null) return no('INTERPRETER_BUSY');
    v.interpreter = interpreter;
    this.interpreters.set(interpreter, id);
    return OK;
  }

  releaseInterpreter(interpreter: string): Expected {
    if (!this.interpreters.has(interpreter)) return no('UNKNOWN_INTERPRETER');
    const visit = this.interpreters.get(interpreter);
    if (visit === null || visit === undefined) return no('INVALID_TRANSITION');
    this.visits.get(visit)!.interpreter = null;
    this.interpreters.set(interpreter, null);
    return OK;
  }

  // -- the journey ----------------------------------------------------------------------------

  private step(id: string): MStep {
    return this.active(this.visits.get(id)!)!;
  }

  /** The visit must be known and still active. */
  private open(id: string): Expected | undefined {
    const v = this.visits.get(id);
    if (!v) return no('UNKNOWN_VISIT');
    if (v.status !== 'active' || v.current === null) return no('VISIT_CLOSED');
    return undefined;
  }

  /** The desk must be signed in, and hold the visit (at its station) in one of the statuses. */
  private held(desk: string, id: string, statuses: readonly StepStatus[]): Expected | undefined {
    if (!this.desks.has(desk)) return no('NOT_SIGNED_IN');
    const open = this.open(id);
    if (open) return open;
    const step = this.step(id);
    if (step.station !== stationOfDesk(desk)) return no('NOT_AT_THIS_STATION');
    if (HELD.has(step.status) && step.desk !== desk) return no('NOT_AT_THIS_DESK');
    if (!statuses.includes(step.status)) return no('INVALID_TRANSITION');
    return undefined;
  }

  /**
   * Where the chain goes from here: the steps still to come after this one, then those passed
   * out of order; Arbetsförmedlingen's is passed by when its age rule says no (unless restored).
   */
  private targets(v: MVisit) {
    const cur = v.current ?? -1;
    const pending = v.steps
      .map((s, i) => ({ s, i }))
      .filter(({ s, i }) => s.status === 'pending' && i !== cur);
    const ordered = [...pending.filter(({ i }) => i > cur), ...pending.filter(({ i }) => i < cur)].map(
      ({ s }) => s,
    );
    const passes = (s: MStep) => s.station === 'af' && !s.override && v.afApplies === false;
    const nextAt = ordered.findIndex((s) => !passes(s));
    return {
      pending: pending.map(({ s }) => s),
      next: nextAt < 0 ? null : ordered[nextAt]!,
      passedByRule: (nextAt < 0 ? ordered : ordered.slice(0, nextAt)).filter(passes),
    };
  }

  private skipByRule(steps: readonly MStep[]): void {
    for (const s of steps) Object.assign(s, { status: 'skipped', target: null });
  }

  /** After a step ends: on along the chain, or registered when nothing is left. */
  private moveOn(v: MVisit): void {
    const { next, passedByRule } = this.targets(v);
    this.skipByRule(passedByRule);
    if (next === null) this.end(v, 'registered');
    else this.moveTo(v, next.station, null);
  }

  private moveTo(v: MVisit, station: string, target: string | null): void {
    const index = v.steps.findIndex((s) => s.station === station);
    Object.assign(v.steps[index]!, {
      status: 'waiting',
      queuedAt: this.now,
      cameFrom: true,
      target,
      desk: null,
    });
    v.current = index;
  }

  private end(v: MVisit, status: 'registered' | 'cancelled'): void {
    v.status = status;
    v.current = null;
    if (v.interpreter !== null) this.interpreters.set(v.interpreter, null);
    v.interpreter = null;
  }
}
