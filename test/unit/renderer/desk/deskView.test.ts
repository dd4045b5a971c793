import { describe, expect, it } from 'vitest';
import { deskQueue, nextForDesk, stationQueue } from '../../../../shared/queue.js';
import { staffState } from '../../../../shared/views.js';
import { fromData } from '../../../../shared/state.js';
import {
  checklistRows,
  deskQueues,
  deskVisits,
  focusedVisit,
  heldVisitIds,
  journey,
  stationName,
} from '../../../../renderer/src/screens/desk/deskView.js';
import {
  actors,
  checkInBooked,
  DomainDriver,
  importAppointments,
  appointmentRow,
  MINUTE,
  serveNext,
  testConfig,
} from '../../../helpers/domain.js';

const mv1 = actors.desk('mv-1');

/** An office with MV and AF desks open and a few walk-ins waiting at MV. */
function office(walkIns = 3) {
  const o = new DomainDriver();
  for (const desk of ['mv-1', 'mv-2', 'af-1', 'af-2']) o.signIn(desk);
  for (let i = 0; i < walkIns; i++) {
    o.advance(MINUTE);
    o.walkIn({ adults: 1 + i, children: i });
  }
  return { o };
}

describe('stationName', () => {
  it('adds the station name only where two stations share an agency', () => {
    const config = testConfig();
    expect(stationName(config, 'af')).toEqual({ agency: 'AF', qualifier: null });
    const twin = { ...config.stations[1]!, id: 'af-youth', name: 'Arbetsförmedlingen Ung' };
    const twins = { ...config, stations: [...config.stations, twin] };
    expect(stationName(twins, 'af-youth')).toEqual({ agency: 'AF', qualifier: 'Arbetsförmedlingen Ung' });
    expect(stationName(config, 'gone')).toEqual({ agency: 'OTHER', qualifier: 'gone' });
  });
});

describe('deskQueues', () => {
  it('lists the station queue in the order of shared/queue.ts, with no personal data', () => {
    const { o } = office(3);
    const queues = deskQueues(fromData(staffState(o.state)), 'mv-1', o.now);
    expect(queues.own).toEqual([]);
    expect(queues.station.map((r) => r.visitId)).toEqual(
      stationQueue(o.state, 'mv', o.now).map((e) => e.visit.id),
    );
    expect(queues.nextVisitId).toBe(nextForDesk(o.state, 'mv-1', o.now)?.visit.id);
    expect(queues.station[0]).toMatchObject({
      ticket: 'W001',
      kind: 'walk_in',
      adults: 1,
      children: 0,
      isNext: true,
    });
    expect(queues.station.filter((r) => r.isNext)).toHaveLength(1);
    expect(Object.keys(queues.station[0]!)).not.toContain('members');
  });

  it('counts the wait from the time the visit joined this queue, and flags a long one', () => {
    const { o } = office(1);
    o.advance(29 * MINUTE);
    expect(deskQueues(o.state, 'mv-1', o.now).station[0]).toMatchObject({
      waitedMs: 29 * MINUTE,
      longWait: false,
    });
    o.advance(MINUTE);
    expect(deskQueues(o.state, 'mv-1', o.now).station[0]).toMatchObject({ longWait: true });
  });

  it('puts visits handed to this desk by name first, in its own queue, and Call next calls them', () => {
    const { o } = office(2);
    const visitId = serveNext(o, 'mv-1');
    o.run(mv1, 'visit:hand_over', { visitId, to: { kind: 'desk', deskId: 'af-2' }, outcome: 'done' });
    const other = serveNext(o, 'mv-1');
    o.run(mv1, 'visit:hand_over', { visitId: other, to: { kind: 'next' }, outcome: 'done' });

    const atAf2 = deskQueues(o.state, 'af-2', o.now);
    expect(atAf2.own.map((r) => r.visitId)).toEqual(deskQueue(o.state, 'af-2', o.now).map((e) => e.visit.id));
    expect(atAf2.own[0]).toMatchObject({ visitId, cameFrom: 'mv', targetDeskId: 'af-2', isNext: true });
    expect(atAf2.station.map((r) => r.visitId)).toEqual([other]);

    // Another desk of the station sees it in the station's queue, marked as someone else's.
    const atAf1 = deskQueues(o.state, 'af-1', o.now);
    expect(atAf1.own).toEqual([]);
    expect(atAf1.station.find((r) => r.visitId === visitId)).toMatchObject({
      targetDeskId: 'af-2',
      isNext: false,
    });
    expect(atAf1.nextVisitId).toBe(other);
  });

  it('marks a booking as due by the queue rules, and orders it before fresh walk-ins', () => {
    const o = new DomainDriver();
    o.signIn('mv-1');
    importAppointments(o, [appointmentRow('MV-1001', { time: '09:10' })]);
    o.walkIn();
    o.advance(MINUTE);
    checkInBooked(o, 'MV-1001');
    const rows = deskQueues(o.state, 'mv-1', o.now).station;
    expect(rows.map((r) => r.ticket)).toEqual(['B001', 'W001']);
    expect(rows[0]).toMatchObject({ kind: 'booked', due: true, isNext: true });
    expect(rows[0]!.appointmentAt).not.toBeNull();
  });

  it('is empty for an unknown desk', () => {
    const { o } = office(1);
    expect(deskQueues(o.state, 'nowhere', o.now)).toEqual({ own: [], station: [], nextVisitId: null });
  });
});

