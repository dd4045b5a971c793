import { describe, expect, it } from 'vitest';
import type { CommandName } from '../../../shared/commands.js';
import type { ErrorCode } from '../../../shared/errors.js';
import type { Actor } from '../../../shared/events.js';
import { deskIsBusy, queuePosition, stationQueue } from '../../../shared/queue.js';
import {
  actors,
  DomainDriver,
  eventTypes,
  expectRefused,
  MINUTE,
  T0,
  testConfig,
  UNKNOWN_ID,
} from '../../helpers/domain.js';

const mv1 = actors.desk('mv-1');
const mv2 = actors.desk('mv-2');

/** An office with both MV desks open. */
function office(config = testConfig()) {
  const o = new DomainDriver(config);
  o.signIn('mv-1');
  o.signIn('mv-2');
  return o;
}

function refuse(o: DomainDriver, actor: Actor, name: CommandName, payload: object, code: ErrorCode) {
  return expectRefused(o, actor, name as 'visit:call', payload as never, code);
}

describe('desk:sign_in', () => {
  it('opens the desk for the officer', () => {
    const o = new DomainDriver();
    o.now = T0 + MINUTE;
    const decision = o.run(actors.desk('af-1'), 'desk:sign_in', { officer: 'Anna' });
    expect(decision.events).toEqual([{ type: 'desk_signed_in', deskId: 'af-1', officer: 'Anna' }]);
    expect(o.state.desks['af-1']).toEqual({ deskId: 'af-1', officer: 'Anna', since: T0 + MINUTE });
  });

  it('replaces an officer who forgot to sign out', () => {
    const o = new DomainDriver();
    o.signIn('af-1', 'Anna');
    const decision = o.run(actors.desk('af-1'), 'desk:sign_in', { officer: 'Björn' });
    expect(eventTypes(decision)).toEqual(['desk_signed_out', 'desk_signed_in']);
    expect(o.state.desks['af-1']?.officer).toBe('Björn');
  });

  it('refuses the same officer twice and a device of no desk', () => {
    const o = new DomainDriver();
    o.signIn('af-1', 'Anna');
    refuse(o, actors.desk('af-1'), 'desk:sign_in', { officer: 'Anna' }, 'ALREADY_SIGNED_IN');
    refuse(o, actors.desk('nowhere'), 'desk:sign_in', { officer: 'Anna' }, 'UNKNOWN_DESK');
    refuse(o, { ...mv1, deskId: null }, 'desk:sign_in', { officer: 'Anna' }, 'UNKNOWN_DESK');
  });
});

describe('desk:sign_out', () => {
  it('closes the desk', () => {
    const o = office();
    expect(o.run(mv1, 'desk:sign_out', {}).events).toEqual([{ type: 'desk_signed_out', deskId: 'mv-1' }]);
    expect(o.state.desks['mv-1']).toBeUndefined();
    refuse(o, mv1, 'desk:sign_out', {}, 'NOT_SIGNED_IN');
  });

  it('is refused while the desk holds a visit, parked ones included', () => {
    const o = office();
    const { visitId } = o.walkIn();
    o.run(mv1, 'queue:call_next', {});
    refuse(o, mv1, 'desk:sign_out', {}, 'DESK_BUSY');
    o.run(mv1, 'visit:start', { visitId });
    o.run(mv1, 'visit:park', { visitId });
    refuse(o, mv1, 'desk:sign_out', {}, 'DESK_BUSY');
    o.run(mv1, 'visit:return_to_queue', { visitId });
    o.run(mv1, 'desk:sign_out', {});
  });
});

/** Every command a desk runs on one visit, with a payload that would otherwise pass. */
const ON_VISIT: [CommandName, object][] = [
  ['visit:call', {}],
  ['visit:recall', {}],
  ['visit:no_show', {}],
  ['visit:start', {}],
  ['visit:return_to_queue', {}],
  ['visit:park', {}],
  ['visit:add_note', { note: { text: 'hej', visibility: 'agency' } }],
  ['visit:set_checklist_item', { itemId: 'decision-served', checked: true }],
  ['visit:hand_over', { to: { kind: 'next' }, outcome: 'done' }],
  ['visit:complete_step', { outcome: 'done' }],
  ['visit:complete', { outcome: 'done' }],
];

