import { describe, expect, it } from 'vitest';
import {
  compareEntries,
  deskIsBusy,
  deskQueue,
  desksOpen,
  estimatedWaitMinutes,
  handoverTargets,
  isDueBooking,
  isHandedOver,
  nextForDesk,
  noShowAllowed,
  priorityClass,
  queuePosition,
  recallAllowed,
  rollingMedianServiceMinutes,
  stationQueue,
  visitsAtDesk,
  type QueueEntry,
} from '../../../shared/queue.js';
import type { QueueRules } from '../../../shared/office.js';
import type { Visit } from '../../../shared/visit.js';
import { makeStep, makeVisit, MINUTE, stateWith, T0, testConfig } from '../../helpers/domain.js';

const RULES: QueueRules = { handedOverFirst: true, dueBookingsFirst: true, dueWindowMinutes: 15 };
const entry = (visit: Visit): QueueEntry => ({ visit, step: visit.steps[visit.current ?? 0]! });
const booked = (n: number, appointmentAt: number, queuedAt = T0) =>
  makeVisit(n, { kind: 'booked', ticket: `B${String(n).padStart(3, '0')}`, appointmentAt, queuedAt });
const handed = (n: number, queuedAt = T0) => makeVisit(n, { queuedAt, step: { cameFrom: 'mv' } });
const tickets = (entries: readonly QueueEntry[]) => entries.map((e) => e.visit.ticket);

describe('rule "handed over first"', () => {
  it('marks a step that the chain moved here', () => {
    expect(isHandedOver(makeStep('af', { cameFrom: 'mv' }))).toBe(true);
    expect(isHandedOver(makeStep('mv'))).toBe(false);
  });

  it('puts a handed-over visit in the priority class only while the rule is on', () => {
    expect(priorityClass(entry(handed(1)), RULES, T0)).toBe(0);
    expect(priorityClass(entry(handed(1)), { ...RULES, handedOverFirst: false }, T0)).toBe(1);
    expect(priorityClass(entry(makeVisit(2)), RULES, T0)).toBe(1);
  });
});

describe('rule "due bookings first"', () => {
  it('counts a booking as due from the start of the due window', () => {
    const at = T0 + 15 * MINUTE;
    expect(isDueBooking(booked(1, at), RULES, T0)).toBe(true);
    expect(isDueBooking(booked(1, at + 1), RULES, T0)).toBe(false);
    expect(isDueBooking(booked(1, T0 - 60 * MINUTE), RULES, T0)).toBe(true);
  });

  it('follows the configured window, down to zero', () => {
    const rules = { ...RULES, dueWindowMinutes: 0 };
    expect(isDueBooking(booked(1, T0), rules, T0)).toBe(true);
    expect(isDueBooking(booked(1, T0 + 1), rules, T0)).toBe(false);
    expect(isDueBooking(booked(1, T0 + 40 * MINUTE), { ...RULES, dueWindowMinutes: 40 }, T0)).toBe(true);
  });

  it('never counts a walk-in or a booking without a time', () => {
    expect(isDueBooking(makeVisit(1, { appointmentAt: T0 }), RULES, T0)).toBe(false);
    expect(isDueBooking({ ...booked(1, T0), appointmentAt: null }, RULES, T0)).toBe(false);
  });

  it('puts a due booking in the priority class only while the rule is on', () => {
    const due = entry(booked(1, T0));
    expect(priorityClass(due, RULES, T0)).toBe(0);
    expect(priorityClass(due, { ...RULES, dueBookingsFirst: false }, T0)).toBe(1);
    expect(priorityClass(entry(booked(2, T0 + 60 * MINUTE)), RULES, T0)).toBe(1);
  });
});

