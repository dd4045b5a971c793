import { describe, expect, it } from 'vitest';
import { queuePosition, stationQueue } from '../../../shared/queue.js';
import {
  actors,
  DomainDriver,
  eventTypes,
  expectRefused,
  MINUTE,
  serveNext,
  T0,
} from '../../helpers/domain.js';

const DESKS = ['mv-1', 'af-1', 'af-2', 'skv-fk-1', 'kommun-1'];
const mv1 = actors.desk('mv-1');
const af1 = actors.desk('af-1');
const af2 = actors.desk('af-2');
const skv1 = actors.desk('skv-fk-1');
const kommun1 = actors.desk('kommun-1');

/** An office with a desk open at every station and one walk-in being served at MV. */
function servedAtMv(options: { consent?: boolean } = {}) {
  const o = new DomainDriver();
  for (const desk of DESKS) o.signIn(desk);
  o.walkIn(options);
  const visitId = serveNext(o, 'mv-1');
  return { o, visitId };
}

const statuses = (o: DomainDriver, visitId: string) => o.visit(visitId).steps.map((s) => s.status);

describe('visit:hand_over to the next station', () => {
  it('completes the step and queues the visit at the next station as handed over', () => {
    const { o, visitId } = servedAtMv();
    o.advance(20 * MINUTE);
    const decision = o.run(mv1, 'visit:hand_over', { visitId, to: { kind: 'next' }, outcome: 'follow_up' });
    expect(decision.events).toEqual([
      { type: 'step_completed', visitId, stationId: 'mv', outcome: 'follow_up' },
      { type: 'handed_over', visitId, fromStationId: 'mv', toStationId: 'af', toDeskId: null, warm: true },
    ]);
    const visit = o.visit(visitId);
    expect(visit.current).toBe(1);
    expect(visit.steps[0]).toMatchObject({
      status: 'done',
      outcome: 'follow_up',
      endedAt: o.now,
      deskId: 'mv-1',
    });
    expect(visit.steps[1]).toMatchObject({
      status: 'waiting',
      queuedAt: o.now,
      cameFrom: 'mv',
      targetDeskId: null,
    });
  });

  it('puts the handed-over visit before an earlier fresh arrival at that station', () => {
    const { o, visitId } = servedAtMv();
    // A fresh arrival at AF: checked in when the chain started there (built by hand).
    const fresh = o.walkIn();
    const v = o.visit(fresh.visitId);
    const steps = [
      { ...v.steps[1]!, status: 'waiting' as const, queuedAt: T0 },
      ...v.steps.slice(2),
      { ...v.steps[0]!, status: 'pending' as const, queuedAt: null },
    ];
    o.state = { ...o.state, visits: o.state.visits.set(v.id, { ...v, steps, current: 0 }) };
    o.advance(30 * MINUTE);
    o.run(mv1, 'visit:hand_over', { visitId, to: { kind: 'next' }, outcome: 'done' });
    expect(stationQueue(o.state, 'af', o.now).map((e) => e.visit.id)).toEqual([visitId, fresh.visitId]);
  });

  it('may hand over from called and from parked, not from waiting', () => {
    const { o, visitId } = servedAtMv();
    o.run(mv1, 'visit:park', { visitId });
    o.run(mv1, 'visit:hand_over', { visitId, to: { kind: 'next' }, outcome: 'done' });
    expect(o.step(visitId)?.stationId).toBe('af');
    const af = o.run(af1, 'queue:call_next', {});
    expect(af.result).toMatchObject({ visitId });
    o.run(af1, 'visit:hand_over', { visitId, to: { kind: 'next' }, outcome: 'incomplete' });
    expect(o.visit(visitId).steps[1]).toMatchObject({
      status: 'done',
      outcome: 'incomplete',
      startedAt: null,
    });
    expectRefused(
      o,
      skv1,
      'visit:hand_over',
      { visitId, to: { kind: 'next' }, outcome: 'done' },
      'INVALID_TRANSITION',
    );
  });

  it('refuses "next" on the last station: complete the visit instead', () => {
    const { o, visitId } = servedAtMv();
    for (const [desk, next] of [
      ['mv-1', 'af-1'],
      ['af-1', 'skv-fk-1'],
      ['skv-fk-1', 'kommun-1'],
    ] as const) {
      o.run(actors.desk(desk), 'visit:hand_over', { visitId, to: { kind: 'next' }, outcome: 'done' });
      serveNext(o, next);
    }
    const payload = { visitId, to: { kind: 'next' }, outcome: 'done' } as const;
    expectRefused(o, kommun1, 'visit:hand_over', payload, 'NO_NEXT_STATION');
  });
});