describe('deskVisits and the focused visit', () => {
  it('separates the visit at the desk from those parked, and shows the right one', () => {
    const { o } = office(3);
    const first = serveNext(o, 'mv-1');
    o.run(mv1, 'visit:park', { visitId: first });
    o.advance(MINUTE);
    const second = serveNext(o, 'mv-1');
    o.run(mv1, 'visit:park', { visitId: second });
    o.advance(MINUTE);
    const { visitId: third } = o.run(mv1, 'queue:call_next', {}).result as { visitId: string };

    const visits = deskVisits(o.state, 'mv-1');
    expect(visits.active?.id).toBe(third);
    expect(visits.parked.map((v) => v.id)).toEqual([first, second]);
    expect(focusedVisit(visits, second)?.id).toBe(third);
    expect(heldVisitIds(o.state, 'mv-1')).toEqual([first, second, third].sort());

    o.run(mv1, 'visit:return_to_queue', { visitId: third });
    const parkedOnly = deskVisits(o.state, 'mv-1');
    expect(parkedOnly.active).toBeNull();
    expect(focusedVisit(parkedOnly, second)?.id).toBe(second);
    expect(focusedVisit(parkedOnly, null)?.id).toBe(first);
    expect(focusedVisit({ active: null, parked: [] }, null)).toBeNull();
  });
});

describe('journey', () => {
  it('lists each station with its status, and what this desk may skip or restore', () => {
    const { o } = office(1);
    const visitId = serveNext(o, 'mv-1');
    o.run(mv1, 'visit:skip_step', { visitId, stationId: 'skv-fk', reason: 'already_done' });
    const steps = journey(o.state.config, o.visit(visitId), []);
    expect(steps.map((s) => [s.stationId, s.status, s.current])).toEqual([
      ['mv', 'serving', true],
      ['af', 'pending', false],
      ['skv-fk', 'skipped', false],
      ['kommun', 'pending', false],
    ]);
    expect(steps.map((s) => s.skippable)).toEqual([false, true, false, true]);
    expect(steps.map((s) => s.restorable)).toEqual([false, false, true, false]);
    expect(steps[2]!.skipReason).toBe('already_done');
  });

  it("tells which steps a station's age rule will pass by, as the members stand", () => {
    const { o } = office(1);
    const visitId = serveNext(o, 'mv-1');
    const visit = o.visit(visitId);
    const child = { name: 'A', birthDate: '2015-01-01', kind: 'adult' as const, parentsInSweden: null };
    const adult = { ...child, birthDate: '1990-05-05' };
    expect(journey(o.state.config, visit, [child]).find((s) => s.stationId === 'af')?.ruleWillPass).toBe(
      true,
    );
    expect(journey(o.state.config, visit, [adult]).find((s) => s.stationId === 'af')?.ruleWillPass).toBe(
      false,
    );
    // No birth date known: the demo rule keeps the step for the desk to decide.
    expect(journey(o.state.config, visit, []).find((s) => s.stationId === 'af')?.ruleWillPass).toBe(false);
  });
});

describe('checklistRows', () => {
  it("labels the station's items in the staff language, ticked as the step has them", () => {
    const { o } = office(1);
    const visitId = serveNext(o, 'mv-1');
    o.run(mv1, 'visit:set_checklist_item', { visitId, itemId: 'ut-card', checked: true });
    const station = o.state.config.stations[0]!;
    const step = o.step(visitId);
    expect(checklistRows(station, step, 'sv').map((r) => [r.label, r.checked])).toEqual([
      ['Beslutet delgivet och förklarat', false],
      ['Tolk närvarande', false],
      ['UT-kortets status kontrollerad', true],
    ]);
    expect(checklistRows(station, step, 'en')[0]!.label).toBe('Decision handed over and explained');
    expect(checklistRows(station, undefined, 'en').every((r) => !r.checked)).toBe(true);
  });
});
