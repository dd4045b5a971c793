import { describe, expect, it } from 'vitest';
import {
  callAvailability,
  callNextAvailability,
  callsOutOfTurn,
  defaultNoteVisibility,
  noteAvailability,
  recallWaitSeconds,
  sharedNoteAvailability,
  signOutAvailability,
  visitActions,
  type Availability,
  type VisitAction,
} from '../../../../renderer/src/screens/desk/actionRules.js';
import { actors, DomainDriver, serveNext } from '../../../helpers/domain.js';

const mv1 = actors.desk('mv-1');
const enabled = (actions: Record<VisitAction, Availability>) =>
  Object.entries(actions)
    .filter(([, a]) => a.enabled)
    .map(([name]) => name)
    .sort();
const reason = (a: Availability) => (a.enabled ? null : a.reason);

function calledAtMv(options: { consent?: boolean } = {}) {
  const o = new DomainDriver();
  for (const desk of ['mv-1', 'af-1', 'skv-fk-1', 'kommun-1']) o.signIn(desk);
  o.walkIn(options);
  o.walkIn();
  const { visitId } = o.run(mv1, 'queue:call_next', {}).result as { visitId: string };
  return { o, visitId };
}

describe('visitActions', () => {
  it('while called: start, return, hand over; recall after the pause, no-show after the recalls', () => {
    const { o, visitId } = calledAtMv();
    const actions = visitActions(o.state, 'mv-1', o.visit(visitId), o.now);
    expect(enabled(actions)).toEqual(['handOver', 'returnToQueue', 'start']);
    expect(reason(actions.recall)).toEqual({ key: 'reason.recallIn', values: { seconds: 15 } });
    expect(reason(actions.noShow)).toEqual({ key: 'reason.recallsFirst', values: { done: 0, needed: 2 } });
    expect(reason(actions.park)).toEqual({ key: 'reason.startFirst' });
    expect(reason(actions.completeVisit)).toEqual({ key: 'reason.startFirst' });
  });

  it('counts the recall pause down to the second and agrees with the server on when it ends', () => {
    const { o, visitId } = calledAtMv();
    o.advance(5_500);
    expect(recallWaitSeconds(o.visit(visitId), o.state, o.now)).toBe(10);
    expect(visitActions(o.state, 'mv-1', o.visit(visitId), o.now).recall).toEqual({
      enabled: false,
      reason: { key: 'reason.recallIn', values: { seconds: 10 } },
    });
    o.advance(9_500);
    expect(recallWaitSeconds(o.visit(visitId), o.state, o.now)).toBe(0);
    expect(visitActions(o.state, 'mv-1', o.visit(visitId), o.now).recall.enabled).toBe(true);
    // The server agrees: the recall is accepted now, and the pause starts again.
    o.run(mv1, 'visit:recall', { visitId });
    expect(visitActions(o.state, 'mv-1', o.visit(visitId), o.now).recall.enabled).toBe(false);
  });

  it('allows "No show" once the configured number of recalls is made', () => {
    const { o, visitId } = calledAtMv();
    for (let i = 0; i < 2; i++) {
      expect(visitActions(o.state, 'mv-1', o.visit(visitId), o.now).noShow.enabled).toBe(false);
      o.advance(15_000);
      o.run(mv1, 'visit:recall', { visitId });
    }
    expect(visitActions(o.state, 'mv-1', o.visit(visitId), o.now).noShow.enabled).toBe(true);
    o.run(mv1, 'visit:no_show', { visitId });
  });

  it('while serving: park, return, hand over, complete the step; not the visit while stations are left', () => {
    const { o, visitId } = calledAtMv();
    o.run(mv1, 'visit:start', { visitId });
    const actions = visitActions(o.state, 'mv-1', o.visit(visitId), o.now);
    expect(enabled(actions)).toEqual(['completeStep', 'handOver', 'park', 'returnToQueue']);
    expect(reason(actions.start)).toEqual({ key: 'reason.alreadyServing' });
    expect(reason(actions.recall)).toEqual({ key: 'reason.onlyWhenCalled' });
    expect(reason(actions.completeVisit)).toEqual({ key: 'reason.stationsLeft', values: { count: 3 } });
  });

  it('at the last station: complete the visit, and no handover', () => {
    const { o, visitId } = calledAtMv();
    o.run(mv1, 'visit:start', { visitId });
    for (const stationId of ['af', 'skv-fk', 'kommun'])
      o.run(mv1, 'visit:skip_step', { visitId, stationId, reason: 'not_needed' });
    const actions = visitActions(o.state, 'mv-1', o.visit(visitId), o.now);
    expect(actions.completeVisit.enabled).toBe(true);
    expect(reason(actions.handOver)).toEqual({ key: 'reason.noStationsLeft' });
    o.run(mv1, 'visit:complete', { visitId, outcome: 'done' });
  });

  it('while parked: resume (start) unless another visit is at the desk', () => {
    const { o, visitId } = calledAtMv();
    o.run(mv1, 'visit:start', { visitId });
    o.run(mv1, 'visit:park', { visitId });
    let actions = visitActions(o.state, 'mv-1', o.visit(visitId), o.now);
    expect(enabled(actions)).toEqual(['handOver', 'returnToQueue', 'start']);
    expect(reason(actions.completeStep)).toEqual({ key: 'reason.resumeFirst' });
    o.run(mv1, 'queue:call_next', {});
    actions = visitActions(o.state, 'mv-1', o.visit(visitId), o.now);
    expect(reason(actions.start)).toEqual({ key: 'reason.deskBusy' });
  });

  it('offers nothing for a visit that is not at this desk', () => {
    const { o, visitId } = calledAtMv();
    const actions = visitActions(o.state, 'mv-2', o.visit(visitId), o.now);
    expect(enabled(actions)).toEqual([]);
    expect(reason(actions.start)).toEqual({ key: 'reason.notHere' });
  });
});

