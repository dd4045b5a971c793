import { describe, expect, it } from 'vitest';
import { apply, applyAll } from '../../../shared/apply.js';
import { decideStartDay } from '../../../shared/decide/index.js';
import { SYSTEM_ACTOR, visitIdOf, type DomainEvent, type EventEnvelope } from '../../../shared/events.js';
import { idMap, initialState, type OfficeState } from '../../../shared/state.js';
import {
  actors,
  appointmentRow,
  applySystemEvents,
  checkInBooked,
  DAY,
  DomainDriver,
  importAppointments,
  makeVisit,
  MINUTE,
  serveNext,
  T0,
  UNKNOWN_ID,
} from '../../helpers/domain.js';

const envelope = (event: DomainEvent, at = T0): EventEnvelope => ({
  seq: 1,
  at,
  commandId: 'system',
  actor: SYSTEM_ACTOR,
  event,
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** A day with most of what can happen in it, ending with the turn to the next day. */
function busyOffice(turnDay = true) {
  const o = new DomainDriver();
  for (const desk of ['mv-1', 'mv-2', 'af-1', 'skv-fk-1', 'kommun-1']) o.signIn(desk);
  importAppointments(o, [appointmentRow('AB1001'), appointmentRow('AB1002', { time: '11:00' })]);
  const booked = checkInBooked(o, 'ab 1001');
  const walkIn = o.walkIn({ consent: true });
  const late = o.walkIn({ consent: false });
  const interpreterId = (
    o.run(actors.admin, 'interpreter:add', { language: 'ar', mode: 'onsite', name: 'T' }).result as {
      interpreterId: string;
    }
  ).interpreterId;
  const mv1 = actors.desk('mv-1');
  serveNext(o, 'mv-1');
  o.run(mv1, 'interpreter:attach', { interpreterId, visitId: booked.visitId });
  o.run(mv1, 'visit:set_checklist_item', { visitId: booked.visitId, itemId: 'ut-card', checked: true });
  o.run(mv1, 'visit:set_household', {
    visitId: booked.visitId,
    adults: 1,
    children: 1,
    members: [{ name: 'Amal', birthDate: null, kind: 'child' }],
  });
  o.advance(20 * MINUTE);
  o.run(mv1, 'visit:hand_over', {
    visitId: booked.visitId,
    to: { kind: 'desk', deskId: 'af-1' },
    outcome: 'done',
    note: { text: 'shared note', visibility: 'shared' },
  });
  o.run(actors.desk('mv-2'), 'queue:call_next', {});
  o.advance(MINUTE);
  o.run(actors.desk('mv-2'), 'visit:recall', { visitId: walkIn.visitId });
  o.run(actors.desk('mv-2'), 'visit:return_to_queue', { visitId: walkIn.visitId });
  o.run(actors.reception, 'visit:update', { visitId: late.visitId, language: 'en' });
  o.run(actors.reception, 'visit:skip_step', { visitId: late.visitId, stationId: 'af', reason: 'age_rule' });
  o.run(actors.reception, 'visit:cancel', { visitId: late.visitId, reason: 'visitor_left' });
  serveNext(o, 'af-1');
  o.advance(30 * MINUTE);
  o.run(actors.desk('af-1'), 'visit:complete_step', { visitId: booked.visitId, outcome: 'follow_up' });
  if (turnDay) {
    o.advance(24 * 60 * MINUTE);
    applySystemEvents(o, decideStartDay(o.state, '2026-11-24'));
    o.walkIn();
  }
  return { o, booked, walkIn, late, interpreterId };
}

describe('replaying the log', () => {
  it.each([false, true])('from the initial state reproduces the state (day turned: %s)', (turnDay) => {
    const { o } = busyOffice(turnDay);
    expect(o.log.length).toBeGreaterThan(25);
    expect(applyAll(initialState(o.state.config, DAY), o.log)).toEqual(o.state);
  });

  it('never mutates the state it is given', () => {
    const { o } = busyOffice();
    let state: OfficeState = deepFreeze(initialState(o.state.config, DAY));
    for (const e of o.log) state = deepFreeze(apply(state, deepFreeze(e)));
    expect(state).toEqual(o.state);
  });
});

describe('structural sharing', () => {
  it('keeps the identity of everything an event does not touch', () => {
    const o = new DomainDriver();
    o.signIn('mv-1');
    const a = o.walkIn();
    const b = o.walkIn();
    const before = o.state;
    o.run(actors.desk('mv-1'), 'queue:call_next', {});
    const after = o.state;
    expect(after).not.toBe(before);
    expect(after.visits.get(a.visitId)).not.toBe(before.visits.get(a.visitId));
    expect(after.visits.get(b.visitId)).toBe(before.visits.get(b.visitId));
    for (const key of ['config', 'privateData', 'notes', 'appointments', 'interpreters', 'desks'] as const)
      expect(after[key], key).toBe(before[key]);
    const [first, ...rest] = after.visits.get(a.visitId)!.steps;
    expect(first).not.toBe(before.visits.get(a.visitId)!.steps[0]);
    rest.forEach((step, i) => expect(step).toBe(before.visits.get(a.visitId)!.steps[i + 1]));
  });
});

describe('totality', () => {
  const visitId = UNKNOWN_ID;
  const aboutUnknownVisit: DomainEvent[] = [
    { type: 'visit_updated', visitId, consent: true },
    { type: 'household_set', visitId, adults: 1, children: 0, members: [] },
    { type: 'called', visitId, stationId: 'mv', deskId: 'mv-1' },
    { type: 'recalled', visitId, deskId: 'mv-1' },
    { type: 'serving_started', visitId, deskId: 'mv-1' },
    { type: 'returned_to_queue', visitId, stationId: 'mv' },
    { type: 'parked', visitId, deskId: 'mv-1' },
    { type: 'no_show', visitId, stationId: 'mv' },
    { type: 'reinstated', visitId, stationId: 'mv' },
    { type: 'note_added', visitId, noteId: visitId },
    { type: 'checklist_item_set', visitId, stationId: 'mv', itemId: 'ut-card', checked: true },
    { type: 'handed_over', visitId, fromStationId: 'mv', toStationId: 'af', toDeskId: null, warm: true },
    { type: 'step_completed', visitId, stationId: 'mv', outcome: 'done' },
    { type: 'step_skipped', visitId, stationId: 'af', reason: 'age_rule' },
    { type: 'visit_completed', visitId },
    { type: 'visit_cancelled', visitId, reason: 'other' },
    { type: 'interpreter_released', interpreterId: visitId, visitId },
  ];

  it.each(aboutUnknownVisit.map((e) => [e.type, e] as const))(
    'ignores %s about an unknown visit',
    (_, event) => {
      const { o } = busyOffice(false);
      const before = o.state;
      expect(apply(before, envelope(event))).toBe(before);
    },
  );

  it('ignores a staff-screen event whose personal part was stripped', () => {
    const { o, booked } = busyOffice(false);
    const before = o.state;
    expect(apply(before, envelope({ type: 'appointments_imported', day: DAY, count: 3 }))).toBe(before);
    const stripped = { type: 'note_added', visitId: booked.visitId, noteId: UNKNOWN_ID } as const;
    expect(apply(before, envelope(stripped))).toBe(before);
    const household = { type: 'household_set', visitId: booked.visitId, adults: 2, children: 1 } as const;
    expect(apply(before, envelope(household)).privateData).toBe(before.privateData);
  });

  it('ignores a handover to a station the visit has no step at, and an unknown interpreter', () => {
    const { o, walkIn } = busyOffice(false);
    const before = o.state;
    const event = {
      type: 'handed_over',
      visitId: walkIn.visitId,
      fromStationId: 'mv',
      toStationId: 'pm',
      toDeskId: null,
      warm: true,
    } as const;
    expect(apply(before, envelope(event))).toEqual(before);
    expect(apply(before, envelope({ type: 'interpreter_removed', interpreterId: UNKNOWN_ID }))).toEqual(
      before,
    );
  });

  // BUG (shared/apply.ts, case 'note_added'): a note about a visit the state does not hold is
  // still stored, creating `notes[<unknown id>]`; apply's contract says such events change nothing.
  it('ignores a full note_added about an unknown visit', () => {
    const { o } = busyOffice(false);
    const before = o.state;
    const note = { ...o.state.notes.first()![0]!, visitId };
    expect(apply(before, envelope({ type: 'note_added', visitId, noteId: note.id, note }))).toBe(before);
  });

  // BUG (shared/apply.ts, case 'interpreter_attached'): attaching a known interpreter to an
  // unknown visit leaves the visit map alone but marks the interpreter busy with a visit that
  // does not exist (so interpreter:remove/attach then refuse with INTERPRETER_BUSY).
  it('ignores interpreter_attached about an unknown visit', () => {
    const o = new DomainDriver();
    o.run(actors.admin, 'interpreter:add', { language: 'ar', mode: 'onsite', name: 'T' });
    const before = o.state;
    const interpreterId = Object.keys(before.interpreters)[0]!;
    expect(apply(before, envelope({ type: 'interpreter_attached', interpreterId, visitId }))).toEqual(before);
  });
});

describe('single events', () => {
  it('keeps the highest ticket number per prefix', () => {
    const state = initialState(new DomainDriver().state.config, DAY);
    const w7 = { ...makeVisit(1), ticket: 'W007' };
    const w3 = { ...makeVisit(2), ticket: 'W003' };
    const after = applyAll(state, [
      envelope({ type: 'checked_in', visit: w7 }),
      envelope({ type: 'checked_in', visit: w3 }),
    ]);
    expect(after.ticketCounters).toEqual({ W: 7 });
    expect([...after.visits.keys()]).toEqual([w7.id, w3.id]);
    expect(after.privateData.size).toBe(0);
  });

  it('links a booking to the visit that checked in with it, whatever the spelling', () => {
    const o = new DomainDriver();
    importAppointments(o, [appointmentRow('AB1001')]);
    const { visitId } = checkInBooked(o, 'a-b 1001');
    expect(o.state.appointments.get('AB1001')?.visitId).toBe(visitId);
  });

  it('recalls without touching the first call time', () => {
    const visit = makeVisit(1, {
      step: { status: 'called', deskId: 'mv-1', calledAt: T0, lastCalledAt: T0 },
    });
    const state = {
      ...initialState(new DomainDriver().state.config, DAY),
      visits: idMap({ [visit.id]: visit }),
    };
    const after = apply(
      state,
      envelope({ type: 'recalled', visitId: visit.id, deskId: 'mv-1' }, T0 + MINUTE),
    );
    expect(after.visits.get(visit.id)?.steps[0]).toMatchObject({
      recalls: 1,
      calledAt: T0,
      lastCalledAt: T0 + MINUTE,
    });
  });
});

describe('visitIdOf', () => {
  it('names the visit an event is about', () => {
    const visit = makeVisit(5);
    expect(visitIdOf({ type: 'checked_in', visit })).toBe(visit.id);
    expect(visitIdOf({ type: 'parked', visitId: visit.id, deskId: 'mv-1' })).toBe(visit.id);
    expect(visitIdOf({ type: 'desk_signed_out', deskId: 'mv-1' })).toBeNull();
    expect(visitIdOf({ type: 'day_started', day: DAY })).toBeNull();
  });
});
