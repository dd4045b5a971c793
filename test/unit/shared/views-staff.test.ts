import { describe, expect, it } from 'vitest';
import { staffEvent, staffState, visibleNotes, visitDetails } from '../../../shared/views.js';
import {
  actors,
  appointmentRow,
  checkInBooked,
  DomainDriver,
  expectNoneOf,
  importAppointments,
  serveNext,
  testConfig,
  UNKNOWN_ID,
} from '../../helpers/domain.js';

/** Personal data planted in the office, which no staff-wide view may carry. */
const S = {
  name: 'Zarah Sentinelli',
  child: 'Omid Sentinelli',
  birthDate: '1987-06-05',
  ref: 'SENT-4711',
  normalizedRef: 'SENT4711',
  otherRef: 'QQ-0042',
  otherNormalizedRef: 'QQ0042',
  sharedNote: 'NOTE-SHARED-sentinel-text',
  agencyNote: 'NOTE-AGENCY-sentinel-text',
};

/** The demo office plus a Polismyndigheten station that is not on the chain. */
function config() {
  const base = testConfig();
  return {
    ...base,
    stations: [
      ...base.stations,
      {
        id: 'pm',
        name: 'Polisen',
        agency: 'PM' as const,
        checklist: [],
        defaultServiceMinutes: 10,
        rule: null,
      },
    ],
    desks: [...base.desks, { id: 'pm-1', name: 'Polisen 1', stationId: 'pm' }],
  };
}

function plantedOffice(consent = true) {
  const o = new DomainDriver(config());
  for (const desk of ['mv-1', 'af-1']) o.signIn(desk);
  importAppointments(o, [appointmentRow(S.ref), appointmentRow(S.otherRef, { time: '13:00' })]);
  const booked = checkInBooked(o, S.ref.toLowerCase(), { consent });
  const mv1 = actors.desk('mv-1');
  serveNext(o, 'mv-1');
  o.run(mv1, 'visit:set_household', {
    visitId: booked.visitId,
    adults: 1,
    children: 1,
    members: [
      { name: S.name, birthDate: S.birthDate, kind: 'adult' },
      { name: S.child, birthDate: null, kind: 'child' },
    ],
  });
  o.run(mv1, 'visit:add_note', {
    visitId: booked.visitId,
    note: { text: S.agencyNote, visibility: 'agency' },
  });
  if (consent)
    o.run(mv1, 'visit:add_note', {
      visitId: booked.visitId,
      note: { text: S.sharedNote, visibility: 'shared' },
    });
  o.run(mv1, 'visit:hand_over', { visitId: booked.visitId, to: { kind: 'next' }, outcome: 'done' });
  return { o, booked };
}

const SENTINELS = (statusToken: string) => [
  S.name,
  S.child,
  S.birthDate,
  S.ref,
  S.normalizedRef,
  S.otherRef,
  S.otherNormalizedRef,
  S.sharedNote,
  S.agencyNote,
  statusToken,
];

describe('the planted office', () => {
  it('does hold the personal data (so the scans below can fail)', () => {
    const { o, booked } = plantedOffice();
    const json = JSON.stringify(o.state);
    for (const sentinel of [
      S.name,
      S.child,
      S.normalizedRef,
      S.otherNormalizedRef,
      S.sharedNote,
      S.agencyNote,
      booked.statusToken,
    ])
      expect(json).toContain(sentinel);
  });
});

describe('staffState', () => {
  it('strips members, booking references, status tokens, notes and appointments', () => {
    const { o, booked } = plantedOffice();
    const staff = staffState(o.state);
    expectNoneOf(staff, SENTINELS(booked.statusToken));
    expect(staff).toMatchObject({ privateData: {}, notes: {}, appointments: {} });
  });

  it('keeps everything else as it is', () => {
    const { o } = plantedOffice();
    const staff = staffState(o.state);
    for (const key of ['config', 'day', 'interpreters', 'desks', 'ticketCounters'] as const)
      expect(staff[key], key).toBe(o.state[key]);
    // As plain data for the wire: the same visit objects.
    for (const [id, visit] of o.state.visits) expect(staff.visits[id]).toBe(visit);
  });
});

