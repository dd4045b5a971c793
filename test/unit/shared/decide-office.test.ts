import { describe, expect, it } from 'vitest';
import { decideStartDay, type ImportResult } from '../../../shared/decide/index.js';
import { officeInstant } from '../../../shared/day.js';
import {
  actors,
  appointmentRow,
  applySystemEvents,
  checkInBooked,
  DAY,
  DomainDriver,
  expectRefused,
  importAppointments,
  serveNext,
  T0,
  UNKNOWN_ID,
} from '../../helpers/domain.js';

const mv1 = actors.desk('mv-1');
const af1 = actors.desk('af-1');

function addInterpreter(o: DomainDriver, language = 'ar'): string {
  const decision = o.run(actors.admin, 'interpreter:add', {
    language,
    mode: 'onsite',
    name: 'Tolk Tolksson',
  });
  return (decision.result as { interpreterId: string }).interpreterId;
}

describe('interpreter:add and interpreter:remove', () => {
  it('adds an interpreter who is free, and removes them', () => {
    const o = new DomainDriver();
    const decision = o.run(actors.admin, 'interpreter:add', { language: 'ti', mode: 'phone', name: 'Tolk' });
    const { interpreterId } = decision.result as { interpreterId: string };
    const interpreter = { id: interpreterId, language: 'ti', mode: 'phone', name: 'Tolk', visitId: null };
    expect(decision.events).toEqual([{ type: 'interpreter_added', interpreter }]);
    expect(o.state.interpreters).toEqual({ [interpreterId]: interpreter });
    o.run(actors.admin, 'interpreter:remove', { interpreterId });
    expect(o.state.interpreters).toEqual({});
    expectRefused(o, actors.admin, 'interpreter:remove', { interpreterId }, 'UNKNOWN_INTERPRETER');
  });

  it('refuses to remove an interpreter who is with a visit', () => {
    const o = new DomainDriver();
    const interpreterId = addInterpreter(o);
    const { visitId } = o.walkIn();
    o.run(actors.reception, 'interpreter:attach', { interpreterId, visitId });
    expectRefused(o, actors.admin, 'interpreter:remove', { interpreterId }, 'INTERPRETER_BUSY');
  });
});

describe('interpreter:attach', () => {
  it('attaches an interpreter to a visit, both ways', () => {
    const o = new DomainDriver();
    const interpreterId = addInterpreter(o);
    const { visitId } = o.walkIn();
    expect(o.run(actors.reception, 'interpreter:attach', { interpreterId, visitId }).events).toEqual([
      { type: 'interpreter_attached', interpreterId, visitId },
    ]);
    expect(o.visit(visitId).interpreterId).toBe(interpreterId);
    expect(o.state.interpreters[interpreterId]?.visitId).toBe(visitId);
  });

  it('refuses an unknown interpreter, an unknown or closed visit, and a busy interpreter or visit', () => {
    const o = new DomainDriver();
    const first = addInterpreter(o);
    const second = addInterpreter(o);
    const a = o.walkIn();
    const b = o.walkIn();
    expectRefused(
      o,
      actors.admin,
      'interpreter:attach',
      { interpreterId: UNKNOWN_ID, visitId: a.visitId },
      'UNKNOWN_INTERPRETER',
    );
    expectRefused(
      o,
      actors.admin,
      'interpreter:attach',
      { interpreterId: first, visitId: UNKNOWN_ID },
      'UNKNOWN_VISIT',
    );
    o.run(actors.admin, 'interpreter:attach', { interpreterId: first, visitId: a.visitId });
    expectRefused(
      o,
      actors.admin,
      'interpreter:attach',
      { interpreterId: first, visitId: b.visitId },
      'INTERPRETER_BUSY',
    );
    expectRefused(
      o,
      actors.admin,
      'interpreter:attach',
      { interpreterId: second, visitId: a.visitId },
      'INTERPRETER_BUSY',
    );
    o.run(actors.reception, 'visit:cancel', { visitId: b.visitId, reason: 'visitor_left' });
    expectRefused(
      o,
      actors.admin,
      'interpreter:attach',
      { interpreterId: second, visitId: b.visitId },
      'VISIT_CLOSED',
    );
  });

  it('lets a desk attach only to the visit it holds', () => {
    const o = new DomainDriver();
    const interpreterId = addInterpreter(o);
    const { visitId } = o.walkIn();
    expectRefused(o, mv1, 'interpreter:attach', { interpreterId, visitId }, 'NOT_SIGNED_IN');
    o.signIn('mv-1');
    o.signIn('af-1');
    expectRefused(o, mv1, 'interpreter:attach', { interpreterId, visitId }, 'INVALID_TRANSITION');
    o.run(mv1, 'queue:call_next', {});
    expectRefused(o, af1, 'interpreter:attach', { interpreterId, visitId }, 'NOT_AT_THIS_STATION');
    o.run(mv1, 'interpreter:attach', { interpreterId, visitId });
    expect(o.visit(visitId).interpreterId).toBe(interpreterId);
  });
});

