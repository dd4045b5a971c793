import type { OfficeConfig } from './office.js';
import type { Appointment, DeskSession, Interpreter, Note, Visit, VisitPrivate } from './visit.js';

/**
 * The office's current state: the projection of the event log for the current office day.
 * The server holds the whole of it; staff screens hold a copy without the private parts
 * (`privateData`, `notes`, `appointments` are empty there, see views.ts).
 *
 * Treated as immutable: `apply` returns a new object and shares what it did not change.
 */
export interface OfficeState {
  readonly config: OfficeConfig;
  /** The office day (`YYYY-MM-DD`, office time zone) that tickets are numbered in. */
  readonly day: string;
  readonly visits: Readonly<Record<string, Visit>>;
  readonly privateData: Readonly<Record<string, VisitPrivate>>;
  readonly notes: Readonly<Record<string, readonly Note[]>>;
  /** Today's appointments by normalised booking reference. */
  readonly appointments: Readonly<Record<string, Appointment>>;
  readonly interpreters: Readonly<Record<string, Interpreter>>;
  /** Who is signed in at each desk; absent when the desk is closed. */
  readonly desks: Readonly<Record<string, DeskSession>>;
  /** The last ticket number given today, per prefix. */
  readonly ticketCounters: Readonly<Record<string, number>>;
}

export function initialState(config: OfficeConfig, day: string): OfficeState {
  return {
    config,
    day,
    visits: {},
    privateData: {},
    notes: {},
    appointments: {},
    interpreters: {},
    desks: {},
    ticketCounters: {},
  };
}