describe('visit:hand_over to a chosen station', () => {
  it('goes out of order; the steps in between stay pending and are done later', () => {
    const { o, visitId } = servedAtMv();
    o.run(mv1, 'visit:hand_over', { visitId, to: { kind: 'station', stationId: 'skv-fk' }, outcome: 'done' });
    expect(statuses(o, visitId)).toEqual(['done', 'pending', 'waiting', 'pending']);
    serveNext(o, 'skv-fk-1');
    o.run(skv1, 'visit:hand_over', { visitId, to: { kind: 'next' }, outcome: 'done' });
    expect(o.step(visitId)?.stationId).toBe('kommun');
    serveNext(o, 'kommun-1');
    const refusal = expectRefused(
      o,
      kommun1,
      'visit:complete',
      { visitId, outcome: 'done' },
      'JOURNEY_NOT_FINISHED',
    );
    expect(refusal.details).toEqual({ left: ['af'] });
    o.run(kommun1, 'visit:hand_over', { visitId, to: { kind: 'next' }, outcome: 'done' });
    expect(o.step(visitId)).toMatchObject({ stationId: 'af', cameFrom: 'kommun', status: 'waiting' });
    serveNext(o, 'af-1');
    const done = o.run(af1, 'visit:complete_step', { visitId, outcome: 'done' });
    expect(eventTypes(done)).toEqual(['step_completed', 'visit_completed']);
    expect(o.visit(visitId)).toMatchObject({ status: 'registered', current: null, endedAt: o.now });
  });

  it('refuses a station the visit has no step left at', () => {
    const { o, visitId } = servedAtMv();
    for (const stationId of ['mv', 'nowhere'])
      expectRefused(
        o,
        mv1,
        'visit:hand_over',
        { visitId, to: { kind: 'station', stationId }, outcome: 'done' },
        'UNKNOWN_STATION',
      );
  });
});

describe('visit:hand_over to a named desk', () => {
  it("puts the visit at the front of that desk's personal queue; other desks skip it", () => {
    const o = new DomainDriver();
    for (const desk of DESKS) o.signIn(desk);
    const other = o.walkIn();
    const named = o.walkIn();
    serveNext(o, 'mv-1');
    o.run(mv1, 'visit:hand_over', { visitId: other.visitId, to: { kind: 'next' }, outcome: 'done' });
    o.advance(MINUTE);
    serveNext(o, 'mv-1');
    const to = { kind: 'desk', deskId: 'af-2' } as const;
    o.run(mv1, 'visit:hand_over', { visitId: named.visitId, to, outcome: 'done' });
    expect(o.step(named.visitId)).toMatchObject({
      stationId: 'af',
      status: 'waiting',
      targetDeskId: 'af-2',
      cameFrom: 'mv',
    });
    expect(o.log.at(-1)?.event).toMatchObject({ type: 'handed_over', toDeskId: 'af-2', warm: true });
    expect(queuePosition(o.state, o.visit(named.visitId), o.now)).toBe(0);
    // AF 2 calls its personal queue first, although the other visit has waited longer.
    expect(o.run(af2, 'queue:call_next', {}).result).toMatchObject({ visitId: named.visitId });
    o.run(af2, 'visit:return_to_queue', { visitId: named.visitId });
    expect(o.step(named.visitId)?.targetDeskId).toBe('af-2');
    // AF 1 skips AF 2's personal queue.
    expect(o.run(af1, 'queue:call_next', {}).result).toMatchObject({ visitId: other.visitId });
    o.run(af1, 'visit:start', { visitId: other.visitId });
    o.run(af1, 'visit:park', { visitId: other.visitId });
    expectRefused(o, af1, 'queue:call_next', {}, 'QUEUE_EMPTY');
  });

  it('refuses an unknown desk and a desk of a station already passed', () => {
    const { o, visitId } = servedAtMv();
    expectRefused(
      o,
      mv1,
      'visit:hand_over',
      { visitId, to: { kind: 'desk', deskId: 'nowhere' }, outcome: 'done' },
      'UNKNOWN_DESK',
    );
    expectRefused(
      o,
      mv1,
      'visit:hand_over',
      { visitId, to: { kind: 'desk', deskId: 'mv-2' }, outcome: 'done' },
      'UNKNOWN_STATION',
    );
  });
});