describe('interpreter:release', () => {
  it('frees the interpreter and the visit', () => {
    const o = new DomainDriver();
    const interpreterId = addInterpreter(o);
    const { visitId } = o.walkIn();
    o.run(actors.reception, 'interpreter:attach', { interpreterId, visitId });
    expect(o.run(actors.reception, 'interpreter:release', { interpreterId }).events).toEqual([
      { type: 'interpreter_released', interpreterId, visitId },
    ]);
    expect(o.visit(visitId).interpreterId).toBeNull();
    expect(o.state.interpreters[interpreterId]?.visitId).toBeNull();
    expectRefused(o, actors.reception, 'interpreter:release', { interpreterId }, 'INVALID_TRANSITION');
    expectRefused(
      o,
      actors.reception,
      'interpreter:release',
      { interpreterId: UNKNOWN_ID },
      'UNKNOWN_INTERPRETER',
    );
  });

  it('lets a desk release only from the visit it holds', () => {
    const o = new DomainDriver();
    o.signIn('mv-1');
    o.signIn('af-1');
    const interpreterId = addInterpreter(o);
    const { visitId } = o.walkIn();
    serveNext(o, 'mv-1');
    o.run(mv1, 'interpreter:attach', { interpreterId, visitId });
    expectRefused(o, af1, 'interpreter:release', { interpreterId }, 'NOT_AT_THIS_STATION');
    o.run(mv1, 'interpreter:release', { interpreterId });
    expect(o.state.interpreters[interpreterId]?.visitId).toBeNull();
  });
});

