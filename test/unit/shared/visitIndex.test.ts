import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideStartDay } from '../../../shared/decide/index.js';
import { SYSTEM_ACTOR } from '../../../shared/events.js';
import { applyAll } from '../../../shared/apply.js';
import type { OfficeState } from '../../../shared/state.js';
import {
  buildIndex,
  CALLS_SHOWN,
  indexOf,
  SERVICE_SAMPLES,
  touchedVisit,
  type VisitIndex,
} from '../../../shared/visitIndex.js';
import { actors, DomainDriver, MINUTE } from '../../helpers/domain.js';
import { DESKS } from '../../helpers/office.js';

/** What the queues and views read of an index: kept beyond that may differ, this may not. */
function readable(index: VisitIndex) {
  const top = <T>(r: { top: readonly T[]; total: number }, n: number) => ({
    top: r.top.slice(0, n),
    total: r.total,
  });
  return {
    waiting: Object.fromEntries(Object.entries(index.waiting).filter(([, list]) => list.length > 0)),
    atDesk: Object.fromEntries(Object.entries(index.atDesk).filter(([, list]) => list.length > 0)),
    served: Object.fromEntries(
      Object.entries(index.served)
        .filter(([, r]) => r.total > 0)
        .map(([id, r]) => [id, top(r, SERVICE_SAMPLES)]),
    ),
    activeCalls: index.activeCalls,
    pastCalls: top(index.pastCalls, CALLS_SHOWN),
    tokens: Object.fromEntries(index.tokens),
  };
}

/** Weighted so that households get far along the chain: most actions are a desk's. */
const action = fc.oneof(
  {
    arbitrary: fc.record({ kind: fc.constant('walkIn' as const), adults: fc.integer({ min: 1, max: 3 }) }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      kind: fc.constantFrom(
        'callNext' as const,
        'start' as const,
        'handOver' as const,
        'complete' as const,
        'return' as const,
        'park' as const,
        'recall' as const,
        'noShow' as const,
        'signOut' as const,
        'signIn' as const,
      ),
      desk: fc.constantFrom(...DESKS),
    }),
    weight: 30,
  },
  {
    arbitrary: fc.record({ kind: fc.constantFrom('cancel' as const, 'reinstate' as const), pick: fc.nat() }),
    weight: 1,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('advance' as const), minutes: fc.integer({ min: 0, max: 20 }) }),
    weight: 3,
  },
  { arbitrary: fc.constant({ kind: 'dayTurn' as const }), weight: 1 },
);
type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

function run(o: DomainDriver, a: Action): void {
  const heldBy = (desk: string) =>
    [...o.state.visits.values()].find((v) => {
      const step = v.current === null ? undefined : v.steps[v.current];
      return v.status === 'active' && step?.deskId === desk && step.status !== 'waiting';
    });
  const desk = 'desk' in a ? actors.desk(a.desk) : actors.kiosk;
  const held = 'desk' in a ? heldBy(a.desk)?.id : undefined;
  const any = 'pick' in a ? [...o.state.visits.keys()][a.pick % Math.max(1, o.state.visits.size)] : undefined;
  switch (a.kind) {
    case 'walkIn':
      o.try(actors.kiosk, 'visit:check_in', {
        arrival: { kind: 'walk_in', adults: a.adults, children: 0 },
        language: 'ar',
        interpreterLanguage: null,
        consent: true,
      });
      return;
    case 'callNext':
      o.try(desk, 'queue:call_next', {});
      return;
    case 'signIn':
      o.try(desk, 'desk:sign_in', { officer: `Officer ${a.desk}` });
      return;
    case 'signOut':
      o.try(desk, 'desk:sign_out', {});
      return;
    case 'advance':
      o.advance(a.minutes * MINUTE);
      return;
    case 'dayTurn': {
      o.advance(24 * 60 * MINUTE);
      const day = new Date(o.now + 3_600_000).toISOString().slice(0, 10);
      const events = decideStartDay(o.state, day).map((event) => ({
        seq: ++o.seq,
        at: o.now,
        commandId: 'system:day-start',
        actor: SYSTEM_ACTOR,
        event,
      }));
      o.log.push(...events);
      o.state = applyAll(o.state, events);
      return;
    }
    case 'cancel':
      if (any) o.try(actors.reception, 'visit:cancel', { visitId: any, reason: 'visitor_left' });
      return;
    case 'reinstate':
      if (any) o.try(actors.reception, 'visit:reinstate', { visitId: any });
      return;
  }
  if (!held) return;
  const visitId = held;
  switch (a.kind) {
    case 'start':
      o.try(desk, 'visit:start', { visitId });
      return;
    case 'handOver':
      o.try(desk, 'visit:hand_over', { visitId, to: { kind: 'next' }, outcome: 'done' });
      return;
    case 'complete':
      o.try(desk, 'visit:complete_step', { visitId, outcome: 'done' });
      return;
    case 'return':
      o.try(desk, 'visit:return_to_queue', { visitId });
      return;
    case 'park':
      o.try(desk, 'visit:park', { visitId });
      return;
    case 'recall':
      o.try(desk, 'visit:recall', { visitId });
      return;
    case 'noShow':
      o.try(desk, 'visit:no_show', { visitId });
      return;
  }
}

describe('the visit index', () => {
  it('carried event by event, reads the same as one built from the whole state', () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 50, maxLength: 400, size: 'max' }), (actions) => {
        const o = new DomainDriver();
        for (const desk of DESKS) o.signIn(desk);
        indexOf(o.state);
        for (const a of actions) {
          run(o, a);
          expect(readable(indexOf(o.state))).toEqual(readable(buildIndex(o.state)));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('an event changes no visit but the one it names (the projection writes only that one)', () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 50, maxLength: 200, size: 'max' }), (actions) => {
        const o = new DomainDriver();
        for (const desk of DESKS) o.signIn(desk);
        let before: OfficeState = o.state;
        let seen = 0;
        for (const a of actions) {
          run(o, a);
          // Event by event: replay the new ones from the state before them.
          for (const envelope of o.log.slice(seen)) {
            const after = applyAll(before, [envelope]);
            const touched = touchedVisit(envelope.event);
            if (touched !== undefined)
              for (const [id, visit] of after.visits)
                if (
                  before.visits.get(id) !== visit ||
                  before.privateData.get(id) !== after.privateData.get(id)
                )
                  expect(id, envelope.event.type).toBe(touched);
            before = after;
          }
          seen = o.log.length;
        }
      }),
      { numRuns: 40 },
    );
  });
});