describe('visit:hand_over with a note', () => {
  it('adds the note before the handover', () => {
    const { o, visitId } = servedAtMv({ consent: true });
    const note = { text: 'Needs the AF officer who speaks Tigrinya', visibility: 'shared' as const };
    const decision = o.run(mv1, 'visit:hand_over', { visitId, to: { kind: 'next' }, outcome: 'done', note });
    expect(eventTypes(decision)).toEqual(['note_added', 'step_completed', 'handed_over']);
    expect(o.state.notes.get(visitId)).toEqual([
      expect.objectContaining({
        text: note.text,
        visibility: 'shared',
        agency: 'MV',
        stationId: 'mv',
        deskId: 'mv-1',
        officer: 'Officer mv-1',
        at: o.now,
      }),
    ]);
  });

  it('refuses a shared note without consent, handing nothing over', () => {
    const { o, visitId } = servedAtMv({ consent: false });
    const note = { text: 'secret', visibility: 'shared' as const };
    expectRefused(
      o,
      mv1,
      'visit:hand_over',
      { visitId, to: { kind: 'next' }, outcome: 'done', note },
      'CONSENT_REQUIRED',
    );
    expect(o.step(visitId)?.stationId).toBe('mv');
    o.run(mv1, 'visit:hand_over', {
      visitId,
      to: { kind: 'next' },
      outcome: 'done',
      note: { ...note, visibility: 'agency' },
    });
    expect(o.state.notes.get(visitId)?.map((n) => n.visibility)).toEqual(['agency']);
  });
});

describe('an interpreter follows the visit', () => {
  function withInterpreter() {
    const { o, visitId } = servedAtMv();
    const { interpreterId } = o.run(actors.admin, 'interpreter:add', {
      language: 'ar',
      mode: 'onsite',
      name: 'Tolk T',
    }).result as { interpreterId: string };
    o.run(mv1, 'interpreter:attach', { interpreterId, visitId });
    return { o, visitId, interpreterId };
  }

  it('across handovers, and is released when the visit is registered', () => {
    const { o, visitId, interpreterId } = withInterpreter();
    for (const [actor, next] of [
      [mv1, 'af-1'],
      [af1, 'skv-fk-1'],
      [skv1, 'kommun-1'],
    ] as const) {
      o.run(actor, 'visit:hand_over', { visitId, to: { kind: 'next' }, outcome: 'done' });
      expect(o.visit(visitId).interpreterId).toBe(interpreterId);
      expect(o.state.interpreters[interpreterId]?.visitId).toBe(visitId);
      serveNext(o, next);
    }
    const done = o.run(kommun1, 'visit:complete', { visitId, outcome: 'done' });
    expect(done.events).toEqual([
      { type: 'step_completed', visitId, stationId: 'kommun', outcome: 'done' },
      { type: 'visit_completed', visitId },
      { type: 'interpreter_released', interpreterId, visitId },
    ]);
    expect(o.visit(visitId).interpreterId).toBeNull();
    expect(o.state.interpreters[interpreterId]?.visitId).toBeNull();
  });

  it('and is released when reception cancels the visit', () => {
    const { o, visitId, interpreterId } = withInterpreter();
    const cancelled = o.run(actors.reception, 'visit:cancel', { visitId, reason: 'visitor_left' });
    expect(eventTypes(cancelled)).toEqual(['visit_cancelled', 'interpreter_released']);
    expect(o.state.interpreters[interpreterId]?.visitId).toBeNull();
    expect(o.visit(visitId)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'visitor_left',
      current: null,
    });
  });
});