describe.each(ON_VISIT)('%s: the common guards', (name, extra) => {
  it('needs a desk of the office with an officer signed in', () => {
    const o = new DomainDriver();
    const { visitId } = o.walkIn();
    refuse(o, mv1, name, { visitId, ...extra }, 'NOT_SIGNED_IN');
    refuse(o, actors.desk('nowhere'), name, { visitId, ...extra }, 'UNKNOWN_DESK');
    refuse(o, { ...mv1, deskId: null }, name, { visitId, ...extra }, 'UNKNOWN_DESK');
  });

  it('refuses a desk whose station is missing from the config', () => {
    // The schema forbids this; the config is built past it to reach decide's own guard.
    const config = testConfig();
    const o = new DomainDriver({
      ...config,
      desks: [...config.desks, { id: 'ghost-1', name: 'G', stationId: 'ghost' }],
    });
    o.signIn('mv-1');
    const { visitId } = o.walkIn();
    o.state = {
      ...o.state,
      desks: { ...o.state.desks, 'ghost-1': { deskId: 'ghost-1', officer: 'G', since: T0 } },
    };
    refuse(o, actors.desk('ghost-1'), name, { visitId, ...extra }, 'UNKNOWN_STATION');
  });

  it('needs a visit that exists and is still open', () => {
    const o = office();
    refuse(o, mv1, name, { visitId: UNKNOWN_ID, ...extra }, 'UNKNOWN_VISIT');
    const { visitId } = o.walkIn();
    o.run(actors.reception, 'visit:cancel', { visitId, reason: 'visitor_left' });
    refuse(o, mv1, name, { visitId, ...extra }, 'VISIT_CLOSED');
  });

  it('refuses a visit at another station or held by another desk', () => {
    const o = office();
    o.signIn('af-1');
    const { visitId } = o.walkIn();
    o.run(mv1, 'queue:call_next', {});
    refuse(o, actors.desk('af-1'), name, { visitId, ...extra }, 'NOT_AT_THIS_STATION');
    refuse(o, mv2, name, { visitId, ...extra }, 'NOT_AT_THIS_DESK');
  });
});

describe('queue:call_next', () => {
  it('calls the first in the queue and reports its ticket', () => {
    const o = office();
    const first = o.walkIn();
    o.advance(MINUTE);
    o.walkIn();
    o.advance(MINUTE);
    const decision = o.run(mv1, 'queue:call_next', {});
    expect(decision.result).toEqual({ visitId: first.visitId, ticket: 'W001' });
    expect(decision.events).toEqual([
      { type: 'called', visitId: first.visitId, stationId: 'mv', deskId: 'mv-1' },
    ]);
    expect(o.step(first.visitId)).toMatchObject({
      status: 'called',
      deskId: 'mv-1',
      calledAt: o.now,
      lastCalledAt: o.now,
    });
  });

  it('needs a desk of the office with an officer signed in', () => {
    const o = office();
    o.walkIn();
    refuse(o, actors.desk('mv-3'), 'queue:call_next', {}, 'UNKNOWN_DESK');
    refuse(o, { ...mv1, deskId: null }, 'queue:call_next', {}, 'UNKNOWN_DESK');
    o.run(mv1, 'desk:sign_out', {});
    refuse(o, mv1, 'queue:call_next', {}, 'NOT_SIGNED_IN');
    refuse(o, actors.desk('mv-3'), 'desk:sign_out', {}, 'UNKNOWN_DESK');
  });

  it('refuses an empty queue and a busy desk; a parked visit does not block', () => {
    const o = office();
    refuse(o, mv1, 'queue:call_next', {}, 'QUEUE_EMPTY');
    const { visitId } = o.walkIn();
    o.walkIn();
    o.run(mv1, 'queue:call_next', {});
    refuse(o, mv1, 'queue:call_next', {}, 'DESK_BUSY');
    o.run(mv1, 'visit:start', { visitId });
    refuse(o, mv1, 'queue:call_next', {}, 'DESK_BUSY');
    o.run(mv1, 'visit:park', { visitId });
    expect(o.run(mv1, 'queue:call_next', {}).result).toMatchObject({ ticket: 'W002' });
  });

  it('never calls a visit another desk holds (two desks, two visitors)', () => {
    const o = office();
    const a = o.walkIn();
    const b = o.walkIn();
    expect(o.run(mv1, 'queue:call_next', {}).result).toMatchObject({ visitId: a.visitId });
    expect(o.run(mv2, 'queue:call_next', {}).result).toMatchObject({ visitId: b.visitId });
    refuse(o, actors.desk('mv-2'), 'visit:call', { visitId: a.visitId }, 'NOT_AT_THIS_DESK');
  });
});

