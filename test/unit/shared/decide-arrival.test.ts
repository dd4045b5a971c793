import { describe, expect, it } from 'vitest';
import type { CommandPayload } from '../../../shared/commands.js';
import { officeInstant } from '../../../shared/day.js';
import type { CheckInResult } from '../../../shared/decide/index.js';
import type { EventOf } from '../../../shared/events.js';
import {
  actors,
  appointmentRow,
  checkInBooked,
  DAY,
  DomainDriver,
  expectRefused,
  importAppointments,
  MINUTE,
  serveNext,
  T0,
  testConfig,
  UNKNOWN_ID,
} from '../../helpers/domain.js';

const mv1 = actors.desk('mv-1');
const walkIn = { kind: 'walk_in', adults: 2, children: 3 } as const;
type CheckIn = Omit<CommandPayload<'visit:check_in'>, 'commandId'>;
const checkIn = (arrival: CheckIn['arrival'], more: Partial<CheckIn> = {}): CheckIn => ({
  arrival,
  language: 'ar',
  interpreterLanguage: null,
  consent: false,
  ...more,
});

describe('visit:check_in, walk-in', () => {
  it('creates a visit waiting at the first station of the chain', () => {
    const o = new DomainDriver();
    o.advance(5 * MINUTE);
    const decision = o.run(actors.kiosk, 'visit:check_in', checkIn(walkIn, { interpreterLanguage: 'ku' }));
    const result = decision.result as CheckInResult;
    const event = decision.events[0] as EventOf<'checked_in'>;
    expect(decision.events).toHaveLength(1);
    expect(result).toEqual({
      visitId: event.visit.id,
      ticket: 'W001',
      statusToken: event.private?.statusToken,
    });
    expect(event.private).toEqual({ bookingRef: null, members: [], statusToken: result.statusToken });
    const visit = o.visit(result.visitId);
    expect(visit).toMatchObject({
      day: DAY,
      kind: 'walk_in',
      language: 'ar',
      interpreterLanguage: 'ku',
      adults: 2,
      children: 3,
      consent: false,
      appointmentAt: null,
      createdAt: T0 + 5 * MINUTE,
      status: 'active',
      current: 0,
      interpreterId: null,
    });
    expect(visit.steps.map((s) => [s.stationId, s.status, s.queuedAt])).toEqual([
      ['mv', 'waiting', T0 + 5 * MINUTE],
      ['af', 'pending', null],
      ['skv-fk', 'pending', null],
      ['kommun', 'pending', null],
    ]);
    expect(o.state.privateData.get(result.visitId)?.statusToken).toBe(result.statusToken);
  });

  it('refuses a language or interpreter language the office does not offer', () => {
    const o = new DomainDriver(testConfig({ languages: ['sv', 'en', 'ar'], interpreterLanguages: ['ku'] }));
    expectRefused(
      o,
      actors.kiosk,
      'visit:check_in',
      checkIn(walkIn, { language: 'uk' }),
      'LANGUAGE_NOT_OFFERED',
    );
    expectRefused(
      o,
      actors.kiosk,
      'visit:check_in',
      checkIn(walkIn, { interpreterLanguage: 'tr' }),
      'LANGUAGE_NOT_OFFERED',
    );
    // An interpreter language may be one of the interpreter list or one of the screens' languages.
    o.run(actors.kiosk, 'visit:check_in', checkIn(walkIn, { interpreterLanguage: 'ku' }));
    o.run(actors.reception, 'visit:check_in', checkIn(walkIn, { interpreterLanguage: 'ar' }));
  });
});

describe('ticket numbers', () => {
  it('count per prefix: B for booked, W for walk-ins', () => {
    const o = new DomainDriver();
    importAppointments(o, [appointmentRow('AB1001'), appointmentRow('AB1002')]);
    expect(o.walkIn().ticket).toBe('W001');
    expect(checkInBooked(o, 'AB1001').ticket).toBe('B001');
    expect(o.walkIn().ticket).toBe('W002');
    expect(checkInBooked(o, 'AB1002').ticket).toBe('B002');
    expect(o.state.ticketCounters).toEqual({ W: 2, B: 2 });
  });

  it('follow the configured prefixes', () => {
    const o = new DomainDriver(testConfig({ ticketPrefixes: { booked: 'A', walkIn: 'K' } }));
    expect(o.walkIn().ticket).toBe('K001');
  });
});