describe('compareEntries and stationQueue', () => {
  it('orders by class, then queuedAt, then ticket', () => {
    const early = entry(makeVisit(1, { queuedAt: T0 }));
    const late = entry(makeVisit(2, { queuedAt: T0 + MINUTE }));
    const lateHanded = entry(handed(3, T0 + 2 * MINUTE));
    expect(compareEntries(early, late, RULES, T0)).toBeLessThan(0);
    expect(compareEntries(late, early, RULES, T0)).toBeGreaterThan(0);
    expect(compareEntries(lateHanded, early, RULES, T0)).toBeLessThan(0);
    const sameTimeA = entry(makeVisit(7, { queuedAt: T0 }));
    const sameTimeB = entry(makeVisit(4, { queuedAt: T0 }));
    expect(compareEntries(sameTimeA, sameTimeB, RULES, T0)).toBeGreaterThan(0);
  });

  it('lists only waiting active steps at the station, in call order', () => {
    const state = stateWith([
      makeVisit(1, { queuedAt: T0 + 3 * MINUTE }),
      makeVisit(2, { queuedAt: T0 + 1 * MINUTE }),
      handed(3, T0 + 5 * MINUTE),
      booked(4, T0 + 10 * MINUTE, T0 + 4 * MINUTE),
      booked(5, T0 + 90 * MINUTE, T0 + 2 * MINUTE),
      makeVisit(6, { queuedAt: T0, step: { status: 'called', deskId: 'mv-1' } }),
      makeVisit(7, { queuedAt: T0, stationId: 'af' }),
      makeVisit(8, { queuedAt: T0, status: 'cancelled', current: null }),
    ]);
    // B004 is due (09:10 − 15 min), W003 handed over; both before the walk-ins and the early booking.
    expect(tickets(stationQueue(state, 'mv', T0 + 5 * MINUTE))).toEqual([
      'B004',
      'W003',
      'W002',
      'B005',
      'W001',
    ]);
    expect(tickets(stationQueue(state, 'af', T0))).toEqual(['W007']);
  });

  it('re-orders as time makes a booking due, and ignores switched-off rules', () => {
    const visits = [makeVisit(1, { queuedAt: T0 }), booked(2, T0 + 30 * MINUTE, T0 + MINUTE)];
    const state = stateWith(visits);
    expect(tickets(stationQueue(state, 'mv', T0 + 14 * MINUTE))).toEqual(['W001', 'B002']);
    expect(tickets(stationQueue(state, 'mv', T0 + 15 * MINUTE))).toEqual(['B002', 'W001']);
    const off = testConfig({ queueRules: { ...RULES, dueBookingsFirst: false } });
    expect(tickets(stationQueue(stateWith(visits, [], off), 'mv', T0 + 15 * MINUTE))).toEqual([
      'W001',
      'B002',
    ]);
  });

  it('computes a state’s queue once per station and time, and hands each caller its own list', () => {
    const state = stateWith([makeVisit(1, { queuedAt: T0 }), makeVisit(2, { queuedAt: T0 + MINUTE })]);
    const first = stationQueue(state, 'mv', T0);
    first.reverse();
    const second = stationQueue(state, 'mv', T0);
    expect(second).not.toBe(first);
    expect(tickets(second)).toEqual(['W001', 'W002']);
    expect(second[0]).toBe(first[1]);
    expect(tickets(stationQueue(stateWith([makeVisit(3, { queuedAt: T0 })]), 'mv', T0))).toEqual(['W003']);
  });
});

describe('the named desk', () => {
  const visits = [
    makeVisit(1, { queuedAt: T0 }),
    makeVisit(2, { queuedAt: T0 + MINUTE, step: { targetDeskId: 'mv-1' } }),
    makeVisit(3, { queuedAt: T0 + 2 * MINUTE, step: { targetDeskId: 'mv-2' } }),
    makeVisit(4, { queuedAt: T0 + 3 * MINUTE }),
  ];
  const state = stateWith(visits);

  it('has its personal queue', () => {
    expect(tickets(deskQueue(state, 'mv-1', T0))).toEqual(['W002']);
    expect(tickets(deskQueue(state, 'af-1', T0))).toEqual([]);
    expect(deskQueue(state, 'nowhere', T0)).toEqual([]);
  });

  it('calls its personal queue first; other desks skip it', () => {
    expect(nextForDesk(state, 'mv-1', T0)?.visit.ticket).toBe('W002');
    expect(nextForDesk(state, 'mv-2', T0)?.visit.ticket).toBe('W003');
    const noPersonal = stateWith([
      makeVisit(1, { queuedAt: T0, step: { targetDeskId: 'mv-2' } }),
      makeVisit(2, { queuedAt: T0 + MINUTE }),
    ]);
    expect(nextForDesk(noPersonal, 'mv-1', T0)?.visit.ticket).toBe('W002');
    expect(nextForDesk(stateWith([makeVisit(1, { step: { targetDeskId: 'mv-2' } })]), 'mv-1', T0)).toBe(
      undefined,
    );
    expect(nextForDesk(state, 'nowhere', T0)).toBeUndefined();
  });

  it('gives positions within the personal or the open queue', () => {
    expect(visits.map((v) => queuePosition(state, v, T0))).toEqual([0, 0, 0, 1]);
  });
});

