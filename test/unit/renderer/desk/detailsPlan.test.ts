import { describe, expect, it } from 'vitest';
import { planDetails, type MirrorState } from '../../../../renderer/src/screens/desk/detailsPlan.js';
import { applyAll } from '../../../../shared/apply.js';
import { fromData, toData } from '../../../../shared/state.js';
import { staffEvent, staffState } from '../../../../shared/views.js';
import { actors, DomainDriver } from '../../../helpers/domain.js';

const mv1 = actors.desk('mv-1');

/**
 * A desk's mirror as the socket module keeps it: the staff snapshot, then each command's
 * events without personal data, applied with the shared `apply`.
 */
class Mirror {
  readonly o = new DomainDriver();
  state: MirrorState;
  private applied = 0;
  constructor() {
    for (const desk of ['mv-1', 'mv-2', 'af-1']) this.o.signIn(desk);
    this.state = { office: fromData(staffState(this.o.state)), seq: this.o.seq };
    this.applied = this.o.log.length;
  }
  /** Runs a command and returns the plan for the change it made to the mirror. */
  step(run: (o: DomainDriver) => void): ReturnType<typeof planDetails> {
    run(this.o);
    const events = this.o.log.slice(this.applied).map(staffEvent);
    this.applied = this.o.log.length;
    const prev = this.state;
    this.state = { office: applyAll(prev.office!, events), seq: this.o.seq };
    return planDetails(prev, this.state, 'mv-1');
  }
}

function calledVisit(m: Mirror) {
  let visitId = '';
  const plan = m.step((o) => {
    o.walkIn();
    visitId = (o.run(mv1, 'queue:call_next', {}).result as { visitId: string }).visitId;
  });
  return { visitId, plan };
}

describe('planDetails', () => {
  it('opens every visit at the desk on the first state, and nothing without one', () => {
    expect(planDetails({ office: null, seq: 0 }, { office: null, seq: 0 }, 'mv-1')).toEqual({
      held: [],
      open: [],
    });
    const m = new Mirror();
    const { visitId } = calledVisit(m);
    expect(planDetails({ office: null, seq: 0 }, m.state, 'mv-1')).toEqual({
      held: [visitId],
      open: [visitId],
    });
  });

  it('opens a visit when it is called here, and not again for calls, starts or ticks', () => {
    const m = new Mirror();
    const { visitId, plan } = calledVisit(m);
    expect(plan).toEqual({ held: [visitId], open: [visitId] });
    m.o.advance(20_000);
    expect(m.step((o) => o.run(mv1, 'visit:recall', { visitId }))).toEqual({ held: [visitId], open: [] });
    expect(m.step((o) => o.run(mv1, 'visit:start', { visitId })).open).toEqual([]);
    expect(
      m.step((o) => o.run(mv1, 'visit:set_checklist_item', { visitId, itemId: 'ut-card', checked: true }))
        .open,
    ).toEqual([]);
    expect(m.step((o) => o.run(mv1, 'visit:park', { visitId })).open).toEqual([]);
  });

  it('reads again after a note (a redacted event leaves the state as it was)', () => {
    const m = new Mirror();
    const { visitId } = calledVisit(m);
    const plan = m.step((o) =>
      o.run(mv1, 'visit:add_note', { visitId, note: { text: 'Hej', visibility: 'shared' } }),
    );
    expect(plan.open).toEqual([visitId]);
  });

  it('reads again after the household or the consent changed', () => {
    const m = new Mirror();
    const { visitId } = calledVisit(m);
    const members = [{ name: 'Amal', birthDate: null, kind: 'adult' as const }];
    expect(
      m.step((o) => o.run(mv1, 'visit:set_household', { visitId, adults: 1, children: 0, members })).open,
    ).toEqual([visitId]);
    expect(m.step((o) => o.run(actors.reception, 'visit:update', { visitId, consent: false })).open).toEqual([
      visitId,
    ]);
  });

  it('lets go of a visit as soon as it leaves the desk', () => {
    const m = new Mirror();
    const { visitId } = calledVisit(m);
    m.step((o) => o.run(mv1, 'visit:start', { visitId }));
    const plan = m.step((o) =>
      o.run(mv1, 'visit:hand_over', { visitId, to: { kind: 'next' }, outcome: 'done' }),
    );
    expect(plan).toEqual({ held: [], open: [] });
  });

  it('reads everything again after a fresh snapshot (the configuration object is new)', () => {
    const m = new Mirror();
    const { visitId } = calledVisit(m);
    const snapshot = { office: fromData(structuredClone(toData(m.state.office!))), seq: m.state.seq };
    expect(planDetails(m.state, snapshot, 'mv-1')).toEqual({ held: [visitId], open: [visitId] });
  });

  it('ignores what happens at other desks', () => {
    const m = new Mirror();
    const { visitId } = calledVisit(m);
    const plan = m.step((o) => {
      o.walkIn();
      o.run(actors.desk('mv-2'), 'queue:call_next', {});
    });
    expect(plan).toEqual({ held: [visitId], open: [] });
  });
});
