import { describe, expect, it } from 'vitest';
import {
  deskFigures,
  deskIdsAt,
  minutesSince,
  officeTotals,
  stationFigures,
  stationIds,
  stationsOverThreshold,
  stepCounts,
} from '../../../../renderer/src/screens/admin/overview.js';
import { actors, DomainDriver, MINUTE, serveNext, T0, testConfig } from '../../../helpers/domain.js';

/** Two MV desks open, four walk-ins a few minutes apart, and one of them served at MV 1. */
function morning() {
  const o = new DomainDriver();
  o.signIn('mv-1', 'Anna Berg');
  o.signIn('mv-2', 'Karim Haddad');
  const tickets = [];
  for (let i = 0; i < 4; i++) {
    o.advance(2 * MINUTE);
    tickets.push(o.walkIn());
  }
  o.advance(MINUTE);
  const served = serveNext(o, 'mv-1');
  return { o, tickets, served };
}

describe('stationIds', () => {
  it('lists the chain in order, then stations outside it', () => {
    const base = testConfig();
    const o = new DomainDriver({ ...base, chain: ['af', 'mv', 'kommun'] });
    expect(stationIds(o.state)).toEqual(['af', 'mv', 'kommun', 'skv-fk']);
  });
});

describe('stationFigures', () => {
  it('counts the queue, the desks open and the longest wait in whole minutes', () => {
    const { o, tickets } = morning();
    o.advance(10 * MINUTE);
    const f = stationFigures(o.state, 'mv', o.now);
    expect(f.waiting).toBe(3);
    expect(f.serving).toBe(1);
    expect(f.called).toBe(0);
    expect(f.desksOpen).toBe(2);
    expect(f.desksTotal).toBe(2);
    // The second walk-in has waited since T0 + 4 min; now is T0 + 19 min.
    expect(f.longestWaitTicket).toBe(tickets[1]!.ticket);
    expect(f.longestWaitMinutes).toBe(15);
    expect(f.overThreshold).toBe(false);
    expect(f.estimatedWaitMinutes).not.toBeNull();
  });

  it('warns from the office threshold on, and not before', () => {
    const { o } = morning();
    const threshold = o.state.config.waitWarningMinutes;
    o.advance((threshold - 6) * MINUTE);
    expect(stationFigures(o.state, 'mv', o.now).overThreshold).toBe(false);
    expect(stationsOverThreshold(o.state, o.now)).toEqual([]);
    // The longest waiter joined at T0 + 4 min; the morning ended at T0 + 9 min.
    o.advance(MINUTE);
    expect(stationFigures(o.state, 'mv', o.now).longestWaitMinutes).toBe(threshold);
    expect(stationFigures(o.state, 'mv', o.now).overThreshold).toBe(true);
    expect(stationsOverThreshold(o.state, o.now)).toEqual(['mv']);
  });

  it('has no wait and no estimate at a station with nobody waiting and no desk open', () => {
    const { o } = morning();
    const f = stationFigures(o.state, 'kommun', o.now);
    expect(f).toMatchObject({ waiting: 0, longestWaitMinutes: null, longestWaitTicket: null, desksOpen: 0 });
    expect(f.estimatedWaitMinutes).toBeNull();
  });
});

describe('stepCounts and officeTotals', () => {
  it('counts every step of today by status, leaving cancelled visits out', () => {
    const { o, tickets } = morning();
    o.run(actors.reception, 'visit:cancel', { visitId: tickets[3]!.visitId, reason: 'visitor_left' });
    expect(stepCounts(o.state, 'mv')).toMatchObject({ waiting: 2, serving: 1, done: 0 });
    expect(stepCounts(o.state, 'af')).toMatchObject({ pending: 3, waiting: 0 });
    expect(officeTotals(o.state)).toEqual({
      active: 3,
      registered: 0,
      cancelled: 1,
      waiting: 2,
      atDesk: 1,
      desksOpen: 2,
      desksTotal: 8,
    });
  });
});

describe('deskFigures', () => {
  it('names the officer, since when, and the ticket the desk holds', () => {
    const { o, served } = morning();
    const ticket = o.visit(served).ticket;
    expect(deskFigures(o.state, 'mv-1')).toEqual({
      name: o.state.config.desks.find((d) => d.id === 'mv-1')!.name,
      stationId: 'mv',
      officer: 'Anna Berg',
      since: T0,
      ticket,
      status: 'serving',
      parked: 0,
    });
    expect(deskFigures(o.state, 'mv-2')).toMatchObject({
      officer: 'Karim Haddad',
      ticket: null,
      status: null,
    });
    expect(deskFigures(o.state, 'af-1')).toMatchObject({ officer: null, since: null, ticket: null });
    expect(deskFigures(o.state, 'nowhere')).toBeNull();
  });

  it('shows the visit called or served before parked ones, and counts the parked', () => {
    const { o, served } = morning();
    const desk = actors.desk('mv-1', 'Anna Berg');
    o.run(desk, 'visit:park', { visitId: served });
    const next = serveNext(o, 'mv-1');
    const f = deskFigures(o.state, 'mv-1')!;
    expect(f.ticket).toBe(o.visit(next).ticket);
    expect(f.status).toBe('serving');
    expect(f.parked).toBe(1);
  });

  it('lists a station’s desks in the configuration’s order', () => {
    const { o } = morning();
    expect(deskIdsAt(o.state, 'mv')).toEqual(['mv-1', 'mv-2']);
    expect(deskIdsAt(o.state, 'nowhere')).toEqual([]);
  });
});

describe('minutesSince', () => {
  it('floors to whole minutes and never goes below zero', () => {
    expect(minutesSince(T0, T0 + 59_999)).toBe(0);
    expect(minutesSince(T0, T0 + 60_000)).toBe(1);
    expect(minutesSince(T0 + 5_000, T0)).toBe(0);
  });
});