describe('visit:call', () => {
  it('calls a chosen ticket out of turn', () => {
    const o = office();
    o.walkIn();
    const second = o.walkIn();
    expect(o.run(mv1, 'visit:call', { visitId: second.visitId }).result).toEqual({
      visitId: second.visitId,
      ticket: 'W002',
    });
    expect(o.step(second.visitId)?.status).toBe('called');
  });

  it('calls back a visit the desk parked, with fresh recalls', () => {
    const o = office();
    const { visitId } = o.walkIn();
    o.run(mv1, 'queue:call_next', {});
    o.advance(MINUTE);
    o.run(mv1, 'visit:recall', { visitId });
    o.run(mv1, 'visit:start', { visitId });
    o.run(mv1, 'visit:park', { visitId });
    o.advance(MINUTE);
    o.run(mv1, 'visit:call', { visitId });
    expect(o.step(visitId)).toMatchObject({
      status: 'called',
      recalls: 0,
      calledAt: T0,
      lastCalledAt: o.now,
    });
  });

  it('refuses while busy, and a visit already called', () => {
    const o = office();
    const a = o.walkIn();
    const b = o.walkIn();
    o.run(mv1, 'visit:call', { visitId: a.visitId });
    refuse(o, mv1, 'visit:call', { visitId: b.visitId }, 'DESK_BUSY');
    const error = refuse(o, mv1, 'visit:call', { visitId: a.visitId }, 'INVALID_TRANSITION');
    expect(error.details).toEqual({ status: 'called' });
  });
});

describe('visit:recall', () => {
  it('is allowed only after the recall pause and counts the recalls', () => {
    const o = office();
    const { visitId } = o.walkIn();
    o.run(mv1, 'queue:call_next', {});
    o.advance(14_999);
    refuse(o, mv1, 'visit:recall', { visitId }, 'RECALL_TOO_SOON');
    o.advance(1);
    expect(o.run(mv1, 'visit:recall', { visitId }).events).toEqual([
      { type: 'recalled', visitId, deskId: 'mv-1' },
    ]);
    expect(o.step(visitId)).toMatchObject({ recalls: 1, lastCalledAt: o.now, calledAt: T0 });
    refuse(o, mv1, 'visit:recall', { visitId }, 'RECALL_TOO_SOON');
  });

  it('is refused once serving', () => {
    const o = office();
    const { visitId } = o.walkIn();
    o.run(mv1, 'queue:call_next', {});
    o.run(mv1, 'visit:start', { visitId });
    o.advance(MINUTE);
    refuse(o, mv1, 'visit:recall', { visitId }, 'INVALID_TRANSITION');
  });
});

describe('visit:no_show', () => {
  it('needs N recalls, then ends the step as no_show and frees the desk', () => {
    const o = office();
    const { visitId } = o.walkIn();
    o.run(mv1, 'queue:call_next', {});
    const first = refuse(o, mv1, 'visit:no_show', { visitId }, 'RECALLS_REMAINING');
    expect(first.details).toEqual({ recalls: 0, needed: 2 });
    o.advance(MINUTE);
    o.run(mv1, 'visit:recall', { visitId });
    expect(refuse(o, mv1, 'visit:no_show', { visitId }, 'RECALLS_REMAINING').details).toEqual({
      recalls: 1,
      needed: 2,
    });
    o.advance(MINUTE);
    o.run(mv1, 'visit:recall', { visitId });
    expect(o.run(mv1, 'visit:no_show', { visitId }).events).toEqual([
      { type: 'no_show', visitId, stationId: 'mv' },
    ]);
    expect(o.step(visitId)).toMatchObject({ status: 'no_show', endedAt: o.now });
    expect(o.visit(visitId).status).toBe('active');
    expect(deskIsBusy(o.state, 'mv-1')).toBe(false);
    expect(stationQueue(o.state, 'mv', o.now)).toEqual([]);
  });

  it('follows the configured limit', () => {
    const o = office(testConfig({ noShowRecallLimit: 0 }));
    const { visitId } = o.walkIn();
    o.run(mv1, 'queue:call_next', {});
    o.run(mv1, 'visit:no_show', { visitId });
    expect(o.step(visitId)?.status).toBe('no_show');
  });

  it('is refused for a visitor being served', () => {
    const o = office(testConfig({ noShowRecallLimit: 0 }));
    const { visitId } = o.walkIn();
    o.run(mv1, 'queue:call_next', {});
    o.run(mv1, 'visit:start', { visitId });
    refuse(o, mv1, 'visit:no_show', { visitId }, 'INVALID_TRANSITION');
  });
});