describe('calling', () => {
  it('"Call next" needs an officer, a free desk and someone waiting', () => {
    const o = new DomainDriver();
    expect(reason(callNextAvailability(o.state, 'mv-1', o.now))).toEqual({ key: 'reason.signInFirst' });
    o.signIn('mv-1');
    expect(reason(callNextAvailability(o.state, 'mv-1', o.now))).toEqual({ key: 'reason.queueEmpty' });
    o.walkIn();
    o.walkIn();
    expect(callNextAvailability(o.state, 'mv-1', o.now).enabled).toBe(true);
    serveNext(o, 'mv-1');
    expect(reason(callNextAvailability(o.state, 'mv-1', o.now))).toEqual({ key: 'reason.deskBusy' });
    expect(reason(callAvailability(o.state, 'mv-1'))).toEqual({ key: 'reason.deskBusy' });
  });

  it('asks for a confirmation only when calling someone other than the next in turn', () => {
    const o = new DomainDriver();
    o.signIn('mv-1');
    const first = o.walkIn();
    const second = o.walkIn();
    expect(callsOutOfTurn(o.state, 'mv-1', first.visitId, o.now)).toBe(false);
    expect(callsOutOfTurn(o.state, 'mv-1', second.visitId, o.now)).toBe(true);
  });
});

describe('signing out', () => {
  it('is refused while a visit is at the desk, parked ones included', () => {
    const { o, visitId } = calledAtMv();
    expect(reason(signOutAvailability(o.state, 'mv-1'))).toEqual({
      key: 'reason.visitsAtDesk',
      values: { count: 1 },
    });
    o.run(mv1, 'visit:start', { visitId });
    o.run(mv1, 'visit:park', { visitId });
    expect(signOutAvailability(o.state, 'mv-1').enabled).toBe(false);
    o.run(mv1, 'visit:return_to_queue', { visitId });
    expect(signOutAvailability(o.state, 'mv-1').enabled).toBe(true);
    expect(reason(signOutAvailability(o.state, 'mv-2'))).toEqual({ key: 'reason.signInFirst' });
  });
});

describe('notes', () => {
  it("shares only with the visitor's consent, and starts where the consent allows", () => {
    const shared = calledAtMv({ consent: true });
    const visit = shared.o.visit(shared.visitId);
    expect(sharedNoteAvailability(visit).enabled).toBe(true);
    expect(defaultNoteVisibility(visit)).toBe('shared');
    const withheld = calledAtMv({ consent: false });
    const private_ = withheld.o.visit(withheld.visitId);
    expect(reason(sharedNoteAvailability(private_))).toEqual({ key: 'reason.noConsent' });
    expect(defaultNoteVisibility(private_)).toBe('agency');
  });

  it('needs some text, and no more than the server takes', () => {
    expect(reason(noteAvailability('   '))).toEqual({ key: 'reason.writeFirst' });
    expect(noteAvailability('Ok').enabled).toBe(true);
    expect(reason(noteAvailability('x'.repeat(4001)))).toEqual({ key: 'reason.noteTooLong' });
  });
});