describe('staffEvent', () => {
  it('strips personal data from every event in the log', () => {
    const { o, booked } = plantedOffice();
    const types = new Set(o.log.map((e) => e.event.type));
    for (const t of ['checked_in', 'household_set', 'note_added', 'appointments_imported'])
      expect(types).toContain(t);
    expectNoneOf(o.log.map(staffEvent), SENTINELS(booked.statusToken));
  });

  it('keeps what staff screens need of the stripped events', () => {
    const { o, booked } = plantedOffice();
    const stripped = o.log.map(staffEvent);
    expect(stripped.find((e) => e.event.type === 'checked_in')?.event).toEqual({
      type: 'checked_in',
      visit: expect.objectContaining({ id: booked.visitId, ticket: 'B001' }),
    });
    expect(stripped.find((e) => e.event.type === 'household_set')?.event).toEqual({
      type: 'household_set',
      visitId: booked.visitId,
      adults: 1,
      children: 1,
    });
    const note = stripped.find((e) => e.event.type === 'note_added')!;
    expect(Object.keys(note.event).sort()).toEqual(['noteId', 'type', 'visitId']);
    expect(stripped.find((e) => e.event.type === 'appointments_imported')?.event).toEqual({
      type: 'appointments_imported',
      day: o.state.day,
      count: 2,
    });
    const original = o.log.find((e) => e.event.type === 'note_added')!;
    expect(note).toMatchObject({ seq: original.seq, at: original.at, commandId: original.commandId });
  });

  it('passes other events through untouched', () => {
    const { o } = plantedOffice();
    const plain = o.log.filter((e) =>
      ['called', 'handed_over', 'desk_signed_in', 'step_completed'].includes(e.event.type),
    );
    expect(plain.length).toBeGreaterThan(3);
    for (const e of plain) expect(staffEvent(e)).toBe(e);
  });
});

describe('visibleNotes', () => {
  it('shows a desk its own agency’s notes and, with consent, shared notes of agencies on the journey', () => {
    const { o, booked } = plantedOffice();
    const texts = (agency: Parameters<typeof visibleNotes>[2]) =>
      visibleNotes(o.state, booked.visitId, agency).map((n) => n.text);
    expect(texts('MV')).toEqual([S.agencyNote, S.sharedNote]);
    expect(texts('AF')).toEqual([S.sharedNote]);
    expect(texts('KOMMUN')).toEqual([S.sharedNote]);
    expect(texts('PM')).toEqual([]);
  });

  it('keeps notes within the agency without consent', () => {
    const { o, booked } = plantedOffice(false);
    expect(visibleNotes(o.state, booked.visitId, 'MV').map((n) => n.text)).toEqual([S.agencyNote]);
    expect(visibleNotes(o.state, booked.visitId, 'AF')).toEqual([]);
  });

  it('hides shared notes from other agencies once consent is withdrawn', () => {
    const { o, booked } = plantedOffice();
    o.run(actors.reception, 'visit:update', { visitId: booked.visitId, consent: false });
    expect(visibleNotes(o.state, booked.visitId, 'AF')).toEqual([]);
    expect(visibleNotes(o.state, booked.visitId, 'MV').map((n) => n.text)).toEqual([
      S.agencyNote,
      S.sharedNote,
    ]);
    o.run(actors.reception, 'visit:update', { visitId: booked.visitId, consent: true });
    expect(visibleNotes(o.state, booked.visitId, 'AF').map((n) => n.text)).toEqual([S.sharedNote]);
  });

  it('shows an agency note of PM only to PM', () => {
    const { o, booked } = plantedOffice();
    const note = {
      ...o.state.notes.get(booked.visitId)![1]!,
      id: UNKNOWN_ID,
      text: 'pm note',
      agency: 'PM' as const,
      visibility: 'agency' as const,
    };
    const state = {
      ...o.state,
      notes: o.state.notes.set(booked.visitId, [...o.state.notes.get(booked.visitId)!, note]),
    };
    expect(visibleNotes(state, booked.visitId, 'PM').map((n) => n.text)).toEqual(['pm note']);
    expect(visibleNotes(state, booked.visitId, 'AF').map((n) => n.text)).toEqual([S.sharedNote]);
  });

  it('is empty for an unknown visit', () => {
    const { o } = plantedOffice();
    expect(visibleNotes(o.state, UNKNOWN_ID, 'MV')).toEqual([]);
  });
});

describe('visitDetails', () => {
  it('gives the personal data without the status token, and notes by agency', () => {
    const { o, booked } = plantedOffice();
    const forAf = visitDetails(o.state, booked.visitId, 'AF');
    expect(forAf.private).toEqual({
      bookingRef: S.normalizedRef,
      members: [
        { name: S.name, birthDate: S.birthDate, kind: 'adult', parentsInSweden: null },
        { name: S.child, birthDate: null, kind: 'child', parentsInSweden: null },
      ],
      statusToken: '',
    });
    expect(JSON.stringify(forAf)).not.toContain(booked.statusToken);
    expect(forAf.notes.map((n) => n.text)).toEqual([S.sharedNote]);
    expect(visitDetails(o.state, booked.visitId, null).notes).toEqual([]);
    expect(visitDetails(o.state, UNKNOWN_ID, 'MV')).toEqual({
      visitId: UNKNOWN_ID,
      private: null,
      notes: [],
    });
  });
});