describe('visit:start, visit:park and back', () => {
  it('starts a called visit and keeps the first start time through a park', () => {
    const o = office();
    const { visitId } = o.walkIn();
    o.run(mv1, 'queue:call_next', {});
    o.advance(MINUTE);
    expect(o.run(mv1, 'visit:start', { visitId }).events).toEqual([
      { type: 'serving_started', visitId, deskId: 'mv-1' },
    ]);
    refuse(o, mv1, 'visit:start', { visitId }, 'INVALID_TRANSITION');
    o.run(mv1, 'visit:park', { visitId });
    expect(o.step(visitId)).toMatchObject({ status: 'parked', deskId: 'mv-1' });
    o.advance(MINUTE);
    o.run(mv1, 'visit:start', { visitId });
    expect(o.step(visitId)).toMatchObject({ status: 'serving', startedAt: T0 + MINUTE });
  });

  it('does not resume a parked visit while the desk is busy with another', () => {
    const o = office();
    const a = o.walkIn();
    const b = o.walkIn();
    o.run(mv1, 'queue:call_next', {});
    o.run(mv1, 'visit:start', { visitId: a.visitId });
    o.run(mv1, 'visit:park', { visitId: a.visitId });
    o.run(mv1, 'queue:call_next', {});
    refuse(o, mv1, 'visit:start', { visitId: a.visitId }, 'DESK_BUSY');
    refuse(o, mv1, 'visit:call', { visitId: a.visitId }, 'DESK_BUSY');
    o.run(mv1, 'visit:start', { visitId: b.visitId });
    o.run(mv1, 'visit:park', { visitId: b.visitId });
    o.run(mv1, 'visit:start', { visitId: a.visitId });
    expect(o.step(a.visitId)?.status).toBe('serving');
  });

  it('parks only a visit being served', () => {
    const o = office();
    const { visitId } = o.walkIn();
    refuse(o, mv1, 'visit:park', { visitId }, 'INVALID_TRANSITION');
    o.run(mv1, 'queue:call_next', {});
    refuse(o, mv1, 'visit:park', { visitId }, 'INVALID_TRANSITION');
  });
});

describe('visit:return_to_queue', () => {
  it.each(['called', 'serving', 'parked'] as const)(
    'from %s keeps queuedAt, so the visit is first again',
    (from) => {
      const o = office();
      const { visitId } = o.walkIn();
      o.advance(MINUTE);
      const later = o.walkIn();
      o.run(mv1, 'visit:call', { visitId });
      if (from !== 'called') o.run(mv1, 'visit:start', { visitId });
      if (from === 'parked') o.run(mv1, 'visit:park', { visitId });
      o.advance(10 * MINUTE);
      expect(o.run(mv1, 'visit:return_to_queue', { visitId }).events).toEqual([
        { type: 'returned_to_queue', visitId, stationId: 'mv' },
      ]);
      expect(o.step(visitId)).toMatchObject({
        status: 'waiting',
        queuedAt: T0,
        deskId: null,
        recalls: 0,
        lastCalledAt: null,
      });
      expect(queuePosition(o.state, o.visit(visitId), o.now)).toBe(0);
      expect(queuePosition(o.state, o.visit(later.visitId), o.now)).toBe(1);
      expect(deskIsBusy(o.state, 'mv-1')).toBe(false);
    },
  );

  it('is refused for a visit that waits', () => {
    const o = office();
    const { visitId } = o.walkIn();
    refuse(o, mv1, 'visit:return_to_queue', { visitId }, 'INVALID_TRANSITION');
  });
});
