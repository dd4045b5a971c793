import { visitIdOf, type DomainEvent, type EventEnvelope } from '../../shared/events.js';
import type { OfficeConfig } from '../../shared/office.js';
import { fromData, initialState, toData, type OfficeState } from '../../shared/state.js';
import { ticketNumber } from '../../shared/ticket.js';
import { normalizeBookingRef, type Visit } from '../../shared/visit.js';
import {
  appointmentToRow,
  interpreterToRow,
  noteToRow,
  privateToRow,
  rowToAppointment,
  rowToInterpreter,
  rowToNote,
  rowToPrivate,
  rowToVisit,
  stepToRow,
  visitRowChanged,
  visitToRow,
  type AppointmentRow,
  type InterpreterRow,
  type NoteRow,
  type PrivateRow,
  type StepRow,
  type VisitRow,
} from './visitRows.js';

/** A desk's open session, as its row holds it. */
export interface SessionRow {
  desk_id: string;
  officer: string;
  since: number;
}

/**
 * One write to the projection's tables. Both stores carry these out, each in its own SQL: what
 * changed is worked out once, here.
 */
export type RowChange =
  | { readonly op: 'visit'; readonly row: VisitRow }
  | { readonly op: 'step'; readonly row: StepRow }
  | { readonly op: 'private'; readonly row: PrivateRow }
  | { readonly op: 'note'; readonly row: NoteRow }
  /** An import replaces the day's list: the bookings nobody checked in with go first. */
  | { readonly op: 'clearOpenAppointments'; readonly day: string }
  | { readonly op: 'appointment'; readonly row: AppointmentRow }
  | { readonly op: 'interpreter'; readonly row: InterpreterRow }
  | { readonly op: 'removeInterpreter'; readonly id: string }
  | { readonly op: 'session'; readonly row: SessionRow }
  | { readonly op: 'endSession'; readonly deskId: string }
  | { readonly op: 'config'; readonly config: string; readonly at: number }
  | { readonly op: 'day'; readonly day: string };

/**
 * What a command's events changed in the projection. `states[i + 1]` is the state after
 * `envelopes[i]`. `apply` shares every object it did not change, so what changed is exactly
 * what is no longer identical; the projection's logic thus lives once, in `apply`, and never
 * again in SQL. Event by event, because the day's turn evicts the day's visits from the live
 * state right after closing them, and the closing must still reach the tables (which keep the
 * history until retention).
 */
export function projectionChanges(
  states: readonly OfficeState[],
  envelopes: readonly EventEnvelope[],
  at: number,
): RowChange[] {
  const changes: RowChange[] = [];
  envelopes.forEach((envelope, i) => {
    const after = states[i + 1]!;
    if (envelope.event.type === 'day_started') changes.push({ op: 'day', day: after.day });
    else changesOf(states[i]!, after, envelope.event, at, changes);
  });
  return changes;
}

/**
 * An event changes at most one visit (visitIndex.ts `touchedVisit`; a test holds `apply` to
 * it), so only that visit's rows are compared: the cost of a command does not grow with the day.
 */
function changesOf(
  before: OfficeState,
  after: OfficeState,
  event: DomainEvent,
  at: number,
  out: RowChange[],
) {
  if (before.config !== after.config) out.push({ op: 'config', config: JSON.stringify(after.config), at });
  const id = visitIdOf(event);
  if (id !== null) {
    const visit = after.visits.get(id);
    const old = before.visits.get(id);
    if (visit && old !== visit) {
      if (!old || visitRowChanged(old, visit)) out.push({ op: 'visit', row: visitToRow(visit) });
      visit.steps.forEach((step, idx) => {
        if (old?.steps[idx] !== step) out.push({ op: 'step', row: stepToRow(visit, idx, step) });
      });
    }
    const secret = after.privateData.get(id);
    if (secret && before.privateData.get(id) !== secret)
      out.push({ op: 'private', row: privateToRow(id, secret) });
    const notes = after.notes.get(id) ?? [];
    for (const note of notes.slice(before.notes.get(id)?.length ?? 0))
      out.push({ op: 'note', row: noteToRow(note) });
  }
  if (before.appointments !== after.appointments) {
    // A check-in claims its booking, and only that one changes; an import replaces the list.
    const ref =
      event.type === 'checked_in' && event.private?.bookingRef
        ? normalizeBookingRef(event.private.bookingRef)
        : undefined;
    const claimed = ref === undefined ? undefined : after.appointments.get(ref);
    if (claimed) out.push({ op: 'appointment', row: appointmentToRow(claimed) });
    else {
      out.push({ op: 'clearOpenAppointments', day: after.day });
      for (const a of after.appointments.values()) out.push({ op: 'appointment', row: appointmentToRow(a) });
    }
  }
  for (const [interpreterId, interpreter] of Object.entries(after.interpreters))
    if (before.interpreters[interpreterId] !== interpreter)
      out.push({ op: 'interpreter', row: interpreterToRow(after.day, interpreter) });
  for (const interpreterId of Object.keys(before.interpreters))
    if (!(interpreterId in after.interpreters)) out.push({ op: 'removeInterpreter', id: interpreterId });
  for (const [deskId, session] of Object.entries(after.desks))
    if (before.desks[deskId] !== session)
      out.push({ op: 'session', row: { desk_id: deskId, officer: session.officer, since: session.since } });
  for (const deskId of Object.keys(before.desks))
    if (!(deskId in after.desks)) out.push({ op: 'endSession', deskId });
}

/** The rows the live state is read back from: the office day's visits and whatever is still open. */
export interface ProjectionRows {
  readonly day: string;
  readonly visits: readonly VisitRow[];
  readonly steps: readonly StepRow[];
  /** Oldest first. */
  readonly notes: readonly NoteRow[];
  readonly secrets: readonly PrivateRow[];
  readonly appointments: readonly AppointmentRow[];
  readonly interpreters: readonly InterpreterRow[];
  readonly sessions: readonly SessionRow[];
}

/** The live state from its rows, as either store read them. */
export function stateFromRows(config: OfficeConfig, rows: ProjectionRows): OfficeState {
  const { day } = rows;
  const byVisit = <R extends { visit_id: string }>(list: readonly R[]) => {
    const map = new Map<string, R[]>();
    for (const r of list) map.set(r.visit_id, [...(map.get(r.visit_id) ?? []), r]);
    return map;
  };
  const steps = byVisit(rows.steps);
  const notes = byVisit(rows.notes);
  const visits: Record<string, Visit> = {};
  for (const row of rows.visits) visits[row.id] = rowToVisit(row, steps.get(row.id) ?? []);
  const counters: Record<string, number> = {};
  for (const v of Object.values(visits)) {
    if (v.day !== day) continue;
    const prefix = v.ticket[0]!;
    counters[prefix] = Math.max(counters[prefix] ?? 0, ticketNumber(v.ticket));
  }
  return fromData({
    ...toData(initialState(config, day)),
    visits,
    privateData: Object.fromEntries(rows.secrets.map((r) => [r.visit_id, rowToPrivate(r)])),
    notes: Object.fromEntries([...notes].map(([id, list]) => [id, list.map(rowToNote)])),
    appointments: Object.fromEntries(rows.appointments.map((r) => [r.ref, rowToAppointment(r)])),
    interpreters: Object.fromEntries(rows.interpreters.map((r) => [r.id, rowToInterpreter(r)])),
    desks: Object.fromEntries(
      rows.sessions.map((r) => [r.desk_id, { deskId: r.desk_id, officer: r.officer, since: r.since }]),
    ),
    ticketCounters: counters,
  });
}