describe('visit:check_in, booked', () => {
  it('finds the booking by reference regardless of case and spaces; household and time from it', () => {
    const o = new DomainDriver();
    importAppointments(o, [appointmentRow('AB-1234', { time: '09:30', adults: 2, children: 4 })]);
    const { visitId, ticket } = checkInBooked(o, ' ab 1234 ', { interpreterLanguage: 'ar' });
    expect(ticket).toBe('B001');
    expect(o.visit(visitId)).toMatchObject({
      kind: 'booked',
      adults: 2,
      children: 4,
      appointmentAt: officeInstant(DAY, '09:30', 'Europe/Stockholm'),
      interpreterLanguage: 'ar',
    });
    expect(o.visit(visitId).appointmentAt).toBe(T0 + 30 * MINUTE);
    expect(o.state.privateData.get(visitId)?.bookingRef).toBe('AB1234');
    expect(o.state.appointments.get('AB1234')?.visitId).toBe(visitId);
  });

  it('refuses a second check-in of the same booking', () => {
    const o = new DomainDriver();
    importAppointments(o, [appointmentRow('AB1234')]);
    checkInBooked(o, 'AB1234');
    const booked = { kind: 'booked', bookingRef: 'ab1234' } as const;
    expectRefused(o, actors.kiosk, 'visit:check_in', checkIn(booked), 'ALREADY_CHECKED_IN');
  });

  it('gives the same answer for an unknown booking and one of another day', () => {
    const o = new DomainDriver();
    importAppointments(o, [appointmentRow('AB1234')]);
    const other = { ...o.state.appointments.get('AB1234')!, ref: 'CD5678', day: '2026-11-24' };
    o.state = { ...o.state, appointments: o.state.appointments.set('CD5678', other) };
    for (const bookingRef of ['ZZ9999', 'CD5678'])
      expectRefused(
        o,
        actors.kiosk,
        'visit:check_in',
        checkIn({ kind: 'booked', bookingRef }),
        'UNKNOWN_BOOKING_REF',
      );
  });
});

describe('visit:update', () => {
  it('changes language, interpreter and consent for reception', () => {
    const o = new DomainDriver();
    const { visitId } = o.walkIn({ consent: false });
    const decision = o.run(actors.reception, 'visit:update', { visitId, language: 'en', consent: true });
    expect(decision.events).toEqual([{ type: 'visit_updated', visitId, language: 'en', consent: true }]);
    o.run(actors.admin, 'visit:update', { visitId, interpreterLanguage: 'ku' });
    o.run(actors.admin, 'visit:update', { visitId, interpreterLanguage: null });
    expect(o.visit(visitId)).toMatchObject({ language: 'en', consent: true, interpreterLanguage: null });
  });

  it('refuses an empty change, an unoffered language, and a closed or unknown visit', () => {
    const o = new DomainDriver(testConfig({ languages: ['sv', 'ar'] }));
    const { visitId } = o.walkIn();
    expectRefused(o, actors.reception, 'visit:update', { visitId }, 'VALIDATION_FAILED');
    expectRefused(o, actors.reception, 'visit:update', { visitId, language: 'en' }, 'LANGUAGE_NOT_OFFERED');
    expectRefused(
      o,
      actors.reception,
      'visit:update',
      { visitId, interpreterLanguage: 'xx' },
      'LANGUAGE_NOT_OFFERED',
    );
    expectRefused(
      o,
      actors.reception,
      'visit:update',
      { visitId: UNKNOWN_ID, consent: true },
      'UNKNOWN_VISIT',
    );
    o.run(actors.reception, 'visit:cancel', { visitId, reason: 'duplicate' });
    expectRefused(o, actors.reception, 'visit:update', { visitId, consent: true }, 'VISIT_CLOSED');
  });

  it('lets a desk change only the visit it holds', () => {
    const o = new DomainDriver();
    const { visitId } = o.walkIn();
    expectRefused(o, mv1, 'visit:update', { visitId, consent: false }, 'NOT_SIGNED_IN');
    o.signIn('mv-1');
    expectRefused(o, mv1, 'visit:update', { visitId, consent: false }, 'INVALID_TRANSITION');
    o.signIn('af-1');
    o.run(mv1, 'queue:call_next', {});
    expectRefused(o, actors.desk('af-1'), 'visit:update', { visitId, consent: false }, 'NOT_AT_THIS_STATION');
    o.run(mv1, 'visit:update', { visitId, consent: false });
    expect(o.visit(visitId).consent).toBe(false);
  });
});

describe('visit:set_household', () => {
  const members = [
    { name: 'Amal', birthDate: '1990-01-02', kind: 'adult' as const, parentsInSweden: null },
    { name: 'Sami', birthDate: null, kind: 'child' as const, parentsInSweden: null },
  ];

  it('sets the size and names the members privately', () => {
    const o = new DomainDriver();
    const { visitId } = o.walkIn();
    const decision = o.run(actors.reception, 'visit:set_household', {
      visitId,
      adults: 1,
      children: 2,
      members,
    });
    expect(decision.events).toEqual([{ type: 'household_set', visitId, adults: 1, children: 2, members }]);
    expect(o.visit(visitId)).toMatchObject({ adults: 1, children: 2 });
    expect(o.state.privateData.get(visitId)?.members).toEqual(members);
  });

  it('refuses more named members than the household has', () => {
    const o = new DomainDriver();
    const { visitId } = o.walkIn();
    expectRefused(
      o,
      actors.reception,
      'visit:set_household',
      { visitId, adults: 1, children: 0, members },
      'VALIDATION_FAILED',
    );
    const adults = [members[0]!, members[0]!];
    expectRefused(
      o,
      actors.reception,
      'visit:set_household',
      { visitId, adults: 1, children: 5, members: adults },
      'VALIDATION_FAILED',
    );
  });

  it('lets a desk set it only on the visit it holds', () => {
    const o = new DomainDriver();
    o.signIn('mv-1');
    const { visitId } = o.walkIn();
    expectRefused(
      o,
      mv1,
      'visit:set_household',
      { visitId, adults: 1, children: 1, members },
      'INVALID_TRANSITION',
    );
    serveNext(o, 'mv-1');
    o.run(mv1, 'visit:set_household', { visitId, adults: 1, children: 1, members });
    expect(o.visit(visitId).children).toBe(1);
  });
});
