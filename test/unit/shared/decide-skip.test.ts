import { describe, expect, it } from 'vitest';
import { queuePosition } from '../../../shared/queue.js';
import {
  actors,
  DomainDriver,
  eventTypes,
  expectRefused,
  MINUTE,
  serveNext,
  testConfig,
  UNKNOWN_ID,
} from '../../helpers/domain.js';

const mv1 = actors.desk('mv-1');

describe('visit:cancel', () => {
  it('ends the visit with its reason; a second cancel is refused', () => {
    const o = new DomainDriver();
    const { visitId } = o.walkIn();
    o.advance(MINUTE);
    expect(o.run(actors.admin, 'visit:cancel', { visitId, reason: 'wrong_office' }).events).toEqual([
      { type: 'visit_cancelled', visitId, reason: 'wrong_office' },
    ]);
    expect(o.visit(visitId)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'wrong_office',
      current: null,
      endedAt: o.now,
    });
    expectRefused(o, actors.reception, 'visit:cancel', { visitId, reason: 'other' }, 'VISIT_CLOSED');
    expectRefused(
      o,
      actors.reception,
      'visit:cancel',
      { visitId: UNKNOWN_ID, reason: 'other' },
      'UNKNOWN_VISIT',
    );
  });
});

describe('no-show and visit:reinstate', () => {
  function noShow() {
    const o = new DomainDriver(testConfig({ noShowRecallLimit: 0 }));
    o.signIn('mv-1');
    const { visitId } = o.walkIn();
    o.advance(MINUTE);
    const other = o.walkIn();
    o.run(mv1, 'visit:call', { visitId });
    o.run(mv1, 'visit:no_show', { visitId });
    return { o, visitId, other };
  }

  it('puts a no-show back in the queue, behind those already waiting', () => {
    const { o, visitId, other } = noShow();
    o.advance(10 * MINUTE);
    expect(o.run(actors.reception, 'visit:reinstate', { visitId }).events).toEqual([
      { type: 'reinstated', visitId, stationId: 'mv' },
    ]);
    expect(o.step(visitId)).toMatchObject({
      status: 'waiting',
      queuedAt: o.now,
      deskId: null,
      recalls: 0,
      endedAt: null,
    });
    expect(queuePosition(o.state, o.visit(other.visitId), o.now)).toBe(0);
    expect(queuePosition(o.state, o.visit(visitId), o.now)).toBe(1);
  });

  it('refuses to reinstate a visit that is not a no-show', () => {
    const { o, other } = noShow();
    expectRefused(o, actors.reception, 'visit:reinstate', { visitId: other.visitId }, 'INVALID_TRANSITION');
    expectRefused(o, actors.reception, 'visit:reinstate', { visitId: UNKNOWN_ID }, 'UNKNOWN_VISIT');
  });
});

describe('visit:skip_step', () => {
  it('skips a pending step in place', () => {
    const o = new DomainDriver();
    const { visitId } = o.walkIn();
    const decision = o.run(actors.reception, 'visit:skip_step', {
      visitId,
      stationId: 'af',
      reason: 'age_rule',
    });
    expect(decision.events).toEqual([{ type: 'step_skipped', visitId, stationId: 'af', reason: 'age_rule' }]);
    expect(o.visit(visitId).steps[1]).toMatchObject({
      status: 'skipped',
      skipReason: 'age_rule',
      endedAt: o.now,
    });
    expect(o.visit(visitId).current).toBe(0);
  });

  it('moves the visit on when the step it waits at is skipped', () => {
    const o = new DomainDriver();
    const { visitId } = o.walkIn();
    const decision = o.run(actors.admin, 'visit:skip_step', {
      visitId,
      stationId: 'mv',
      reason: 'already_done',
    });
    expect(eventTypes(decision)).toEqual(['step_skipped', 'handed_over']);
    expect(decision.events[1]).toMatchObject({
      fromStationId: 'mv',
      toStationId: 'af',
      toDeskId: null,
      warm: false,
    });
    expect(o.step(visitId)).toMatchObject({ stationId: 'af', status: 'waiting' });
  });

  it('moves a no-show on, and registers the visit when nothing is left', () => {
    const o = new DomainDriver(testConfig({ noShowRecallLimit: 0 }));
    o.signIn('mv-1');
    const { visitId } = o.walkIn();
    for (const stationId of ['af', 'skv-fk', 'kommun'])
      o.run(actors.reception, 'visit:skip_step', { visitId, stationId, reason: 'not_needed' });
    o.run(mv1, 'queue:call_next', {});
    o.run(mv1, 'visit:no_show', { visitId });
    const decision = o.run(actors.reception, 'visit:skip_step', {
      visitId,
      stationId: 'mv',
      reason: 'visitor_declined',
    });
    expect(eventTypes(decision)).toEqual(['step_skipped', 'visit_completed']);
    expect(o.visit(visitId).status).toBe('registered');
  });

  it('lets a desk skip a later step of the visit it holds, but not its own step', () => {
    const o = new DomainDriver();
    o.signIn('mv-1');
    const { visitId } = o.walkIn();
    expectRefused(
      o,
      mv1,
      'visit:skip_step',
      { visitId, stationId: 'af', reason: 'age_rule' },
      'INVALID_TRANSITION',
    );
    serveNext(o, 'mv-1');
    expectRefused(
      o,
      mv1,
      'visit:skip_step',
      { visitId, stationId: 'mv', reason: 'age_rule' },
      'INVALID_TRANSITION',
    );
    o.run(mv1, 'visit:skip_step', { visitId, stationId: 'af', reason: 'age_rule' });
    expect(o.visit(visitId).steps.map((s) => s.status)).toEqual(['serving', 'skipped', 'pending', 'pending']);
    expectRefused(
      o,
      actors.desk('mv-2'),
      'visit:skip_step',
      { visitId, stationId: 'kommun', reason: 'age_rule' },
      'NOT_SIGNED_IN',
    );
  });

  it('refuses a step the visit does not have, and one that is no longer open', () => {
    const o = new DomainDriver();
    o.signIn('mv-1');
    const { visitId } = o.walkIn();
    expectRefused(
      o,
      actors.reception,
      'visit:skip_step',
      { visitId, stationId: 'pm', reason: 'not_needed' },
      'UNKNOWN_STATION',
    );
    o.run(actors.reception, 'visit:skip_step', { visitId, stationId: 'af', reason: 'not_needed' });
    const again = expectRefused(
      o,
      actors.reception,
      'visit:skip_step',
      { visitId, stationId: 'af', reason: 'not_needed' },
      'INVALID_TRANSITION',
    );
    expect(again.details).toEqual({ status: 'skipped' });
    o.run(mv1, 'queue:call_next', {});
    // The step a desk has called cannot be skipped from reception either.
    expectRefused(
      o,
      actors.reception,
      'visit:skip_step',
      { visitId, stationId: 'mv', reason: 'not_needed' },
      'INVALID_TRANSITION',
    );
    expectRefused(
      o,
      actors.reception,
      'visit:skip_step',
      { visitId: UNKNOWN_ID, stationId: 'af', reason: 'not_needed' },
      'UNKNOWN_VISIT',
    );
  });
});
