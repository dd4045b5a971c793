import { describe, expect, it } from 'vitest';
import { VisitSchema } from '../../../shared/visit.js';
import { compareTickets, formatTicket, TicketSchema, ticketNumber } from '../../../shared/ticket.js';
import { DomainDriver } from '../../helpers/domain.js';

describe('ticket numbers', () => {
  it('have at least three digits and never stop at four', () => {
    expect(formatTicket('W', 7)).toBe('W007');
    expect(formatTicket('W', 999)).toBe('W999');
    expect(formatTicket('W', 10_000)).toBe('W10000');
    expect(formatTicket('B', 123_456_789)).toBe('B123456789');
    for (const n of [1, 999, 1000, 9999, 10_000, 99_999, 100_000, 10 ** 12])
      expect(TicketSchema.safeParse(formatTicket('W', n)).success, String(n)).toBe(true);
  });

  it('refuse what is no ticket', () => {
    for (const bad of ['W', 'W1', 'W12', 'w123', 'WW123', 'W12a', '1234', 'W' + '1'.repeat(16)])
      expect(TicketSchema.safeParse(bad).success, bad).toBe(false);
  });

  it('sort in the order they were given', () => {
    const tickets = ['W1000', 'W999', 'B002', 'W10000', 'W001', 'B010'];
    expect([...tickets].sort(compareTickets)).toEqual(['B002', 'B010', 'W001', 'W999', 'W1000', 'W10000']);
    expect(ticketNumber('W10000')).toBe(10_000);
  });

  it('the generator and the schema agree past ticket 9999', () => {
    const office = new DomainDriver();
    office.state = { ...office.state, ticketCounters: { W: 9_998 } };
    const tickets = [office.walkIn().ticket, office.walkIn().ticket, office.walkIn().ticket];
    expect(tickets).toEqual(['W9999', 'W10000', 'W10001']);
    for (const visit of [...office.state.visits.values()])
      expect(VisitSchema.safeParse(visit).success, visit.ticket).toBe(true);
  });
});
