import { officeInstant } from '../../../../shared/day.js';
import type { OfficeState } from '../../../../shared/state.js';

/**
 * The audit view's filters. A ticket number is today's: the staff state holds today's visits,
 * and tickets start again each day.
 */

export const normalizeTicket = (text: string): string => text.replace(/\s/g, '').toUpperCase();

/** The id of today's visit with this ticket (the latest, should a number repeat), or null. */
export function visitIdForTicket(state: OfficeState, ticket: string): string | null {
  const wanted = normalizeTicket(ticket);
  if (!wanted) return null;
  let found: { id: string; at: number } | null = null;
  for (const visit of state.visits.values())
    if (visit.ticket === wanted && (found === null || visit.createdAt > found.at))
      found = { id: visit.id, at: visit.createdAt };
  return found?.id ?? null;
}

/**
 * An `<input type="datetime-local">` value ("2026-11-23T09:30") as an instant, read in the
 * office's time zone rather than the browser's; undefined when empty or not a time.
 */
export function instantOf(value: string, timeZone: string): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value);
  if (!m) return undefined;
  const at = officeInstant(m[1]!, m[2]!, timeZone);
  return Number.isFinite(at) ? at : undefined;
}

/**
 * What the server records: a read of visits (`visit:open`, `visit:find`), an admin's change to
 * devices or PINs (`device:revoke`, `officer:set_pin`), or an event type (`called`,
 * `config_changed`).
 */
export const isRead = (action: string): boolean => action.startsWith('visit:');