describe('appointments:import', () => {
  const rows = [
    appointmentRow('ab-1001', { time: '09:30', language: 'ti', adults: 2, children: 1 }),
    appointmentRow('AB 1002', { time: '10:00' }),
  ];

  it('stores the list by normalised reference with office-time instants', () => {
    const o = new DomainDriver();
    const decision = importAppointments(o, rows);
    expect(decision.result).toEqual({ rows: 2, dryRun: false, alreadyCheckedIn: 0 });
    expect(decision.events).toHaveLength(1);
    expect(decision.events[0]).toMatchObject({ type: 'appointments_imported', day: DAY, count: 2 });
    expect(o.state.appointments.toObject()).toEqual({
      AB1001: {
        ref: 'AB1001',
        day: DAY,
        at: T0 + 30 * 60_000,
        language: 'ti',
        interpreterLanguage: null,
        adults: 2,
        children: 1,
        visitId: null,
      },
      AB1002: {
        ref: 'AB1002',
        day: DAY,
        at: officeInstant(DAY, '10:00', 'Europe/Stockholm'),
        language: 'ar',
        interpreterLanguage: null,
        adults: 1,
        children: 0,
        visitId: null,
      },
    });
  });

  it('changes nothing on a dry run', () => {
    const o = new DomainDriver();
    const before = o.state;
    const decision = importAppointments(o, rows, true);
    expect(decision.events).toEqual([]);
    expect(decision.result).toEqual({ rows: 2, dryRun: true, alreadyCheckedIn: 0, preview: rows });
    expect(o.state).toBe(before);
    expect(o.log).toEqual([]);
  });

  it("refuses any day but today's", () => {
    const o = new DomainDriver();
    expectRefused(
      o,
      actors.admin,
      'appointments:import',
      { day: '2026-11-24', csv: 'x', dryRun: false },
      'WRONG_DAY',
      rows,
    );
    expectRefused(
      o,
      actors.admin,
      'appointments:import',
      { day: '2026-11-24', csv: 'x', dryRun: true },
      'WRONG_DAY',
      rows,
    );
  });

  it('keeps checked-in bookings on a re-import and replaces the rest', () => {
    const o = new DomainDriver();
    importAppointments(o, rows);
    const { visitId } = checkInBooked(o, 'AB1001');
    const decision = importAppointments(o, [
      appointmentRow('AB1001', { time: '15:00', adults: 5 }),
      appointmentRow('AB1003'),
    ]);
    expect((decision.result as ImportResult).alreadyCheckedIn).toBe(1);
    expect([...o.state.appointments.keys()].sort()).toEqual(['AB1001', 'AB1003']);
    expect(o.state.appointments.get('AB1001')).toMatchObject({ visitId, adults: 2, at: T0 + 30 * 60_000 });
    expectRefused(
      o,
      actors.kiosk,
      'visit:check_in',
      {
        arrival: { kind: 'booked', bookingRef: 'AB1001' },
        language: 'ar',
        interpreterLanguage: null,
        consent: true,
      },
      'ALREADY_CHECKED_IN',
    );
    expectRefused(
      o,
      actors.kiosk,
      'visit:check_in',
      {
        arrival: { kind: 'booked', bookingRef: 'AB1002' },
        language: 'ar',
        interpreterLanguage: null,
        consent: true,
      },
      'UNKNOWN_BOOKING_REF',
    );
  });
});

describe('decideStartDay', () => {
  function busyDay() {
    const o = new DomainDriver();
    for (const desk of ['mv-1', 'af-1']) o.signIn(desk);
    importAppointments(o, [appointmentRow('AB1001')]);
    const booked = checkInBooked(o, 'AB1001');
    const open = o.walkIn();
    const done = o.walkIn();
    o.run(actors.reception, 'visit:cancel', { visitId: done.visitId, reason: 'duplicate' });
    const interpreterId = addInterpreter(o);
    o.run(actors.reception, 'interpreter:attach', { interpreterId, visitId: open.visitId });
    serveNext(o, 'mv-1');
    o.run(mv1, 'visit:add_note', { visitId: booked.visitId, note: { text: 'n', visibility: 'agency' } });
    return { o, booked, open, done, interpreterId };
  }

  it('cancels the open visits, releases interpreters and signs the desks out', () => {
    const { o, booked, open, interpreterId } = busyDay();
    const events = decideStartDay(o.state, '2026-11-24');
    expect(events).toEqual([
      { type: 'visit_cancelled', visitId: booked.visitId, reason: 'day_ended' },
      { type: 'visit_cancelled', visitId: open.visitId, reason: 'day_ended' },
      { type: 'interpreter_released', interpreterId, visitId: open.visitId },
      { type: 'desk_signed_out', deskId: 'mv-1' },
      { type: 'desk_signed_out', deskId: 'af-1' },
      { type: 'day_started', day: '2026-11-24' },
    ]);
  });

  it('starts the new day empty, with fresh ticket numbers', () => {
    const { o } = busyDay();
    applySystemEvents(o, decideStartDay(o.state, '2026-11-24'));
    expect(o.state).toMatchObject({
      day: '2026-11-24',
      visits: {},
      privateData: {},
      notes: {},
      appointments: {},
      interpreters: {},
      desks: {},
      ticketCounters: {},
    });
    expect(o.walkIn().ticket).toBe('W001');
    expect(o.visit([...o.state.visits.keys()][0]!).day).toBe('2026-11-24');
  });

  it('yields only the turn on a quiet day', () => {
    expect(decideStartDay(new DomainDriver().state, '2026-11-24')).toEqual([
      { type: 'day_started', day: '2026-11-24' },
    ]);
  });
});