describe('queuePosition', () => {
  it('counts those ahead in call order; null unless waiting', () => {
    const visits = [
      makeVisit(1, { queuedAt: T0 + 2 * MINUTE }),
      makeVisit(2, { queuedAt: T0 }),
      handed(3, T0 + 5 * MINUTE),
      makeVisit(4, { step: { status: 'serving', deskId: 'mv-1' } }),
      makeVisit(5, { status: 'registered', current: null }),
    ];
    const state = stateWith(visits);
    expect(visits.map((v) => queuePosition(state, v, T0))).toEqual([2, 1, 0, null, null]);
  });
});

describe('desksOpen', () => {
  it('counts signed-in desks of the station only', () => {
    const state = stateWith([], ['af-1', 'af-2', 'mv-1']);
    expect(desksOpen(state, 'af')).toBe(2);
    expect(desksOpen(state, 'mv')).toBe(1);
    expect(desksOpen(state, 'kommun')).toBe(0);
  });
});

describe('visitsAtDesk and deskIsBusy', () => {
  it('holds called, serving and parked visits; only the first two make it busy', () => {
    const called = stateWith([makeVisit(1, { step: { status: 'called', deskId: 'mv-1' } })]);
    const serving = stateWith([makeVisit(1, { step: { status: 'serving', deskId: 'mv-1' } })]);
    const parked = stateWith([makeVisit(1, { step: { status: 'parked', deskId: 'mv-1' } })]);
    expect([called, serving, parked].map((s) => deskIsBusy(s, 'mv-1'))).toEqual([true, true, false]);
    expect(visitsAtDesk(parked, 'mv-1').map((v) => v.ticket)).toEqual(['W001']);
    expect(visitsAtDesk(parked, 'mv-2')).toEqual([]);
    expect(deskIsBusy(called, 'mv-2')).toBe(false);
    const ended = stateWith([
      makeVisit(1, { status: 'cancelled', step: { status: 'serving', deskId: 'mv-1' } }),
    ]);
    expect(visitsAtDesk(ended, 'mv-1')).toEqual([]);
  });
});

/** Visits with one done AF step each, served for `minutes[i]` and ended at T0 + ends[i] minutes. */
function served(minutes: readonly number[], ends: readonly number[] = minutes.map((_, i) => i + 100)) {
  return minutes.map((m, i) =>
    makeVisit(i + 1, {
      stationId: 'af',
      status: 'registered',
      current: null,
      step: {
        status: 'done',
        startedAt: T0 + (ends[i]! - m) * MINUTE,
        endedAt: T0 + ends[i]! * MINUTE,
      },
    }),
  );
}

describe('rollingMedianServiceMinutes', () => {
  it("uses the station's default below three samples", () => {
    expect(rollingMedianServiceMinutes(stateWith([]), 'af')).toBe(45);
    expect(rollingMedianServiceMinutes(stateWith(served([10, 12])), 'af')).toBe(45);
    expect(rollingMedianServiceMinutes(stateWith(served([10, 12])), 'mv')).toBe(30);
    expect(rollingMedianServiceMinutes(stateWith([]), 'nowhere')).toBe(15);
  });

  it('takes the middle of an odd count and the mean of the middle two of an even count', () => {
    expect(rollingMedianServiceMinutes(stateWith(served([30, 10, 20])), 'af')).toBe(20);
    expect(rollingMedianServiceMinutes(stateWith(served([30, 10, 20, 5])), 'af')).toBe(15);
  });

  it('looks at the last 20 services only, by end time', () => {
    // Twenty recent services (10 × 5 min, 10 × 7 min) and one long one that ended before them all;
    // with it the median would be 7 (21 values), without it (5 + 7) / 2 = 6.
    const minutes = [...Array<number>(10).fill(5), 1000, ...Array<number>(10).fill(7)];
    const ends = minutes.map((_, i) => (i === 10 ? 1000 : 2000 + i));
    expect(rollingMedianServiceMinutes(stateWith(served(minutes, ends)), 'af')).toBe(6);
  });

  it('ignores steps that are not done, not started, or at another station', () => {
    const noise = [
      makeVisit(10, { stationId: 'af', step: { status: 'skipped', startedAt: T0, endedAt: T0 + MINUTE } }),
      makeVisit(11, { stationId: 'af', step: { status: 'done', startedAt: null, endedAt: T0 + MINUTE } }),
      makeVisit(12, { stationId: 'mv', step: { status: 'done', startedAt: T0, endedAt: T0 + MINUTE } }),
    ];
    expect(rollingMedianServiceMinutes(stateWith([...served([10, 20]), ...noise]), 'af')).toBe(45);
  });
});

