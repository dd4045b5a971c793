import { describe, expect, it } from 'vitest';
import {
  handoverChoices,
  handoverStation,
  handoverTarget,
  initialHandoverForm,
} from '../../../../renderer/src/screens/desk/handover.js';
import type { Member } from '../../../../shared/visit.js';
import { actors, DomainDriver, serveNext } from '../../../helpers/domain.js';

const mv1 = actors.desk('mv-1');

function servedAtMv() {
  const o = new DomainDriver();
  for (const desk of ['mv-1', 'af-2', 'kommun-1']) o.signIn(desk, `Officer ${desk}`);
  o.walkIn();
  return { o, visitId: serveNext(o, 'mv-1') };
}

const adult = (birthDate: string, parentsInSweden: boolean | null = null): Member => ({
  name: 'X',
  birthDate,
  kind: 'adult',
  parentsInSweden,
});

describe('handoverChoices', () => {
  it('preselects the next station of the chain and lists the others and their desks', () => {
    const { o, visitId } = servedAtMv();
    const choices = handoverChoices(o.state, o.visit(visitId), []);
    expect(choices.next).toBe('af');
    expect(choices.stations).toEqual(['af', 'skv-fk', 'kommun']);
    expect(choices.passedByRule).toEqual([]);
    expect(choices.desks.map((d) => [d.deskId, d.officer])).toEqual([
      ['af-1', null],
      ['af-2', 'Officer af-2'],
      ['skv-fk-1', null],
      ['skv-fk-2', null],
      ['kommun-1', 'Officer kommun-1'],
      ['kommun-2', null],
    ]);
    expect(initialHandoverForm(choices)).toEqual({ mode: 'next', stationId: 'af', deskId: 'af-1' });
  });

  it('leaves out stations already passed or skipped', () => {
    const { o, visitId } = servedAtMv();
    o.run(mv1, 'visit:skip_step', { visitId, stationId: 'af', reason: 'not_eligible' });
    const choices = handoverChoices(o.state, o.visit(visitId), []);
    expect(choices.next).toBe('skv-fk');
    expect(choices.stations).toEqual(['skv-fk', 'kommun']);
    expect(choices.desks.every((d) => d.stationId !== 'af')).toBe(true);
  });

  it("judges the stations' age rules on the members this desk opened (the staff state has none)", () => {
    const { o, visitId } = servedAtMv();
    const elderly = handoverChoices(o.state, o.visit(visitId), [adult('1950-01-01')]);
    expect(elderly.next).toBe('skv-fk');
    expect(elderly.passedByRule).toEqual(['af']);
    // A station passed by the rule can still be chosen by hand.
    expect(elderly.stations).toContain('af');
    const young = handoverChoices(o.state, o.visit(visitId), [adult('2007-06-01', false)]);
    expect(young.next).toBe('af');
    // What the server decides with the same members.
    o.run(mv1, 'visit:set_household', { visitId, adults: 1, children: 0, members: [adult('1950-01-01')] });
    o.run(mv1, 'visit:hand_over', { visitId, to: { kind: 'next' }, outcome: 'done' });
    expect(o.step(visitId)?.stationId).toBe('skv-fk');
  });

  it('has no next station once every other step is done or skipped', () => {
    const { o, visitId } = servedAtMv();
    for (const stationId of ['af', 'skv-fk', 'kommun'])
      o.run(mv1, 'visit:skip_step', { visitId, stationId, reason: 'not_needed' });
    const choices = handoverChoices(o.state, o.visit(visitId), []);
    expect(choices).toMatchObject({ next: null, stations: [], desks: [] });
    expect(handoverTarget(initialHandoverForm(choices), choices)).toBeNull();
  });
});

describe('handoverTarget', () => {
  it('makes the command target of each choice, and none for an incomplete one', () => {
    const { o, visitId } = servedAtMv();
    const choices = handoverChoices(o.state, o.visit(visitId), []);
    const form = initialHandoverForm(choices);
    expect(handoverTarget(form, choices)).toEqual({ kind: 'next' });
    expect(handoverStation(form, choices)).toBe('af');
    const station = { ...form, mode: 'station' as const, stationId: 'kommun' };
    expect(handoverTarget(station, choices)).toEqual({ kind: 'station', stationId: 'kommun' });
    expect(handoverStation(station, choices)).toBe('kommun');
    const desk = { ...form, mode: 'desk' as const, deskId: 'af-2' };
    expect(handoverTarget(desk, choices)).toEqual({ kind: 'desk', deskId: 'af-2' });
    expect(handoverStation(desk, choices)).toBe('af');
    expect(handoverTarget({ ...form, mode: 'station', stationId: 'mv' }, choices)).toBeNull();
    expect(handoverTarget({ ...form, mode: 'desk', deskId: 'mv-2' }, choices)).toBeNull();
    // The server takes each of them.
    o.run(mv1, 'visit:hand_over', { visitId, to: handoverTarget(desk, choices)!, outcome: 'done' });
    expect(o.step(visitId)).toMatchObject({ stationId: 'af', targetDeskId: 'af-2' });
  });
});
