import { describe, expect, it } from 'vitest';
import {
  filterCount,
  inFilter,
  isTicketQuery,
  listVisits,
  ticketMatches,
} from '../../../../renderer/src/screens/reception/visitList.js';
import { actors, DomainDriver, MINUTE } from '../../../helpers/domain.js';

const mv1 = actors.desk('mv-1');

/** Four walk-ins a minute apart: one called and missed, one cancelled. */
function office() {
  const o = new DomainDriver(undefined);
  o.state = { ...o.state, config: { ...o.state.config, noShowRecallLimit: 0 } };
  o.signIn('mv-1');
  const v = [0, 1, 2, 3].map(() => {
    const w = o.walkIn();
    o.advance(MINUTE);
    return w;
  });
  o.run(mv1, 'visit:call', { visitId: v[0]!.visitId });
  o.run(mv1, 'visit:no_show', { visitId: v[0]!.visitId });
  o.run(actors.reception, 'visit:cancel', { visitId: v[1]!.visitId, reason: 'duplicate' });
  return { o, v };
}

const tickets = (visits: { ticket: string }[]) => visits.map((x) => x.ticket);

describe('the visit list', () => {
  it('tells a ticket from a name or a reference', () => {
    for (const t of ['W14', 'w 014', 'W-14', '14', 'B001']) expect(isTicketQuery(t), t).toBe(true);
    for (const t of ['Olena', 'MV-55021', 'W14a', 'kovalenko', '']) expect(isTicketQuery(t), t).toBe(false);
  });

  it('matches a ticket by its number, with or without leading zeros, and by its start', () => {
    expect(ticketMatches('W014', 'W14')).toBe(true);
    expect(ticketMatches('W014', 'w 014')).toBe(true);
    expect(ticketMatches('W014', '14')).toBe(true);
    expect(ticketMatches('B014', '14')).toBe(true);
    expect(ticketMatches('W014', 'B14')).toBe(false);
    expect(ticketMatches('W014', 'W01')).toBe(true);
    expect(ticketMatches('W014', 'W2')).toBe(false);
  });

  it('shows visits in progress by default, newest first, missed and ended apart', () => {
    const { o } = office();
    const q = { text: '', found: null };
    expect(tickets(listVisits(o.state, { ...q, filter: 'active' }))).toEqual(['W004', 'W003']);
    expect(tickets(listVisits(o.state, { ...q, filter: 'no_show' }))).toEqual(['W001']);
    expect(tickets(listVisits(o.state, { ...q, filter: 'ended' }))).toEqual(['W002']);
    expect(tickets(listVisits(o.state, { ...q, filter: 'all' }))).toEqual(['W004', 'W003', 'W002', 'W001']);
    expect(['active', 'no_show', 'ended', 'all'].map((f) => filterCount(o.state, f as never))).toEqual([
      2, 1, 1, 4,
    ]);
  });

  it('finds a ticket whatever the filter, and shows the server’s answer to a name search as it is', () => {
    const { o, v } = office();
    expect(tickets(listVisits(o.state, { filter: 'active', text: 'w2', found: null }))).toEqual(['W002']);
    // A name typed but not yet searched: the list stays as filtered.
    expect(tickets(listVisits(o.state, { filter: 'active', text: 'Olena', found: null }))).toEqual([
      'W004',
      'W003',
    ]);
    const found = [v[2]!.visitId, v[0]!.visitId, 'gone-from-state'];
    expect(tickets(listVisits(o.state, { filter: 'active', text: 'Olena', found }))).toEqual([
      'W003',
      'W001',
    ]);
  });

  it('returns the state’s own visit objects, so a shallow comparison sees no change', () => {
    const { o } = office();
    const q = { filter: 'all' as const, text: '', found: null };
    const a = listVisits(o.state, q);
    const b = listVisits(o.state, q);
    expect(a).not.toBe(b);
    a.forEach((visit, i) => expect(visit).toBe(b[i]));
    expect(listVisits(null, q)).toEqual([]);
  });

  it('counts a missed visit as missed, not as in progress', () => {
    const { o, v } = office();
    const missed = o.visit(v[0]!.visitId);
    expect(inFilter(missed, 'no_show')).toBe(true);
    expect(inFilter(missed, 'active')).toBe(false);
    o.run(actors.reception, 'visit:reinstate', { visitId: missed.id });
    expect(inFilter(o.visit(missed.id), 'active')).toBe(true);
  });
});