describe('estimatedWaitMinutes', () => {
  it('is position × median ÷ desks open, rounded up', () => {
    expect(estimatedWaitMinutes(stateWith([], ['af-1', 'af-2']), 'af', 3)).toBe(68); // 3 × 45 / 2 = 67.5
    expect(estimatedWaitMinutes(stateWith([], ['af-1']), 'af', 3)).toBe(135);
    expect(estimatedWaitMinutes(stateWith(served([30, 10, 20]), ['af-1']), 'af', 2)).toBe(40);
    expect(estimatedWaitMinutes(stateWith([], ['af-1']), 'af', 0)).toBe(0);
  });

  it('is null while no desk of the station is open', () => {
    expect(estimatedWaitMinutes(stateWith([], ['mv-1']), 'af', 3)).toBeNull();
  });
});

describe('noShowAllowed and recallAllowed', () => {
  const config = testConfig({ noShowRecallLimit: 2, recallPauseSeconds: 15 });

  it('allows a no-show only for a called step recalled N times', () => {
    expect(noShowAllowed(makeStep('mv', { status: 'called', recalls: 1 }), config)).toBe(false);
    expect(noShowAllowed(makeStep('mv', { status: 'called', recalls: 2 }), config)).toBe(true);
    expect(noShowAllowed(makeStep('mv', { status: 'serving', recalls: 5 }), config)).toBe(false);
    expect(noShowAllowed(makeStep('mv', { status: 'called' }), { ...config, noShowRecallLimit: 0 })).toBe(
      true,
    );
  });

  it('allows a recall of a called step once the pause has passed', () => {
    const step = makeStep('mv', { status: 'called', lastCalledAt: T0 });
    expect(recallAllowed(step, config, T0 + 14_999)).toBe(false);
    expect(recallAllowed(step, config, T0 + 15_000)).toBe(true);
    expect(recallAllowed({ ...step, status: 'serving' }, config, T0 + MINUTE)).toBe(false);
    expect(recallAllowed(step, { ...config, recallPauseSeconds: 0 }, T0)).toBe(true);
  });
});

describe('handoverTargets', () => {
  const chain = ['mv', 'af', 'skv-fk', 'kommun'];
  const journey = (statuses: readonly string[], current: number | null) =>
    makeVisit(1, {
      current,
      steps: chain.map((id, i) => makeStep(id, { status: statuses[i] as 'pending' })),
    });

  it('offers every pending station after the first step', () => {
    const targets = handoverTargets(stateWith([]), journey(['serving', 'pending', 'pending', 'pending'], 0));
    expect(targets.next).toBe('af');
    expect(targets.stations).toEqual(['af', 'skv-fk', 'kommun']);
    expect(targets.desks).toEqual(['af-1', 'af-2', 'skv-fk-1', 'skv-fk-2', 'kommun-1', 'kommun-2']);
  });

  it('prefers the next pending station after the current one, then wraps around', () => {
    const state = stateWith([]);
    const atSkv = handoverTargets(state, journey(['done', 'pending', 'serving', 'pending'], 2));
    expect(atSkv.next).toBe('kommun');
    expect(atSkv.stations).toEqual(['af', 'kommun']);
    const atKommun = handoverTargets(state, journey(['done', 'pending', 'done', 'serving'], 3));
    expect(atKommun.next).toBe('af');
    expect(atKommun.desks).toEqual(['af-1', 'af-2']);
  });

  it('offers nothing when only done or skipped steps are left', () => {
    const targets = handoverTargets(stateWith([]), journey(['done', 'skipped', 'done', 'serving'], 3));
    expect(targets).toEqual({ next: null, stations: [], desks: [], passedByRule: [] });
  });
});
