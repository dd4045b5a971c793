import { z } from 'zod';

/**
 * A ticket is its kind's prefix letter and the day's number for that prefix, at least three
 * digits (`W007`, `B123`, `W10000`). One rule for the schema, the generator and the screens: a
 * number never wraps and never outgrows the form. Fifteen digits hold any count a day can reach
 * (a billion check-ins a second would take a month to pass them), so no day can outgrow it.
 */
export const TICKET_PATTERN = /^[A-Z]\d{3,15}$/;
export const TicketSchema = z.string().regex(TICKET_PATTERN);

export function formatTicket(prefix: string, number: number): string {
  return prefix + String(number).padStart(3, '0');
}

export function ticketNumber(ticket: string): number {
  return Number(ticket.slice(1));
}

/** By prefix, then by number: `W999` before `W1000`, as they were given. */
export function compareTickets(a: string, b: string): number {
  return a.charCodeAt(0) - b.charCodeAt(0) || ticketNumber(a) - ticketNumber(b);
}
