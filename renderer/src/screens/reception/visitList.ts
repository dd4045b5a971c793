import type { OfficeState } from '../../../../shared/state.js';
import type { Visit } from '../../../../shared/visit.js';

/**
 * Which of today's visits reception's list shows. Everything here works on the staff state,
 * which has no names: a search for a name or a booking reference goes to the server
 * (`visit:find`) and comes back as visit ids.
 */
export const VISIT_FILTERS = ['active', 'no_show', 'ended', 'all'] as const;
export type VisitFilter = (typeof VISIT_FILTERS)[number];

const TICKET_QUERY = /^([A-Za-z])?[\s-]*(\d{1,4})$/;

/** "W14", "w 014", "14": a ticket, searched here; anything else is a name or a reference. */
export function isTicketQuery(text: string): boolean {
  return TICKET_QUERY.test(text.trim());
}

/** W14 finds W014 (same number), W01 also W010–W019 (the start of the ticket); 14 any prefix's 14. */
export function ticketMatches(ticket: string, text: string): boolean {
  const match = TICKET_QUERY.exec(text.trim());
  const own = /^([A-Z])(\d+)$/.exec(ticket);
  if (!match || !own) return false;
  const [, letter, digits] = match;
  if (letter && letter.toUpperCase() !== own[1]) return false;
  return Number(digits) === Number(own[2]) || (letter !== undefined && own[2]!.startsWith(digits!));
}

export function currentStatus(visit: Visit) {
  return visit.current === null ? undefined : visit.steps[visit.current]?.status;
}

export function inFilter(visit: Visit, filter: VisitFilter): boolean {
  switch (filter) {
    case 'active':
      return visit.status === 'active' && currentStatus(visit) !== 'no_show';
    case 'no_show':
      return visit.status === 'active' && currentStatus(visit) === 'no_show';
    case 'ended':
      return visit.status !== 'active';
    case 'all':
      return true;
  }
}

const newestFirst = (a: Visit, b: Visit) => b.createdAt - a.createdAt || b.ticket.localeCompare(a.ticket);

export interface ListQuery {
  readonly filter: VisitFilter;
  /** The search box: a ticket is matched here, across every status. */
  readonly text: string;
  /** The server's answer to a search by name or reference, newest first; null when none ran. */
  readonly found: readonly string[] | null;
}

/**
 * The visits to list, newest first. Returns the state's own visit objects, so that a selector
 * using it with `useShallow` re-renders only when a listed visit changed.
 */
export function listVisits(state: OfficeState | null, query: ListQuery): Visit[] {
  if (!state) return [];
  if (query.found !== null)
    return query.found.map((id) => state.visits.get(id)).filter((v): v is Visit => v !== undefined);
  const all = [...state.visits.values()];
  const text = query.text.trim();
  const shown = isTicketQuery(text)
    ? all.filter((v) => ticketMatches(v.ticket, text))
    : all.filter((v) => inFilter(v, query.filter));
  return shown.sort(newestFirst);
}

export function filterCount(state: OfficeState | null, filter: VisitFilter): number {
  if (!state) return 0;
  let n = 0;
  for (const v of state.visits.values()) if (inFilter(v, filter)) n++;
  return n;
}
