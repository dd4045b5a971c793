import type { Appointment, Interpreter, Note, Step, Visit, VisitPrivate } from '../../shared/visit.js';

/** Row ↔ domain mappers for the projection tables. Column names mirror 0001_initial. */

export interface VisitRow {
  id: string;
  day: string;
  ticket: string;
  kind: string;
  language: string;
  interpreter_language: string | null;
  adults: number;
  children: number;
  consent: number;
  appointment_at: number | null;
  created_at: number;
  status: string;
  ended_at: number | null;
  cancel_reason: string | null;
  current_step: number | null;
  interpreter_id: string | null;
  interpreter_used: number;
}

export interface StepRow {
  visit_id: string;
  idx: number;
  station_id: string;
  status: string;
  queued_at: number | null;
  came_from: string | null;
  target_desk_id: string | null;
  desk_id: string | null;
  called_at: number | null;
  last_called_at: number | null;
  started_at: number | null;
  ended_at: number | null;
  recalls: number;
  outcome: string | null;
  skip_reason: string | null;
  checklist: string;
  rule_override: number;
  /** The visit's office day, for the statistics' index. */
  day: string;
}

export interface PrivateRow {
  visit_id: string;
  booking_ref: string | null;
  members: string;
  status_token: string | null;
}

export interface NoteRow {
  id: string;
  visit_id: string;
  at: number;
  visibility: string;
  agency: string;
  station_id: string;
  desk_id: string;
  officer: string;
  text: string | null;
}

export interface AppointmentRow {
  day: string;
  ref: string;
  at: number;
  language: string;
  interpreter_language: string | null;
  adults: number;
  children: number;
  visit_id: string | null;
}

export interface InterpreterRow {
  id: string;
  day: string;
  language: string;
  mode: string;
  name: string;
  visit_id: string | null;
}

export function visitToRow(v: Visit): VisitRow {
  return {
    id: v.id,
    day: v.day,
    ticket: v.ticket,
    kind: v.kind,
    language: v.language,
    interpreter_language: v.interpreterLanguage,
    adults: v.adults,
    children: v.children,
    consent: v.consent ? 1 : 0,
    appointment_at: v.appointmentAt,
    created_at: v.createdAt,
    status: v.status,
    ended_at: v.endedAt,
    cancel_reason: v.cancelReason,
    current_step: v.current,
    interpreter_id: v.interpreterId,
    interpreter_used: v.interpreterUsed ? 1 : 0,
  };
}

/** The visit's own columns that an update may change (the upsert's SET list). */
const UPDATED: readonly (keyof Visit)[] = [
  'language',
  'interpreterLanguage',
  'adults',
  'children',
  'consent',
  'status',
  'endedAt',
  'cancelReason',
  'current',
  'interpreterId',
  'interpreterUsed',
];

/** Whether the visit's row must be written again (most events change only a step). */
export function visitRowChanged(before: Visit, after: Visit): boolean {
  return UPDATED.some((key) => before[key] !== after[key]);
}

export function stepToRow(visit: { id: string; day: string }, idx: number, s: Step): StepRow {
  return {
    visit_id: visit.id,
    idx,
    station_id: s.stationId,
    status: s.status,
    queued_at: s.queuedAt,
    came_from: s.cameFrom,
    target_desk_id: s.targetDeskId,
    desk_id: s.deskId,
    called_at: s.calledAt,
    last_called_at: s.lastCalledAt,
    started_at: s.startedAt,
    ended_at: s.endedAt,
    recalls: s.recalls,
    outcome: s.outcome,
    skip_reason: s.skipReason,
    checklist: JSON.stringify(s.checklist),
    rule_override: s.ruleOverride ? 1 : 0,
    day: visit.day,
  };
}

// The rows were written by visitToRow/stepToRow from validated domain values, so reading them
// back narrows the string columns to the domain's unions without re-validating every field.
export function rowToVisit(r: VisitRow, steps: readonly StepRow[]): Visit {
  return {
    id: r.id,
    day: r.day,
    ticket: r.ticket,
    kind: r.kind as Visit['kind'],
    language: r.language as Visit['language'],
    interpreterLanguage: r.interpreter_language,
    adults: r.adults,
    children: r.children,
    consent: r.consent === 1,
    appointmentAt: r.appointment_at,
    createdAt: r.created_at,
    status: r.status as Visit['status'],
    endedAt: r.ended_at,
    cancelReason: r.cancel_reason as Visit['cancelReason'],
    steps: [...steps].sort((a, b) => a.idx - b.idx).map(rowToStep),
    current: r.current_step,
    interpreterId: r.interpreter_id,
    interpreterUsed: r.interpreter_used === 1,
  };
}

function rowToStep(s: StepRow): Step {
  return {
    stationId: s.station_id,
    status: s.status as Step['status'],
    queuedAt: s.queued_at,
    cameFrom: s.came_from,
    targetDeskId: s.target_desk_id,
    deskId: s.desk_id,
    calledAt: s.called_at,
    lastCalledAt: s.last_called_at,
    startedAt: s.started_at,
    endedAt: s.ended_at,
    recalls: s.recalls,
    outcome: s.outcome as Step['outcome'],
    skipReason: s.skip_reason as Step['skipReason'],
    checklist: JSON.parse(s.checklist) as Step['checklist'],
    ruleOverride: s.rule_override === 1,
  };
}

export function privateToRow(visitId: string, p: VisitPrivate): PrivateRow {
  return {
    visit_id: visitId,
    booking_ref: p.bookingRef,
    members: JSON.stringify(p.members),
    status_token: p.statusToken,
  };
}

export function rowToPrivate(r: PrivateRow): VisitPrivate {
  return {
    bookingRef: r.booking_ref,
    members: JSON.parse(r.members) as VisitPrivate['members'],
    statusToken: r.status_token ?? '',
  };
}

export function noteToRow(n: Note): NoteRow {
  return {
    id: n.id,
    visit_id: n.visitId,
    at: n.at,
    visibility: n.visibility,
    agency: n.agency,
    station_id: n.stationId,
    desk_id: n.deskId,
    officer: n.officer,
    text: n.text,
  };
}

export function rowToNote(r: NoteRow): Note {
  return {
    id: r.id,
    visitId: r.visit_id,
    at: r.at,
    visibility: r.visibility as Note['visibility'],
    agency: r.agency as Note['agency'],
    stationId: r.station_id,
    deskId: r.desk_id,
    officer: r.officer,
    text: r.text ?? '',
  };
}

export function appointmentToRow(a: Appointment): AppointmentRow {
  return {
    day: a.day,
    ref: a.ref,
    at: a.at,
    language: a.language,
    interpreter_language: a.interpreterLanguage,
    adults: a.adults,
    children: a.children,
    visit_id: a.visitId,
  };
}

export function rowToAppointment(r: AppointmentRow): Appointment {
  return {
    ref: r.ref,
    day: r.day,
    at: r.at,
    language: r.language as Appointment['language'],
    interpreterLanguage: r.interpreter_language,
    adults: r.adults,
    children: r.children,
    visitId: r.visit_id,
  };
}

export function interpreterToRow(day: string, i: Interpreter): InterpreterRow {
  return { id: i.id, day, language: i.language, mode: i.mode, name: i.name, visit_id: i.visitId };
}

export function rowToInterpreter(r: InterpreterRow): Interpreter {
  return {
    id: r.id,
    language: r.language,
    mode: r.mode as Interpreter['mode'],
    name: r.name,
    visitId: r.visit_id,
  };
}