describe('visit:complete_step', () => {
  it('moves the visit on, unwarmed, to the next station', () => {
    const { o, visitId } = servedAtMv();
    const decision = o.run(mv1, 'visit:complete_step', { visitId, outcome: 'done' });
    expect(decision.events[1]).toEqual({
      type: 'handed_over',
      visitId,
      fromStationId: 'mv',
      toStationId: 'af',
      toDeskId: null,
      warm: false,
    });
    expect(statuses(o, visitId)).toEqual(['done', 'waiting', 'pending', 'pending']);
  });

  it('registers the visit on the last step', () => {
    const { o, visitId } = servedAtMv();
    for (const desk of ['af-1', 'skv-fk-1', 'kommun-1']) {
      o.run(actors.desk(o.step(visitId)!.deskId!), 'visit:complete_step', { visitId, outcome: 'done' });
      serveNext(o, desk);
    }
    expect(eventTypes(o.run(kommun1, 'visit:complete_step', { visitId, outcome: 'done' }))).toEqual([
      'step_completed',
      'visit_completed',
    ]);
    expect(o.visit(visitId).status).toBe('registered');
  });

  it('needs the visit to be served', () => {
    const o = new DomainDriver();
    o.signIn('mv-1');
    const { visitId } = o.walkIn();
    o.run(mv1, 'queue:call_next', {});
    expectRefused(o, mv1, 'visit:complete_step', { visitId, outcome: 'done' }, 'INVALID_TRANSITION');
    expectRefused(o, mv1, 'visit:complete', { visitId, outcome: 'done' }, 'INVALID_TRANSITION');
  });
});

describe('visit:complete', () => {
  it('refuses while stations are left, naming them', () => {
    const { o, visitId } = servedAtMv();
    const error = expectRefused(
      o,
      mv1,
      'visit:complete',
      { visitId, outcome: 'done' },
      'JOURNEY_NOT_FINISHED',
    );
    expect(error.details).toEqual({ left: ['af', 'skv-fk', 'kommun'] });
  });

  it('registers the visit once the other steps are skipped', () => {
    const { o, visitId } = servedAtMv();
    for (const stationId of ['af', 'skv-fk', 'kommun'])
      o.run(actors.reception, 'visit:skip_step', { visitId, stationId, reason: 'not_needed' });
    o.run(mv1, 'visit:complete', { visitId, outcome: 'done' });
    expect(statuses(o, visitId)).toEqual(['done', 'skipped', 'skipped', 'skipped']);
    expect(o.visit(visitId).status).toBe('registered');
  });
});

describe('visit:add_note and visit:set_checklist_item', () => {
  it('adds a note of the desk’s agency and returns its id', () => {
    const { o, visitId } = servedAtMv({ consent: false });
    const decision = o.run(mv1, 'visit:add_note', {
      visitId,
      note: { text: 'UT-kort beställt', visibility: 'agency' },
    });
    const noteId = (decision.result as { noteId: string }).noteId;
    expect(o.state.notes.get(visitId)).toEqual([
      {
        id: noteId,
        visitId,
        at: o.now,
        text: 'UT-kort beställt',
        visibility: 'agency',
        agency: 'MV',
        stationId: 'mv',
        deskId: 'mv-1',
        officer: 'Officer mv-1',
      },
    ]);
    expectRefused(
      o,
      mv1,
      'visit:add_note',
      { visitId, note: { text: 'x', visibility: 'shared' } },
      'CONSENT_REQUIRED',
    );
  });

  it('refuses a note on a visit the desk does not hold', () => {
    const o = new DomainDriver();
    o.signIn('mv-1');
    const { visitId } = o.walkIn();
    expectRefused(
      o,
      mv1,
      'visit:add_note',
      { visitId, note: { text: 'x', visibility: 'agency' } },
      'INVALID_TRANSITION',
    );
  });

  it('ticks an item of the station’s checklist', () => {
    const { o, visitId } = servedAtMv();
    o.run(mv1, 'visit:set_checklist_item', { visitId, itemId: 'ut-card', checked: true });
    o.run(mv1, 'visit:set_checklist_item', { visitId, itemId: 'decision-served', checked: false });
    expect(o.step(visitId)?.checklist).toEqual({ 'ut-card': true, 'decision-served': false });
  });

  it('refuses an item the station does not have', () => {
    const { o, visitId } = servedAtMv();
    for (const itemId of ['nonsense', 'mapping'])
      expectRefused(
        o,
        mv1,
        'visit:set_checklist_item',
        { visitId, itemId, checked: true },
        'VALIDATION_FAILED',
      );
  });
});
