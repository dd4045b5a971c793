import { OrderedMap } from 'immutable';
import type { OfficeConfig } from './office.js';
import type { Appointment, DeskSession, Interpreter, Note, Visit, VisitPrivate } from './visit.js';

/**
 * A persistent map by id: a change makes a new map that shares all but a few nodes with the
 * old one. The day's visits are thousands by the afternoon; copying a plain object of them on
 * every event made a command cost grow with the day (7 ms at 8,000 visits, 19 ms at 20,000).
 * Ordered: it iterates in the order ids were added (check-in order), as a plain object did.
 */
export type IdMap<V> = OrderedMap<string, V>;

export const idMap = <V>(entries: Readonly<Record<string, V>> = {}): IdMap<V> => OrderedMap(entries);

/**
 * The office's current state: the projection of the event log for the current office day.
 * The server holds the whole of it; staff screens hold a copy without the private parts
 * (`privateData`, `notes`, `appointments` are empty there, see views.ts).
 *
 * Treated as immutable: `apply` returns a new object and shares what it did not change. What is
 * derived from it for the queues and views is kept beside it (visitIndex.ts), never in it.
 */
export interface OfficeState {
  readonly config: OfficeConfig;
  /** The office day (`YYYY-MM-DD`, office time zone) that tickets are numbered in. */
  readonly day: string;
  readonly visits: IdMap<Visit>;
  readonly privateData: IdMap<VisitPrivate>;
  readonly notes: IdMap<readonly Note[]>;
  /** Today's appointments by normalised booking reference. */
  readonly appointments: IdMap<Appointment>;
  readonly interpreters: Readonly<Record<string, Interpreter>>;
  /** Who is signed in at each desk; absent when the desk is closed. */
  readonly desks: Readonly<Record<string, DeskSession>>;
  /** The last ticket number given today, per prefix. */
  readonly ticketCounters: Readonly<Record<string, number>>;
}

/** The state as it crosses the wire (a staff snapshot) and as tests write it: plain objects. */
export interface OfficeStateData extends Omit<
  OfficeState,
  'visits' | 'privateData' | 'notes' | 'appointments'
> {
  readonly visits: Readonly<Record<string, Visit>>;
  readonly privateData: Readonly<Record<string, VisitPrivate>>;
  readonly notes: Readonly<Record<string, readonly Note[]>>;
  readonly appointments: Readonly<Record<string, Appointment>>;
}

export function initialState(config: OfficeConfig, day: string): OfficeState {
  return fromData({
    config,
    day,
    visits: {},
    privateData: {},
    notes: {},
    appointments: {},
    interpreters: {},
    desks: {},
    ticketCounters: {},
  });
}

export function toData(state: OfficeState): OfficeStateData {
  return {
    ...state,
    visits: state.visits.toObject(),
    privateData: state.privateData.toObject(),
    notes: state.notes.toObject(),
    appointments: state.appointments.toObject(),
  };
}

export function fromData(data: OfficeStateData): OfficeState {
  return {
    ...data,
    visits: idMap(data.visits),
    privateData: idMap(data.privateData),
    notes: idMap(data.notes),
    appointments: idMap(data.appointments),
  };
}
