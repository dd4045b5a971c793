import { describe, expect, it } from 'vitest';
import { publicView } from '../../../../shared/views.js';
import {
  ANNOUNCE_MAX_AGE_MS,
  callKey,
  noteCalls,
  NOTHING_ANNOUNCED,
  type AnnouncedState,
} from '../../../../renderer/src/screens/display/announcements.js';
import { actors, DomainDriver, MINUTE } from '../../../helpers/domain.js';

const mv1 = actors.desk('mv-1');
const mv2 = actors.desk('mv-2');
const SECOND = 1_000;

/** An office with both MV desks open and `n` walk-ins waiting. */
function office(n = 4) {
  const o = new DomainDriver();
  o.signIn('mv-1');
  o.signIn('mv-2');
  const visits = Array.from({ length: n }, () => o.walkIn());
  return { o, visits };
}

/** Feeds the display the office's current public view, as the server would push it. */
function show(o: DomainDriver, state: AnnouncedState) {
  const { state: next, fresh } = noteCalls(state, publicView(o.state, o.seq).calls, o.now);
  return { state: next, fresh: fresh.map((c) => `${c.ticket}→${c.deskName}`) };
}

describe('noteCalls', () => {
  it('announces nothing that was already on screen when the display started', () => {
    const { o } = office();
    o.run(mv1, 'queue:call_next', {});
    const first = show(o, NOTHING_ANNOUNCED);
    expect(first.fresh).toEqual([]);
    expect(first.state.primed).toBe(true);
  });

  it('announces a new call once, and not again when the same view comes back after a reconnect', () => {
    const { o } = office();
    let s = show(o, NOTHING_ANNOUNCED).state;
    o.advance(SECOND);
    o.run(mv1, 'queue:call_next', {});
    const called = show(o, s);
    expect(called.fresh).toEqual(['W001→Migrationsverket 1']);
    s = called.state;
    // A reconnect brings a fresh snapshot of the very same calls.
    expect(show(o, s).fresh).toEqual([]);
    expect(show(o, show(o, s).state).fresh).toEqual([]);
  });

  it('announces a recall again, since it is a new call of the same ticket', () => {
    const { o } = office();
    let s = show(o, NOTHING_ANNOUNCED).state;
    const { visitId } = o.run(mv1, 'queue:call_next', {}).result as { visitId: string };
    s = show(o, s).state;
    o.advance(20 * SECOND);
    o.run(mv1, 'visit:recall', { visitId });
    expect(show(o, s).fresh).toEqual(['W001→Migrationsverket 1']);
  });

  it('does not announce a call that is already over when the view arrives', () => {
    const { o } = office();
    const s = show(o, NOTHING_ANNOUNCED).state;
    const { visitId } = o.run(mv1, 'queue:call_next', {}).result as { visitId: string };
    o.run(mv1, 'visit:start', { visitId });
    expect(show(o, s).fresh).toEqual([]);
  });

  it('announces calls that came together oldest first', () => {
    const { o } = office();
    const s = show(o, NOTHING_ANNOUNCED).state;
    o.run(mv1, 'queue:call_next', {});
    o.advance(SECOND);
    o.run(mv2, 'queue:call_next', {});
    expect(show(o, s).fresh).toEqual(['W001→Migrationsverket 1', 'W002→Migrationsverket 2']);
  });

  it('keeps quiet about calls made long ago that a reconnect brings in', () => {
    const { o } = office();
    const s = show(o, NOTHING_ANNOUNCED).state;
    o.run(mv1, 'queue:call_next', {});
    o.advance(ANNOUNCE_MAX_AGE_MS + SECOND);
    o.run(mv2, 'queue:call_next', {});
    expect(show(o, s).fresh).toEqual(['W002→Migrationsverket 2']);
  });

  it('never announces a call again that left the view and came back', () => {
    const base = { ticket: 'W001', stationId: 'mv', deskId: 'mv-1', deskName: 'MV 1', active: true };
    const call = (ticket: string, calledAt: number) => ({ ...base, ticket, calledAt });
    let s = noteCalls(NOTHING_ANNOUNCED, [], 0).state;
    const old = call('W001', 1_000);
    s = noteCalls(s, [old], 1_000).state;
    // Eight newer calls push it out of the view (more calls than the view holds)...
    const newer = Array.from({ length: 8 }, (_, i) => call(`W1${i}`, 2_000 + i));
    const pushed = noteCalls(s, newer, 3_000);
    expect(pushed.fresh).toHaveLength(8);
    // ...then one of them ends and the old one is back in view: it is not news.
    const back = noteCalls(pushed.state, [...newer.slice(1), old], 4_000);
    expect(back.fresh).toEqual([]);
  });

  it('holds no more than the view however many calls it sees', () => {
    const { o } = office(0);
    let s = show(o, NOTHING_ANNOUNCED).state;
    let announced = 0;
    for (let i = 0; i < 300; i++) {
      o.walkIn();
      o.advance(SECOND);
      const desk = i % 2 === 0 ? mv1 : mv2;
      const { visitId } = o.run(desk, 'queue:call_next', {}).result as { visitId: string };
      const shown = show(o, s);
      announced += shown.fresh.length;
      s = shown.state;
      o.run(desk, 'visit:start', { visitId });
      o.run(desk, 'visit:complete_step', { visitId, outcome: 'done' });
      s = show(o, s).state;
    }
    expect(announced).toBe(300);
    expect(s.calls.length).toBeLessThanOrEqual(8);
    expect(Object.keys(s)).toEqual(['primed', 'calls', 'floor']);
  });

  it('keys a call by ticket and call time', () => {
    expect(callKey({ ticket: 'W014', calledAt: 5 })).toBe('W014@5');
    expect(callKey({ ticket: 'W014', calledAt: 6 })).not.toBe(callKey({ ticket: 'W014', calledAt: 5 }));
  });

  it('still announces after the office day turns and the calls are cleared', () => {
    const { o } = office();
    let s = show(o, NOTHING_ANNOUNCED).state;
    o.run(mv1, 'queue:call_next', {});
    s = show(o, s).state;
    s = noteCalls(s, [], o.now + MINUTE).state;
    const next = noteCalls(
      s,
      [
        {
          ticket: 'W001',
          stationId: 'mv',
          deskId: 'mv-1',
          deskName: 'MV 1',
          calledAt: o.now + 2 * MINUTE,
          active: true,
        },
      ],
      o.now + 2 * MINUTE,
    );
    expect(next.fresh.map((c) => c.ticket)).toEqual(['W001']);
  });
});
