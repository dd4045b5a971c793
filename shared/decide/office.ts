import type { AppointmentInput, CommandPayload } from '../commands.js';
import { officeInstant } from '../day.js';
import { fail } from '../errors.js';
import type { DomainEvent } from '../events.js';
import type { OfficeState } from '../state.js';
import { normalizeBookingRef, type Appointment } from '../visit.js';
import {
  activeVisit,
  decided,
  heldByDesk,
  signedInDesk,
  type DecideContext,
  type Decided,
} from './context.js';
import { endVisit } from './journey.js';

export function decideAddInterpreter(
  p: CommandPayload<'interpreter:add'>,
  ctx: DecideContext,
): Decided<{ interpreterId: string }> {
  const interpreter = { id: ctx.newId(), language: p.language, mode: p.mode, name: p.name, visitId: null };
  return decided([{ type: 'interpreter_added', interpreter }], { interpreterId: interpreter.id });
}

export function decideRemoveInterpreter(
  state: OfficeState,
  p: CommandPayload<'interpreter:remove'>,
): Decided {
  const interpreter = state.interpreters[p.interpreterId];
  if (!interpreter) return fail('UNKNOWN_INTERPRETER', 'no such interpreter today');
  if (interpreter.visitId !== null)
    return fail('INTERPRETER_BUSY', 'release the interpreter from the visit first');
  return decided([{ type: 'interpreter_removed', interpreterId: p.interpreterId }], {});
}

/** An on-site interpreter follows the visit across handovers until released. */
export function decideAttachInterpreter(
  state: OfficeState,
  p: CommandPayload<'interpreter:attach'>,
  ctx: DecideContext,
): Decided {
  const interpreter = state.interpreters[p.interpreterId];
  if (!interpreter) return fail('UNKNOWN_INTERPRETER', 'no such interpreter today');
  if (interpreter.visitId !== null) return fail('INTERPRETER_BUSY', 'the interpreter is with another visit');
  if (ctx.actor.role === 'desk') {
    const desk = signedInDesk(state, ctx);
    if (!desk.ok) return desk;
    const held = heldByDesk(state, p.visitId, desk.value, ['called', 'serving', 'parked']);
    if (!held.ok) return held;
  }
  const found = activeVisit(state, p.visitId);
  if (!found.ok) return found;
  if (found.value.visit.interpreterId !== null)
    return fail('INTERPRETER_BUSY', 'the visit already has an interpreter; release them first');
  return decided([{ type: 'interpreter_attached', interpreterId: p.interpreterId, visitId: p.visitId }], {});
}

export function decideReleaseInterpreter(
  state: OfficeState,
  p: CommandPayload<'interpreter:release'>,
  ctx: DecideContext,
): Decided {
  const interpreter = state.interpreters[p.interpreterId];
  if (!interpreter) return fail('UNKNOWN_INTERPRETER', 'no such interpreter today');
  if (interpreter.visitId === null) return fail('INVALID_TRANSITION', 'the interpreter is not with a visit');
  if (ctx.actor.role === 'desk') {
    const desk = signedInDesk(state, ctx);
    if (!desk.ok) return desk;
    const held = heldByDesk(state, interpreter.visitId, desk.value, ['called', 'serving', 'parked']);
    if (!held.ok) return held;
  }
  return decided(
    [{ type: 'interpreter_released', interpreterId: p.interpreterId, visitId: interpreter.visitId }],
    {},
  );
}

export interface ImportResult {
  readonly rows: number;
  readonly dryRun: boolean;
  /** References in the file that have already checked in today: kept as they are. */
  readonly alreadyCheckedIn: number;
  /** On a dry run, the rows as they will be imported, for the coordinator to look over. */
  readonly preview?: readonly AppointmentInput[];
}

/** Today's booking list, already read and checked row by row at the edge. */
export function decideImportAppointments(
  state: OfficeState,
  p: CommandPayload<'appointments:import'>,
  rows: readonly AppointmentInput[],
): Decided<ImportResult> {
  if (p.day !== state.day) return fail('WRONG_DAY', `only today's list (${state.day}) can be imported`);
  const appointments: Appointment[] = rows.map((row) => ({
    ref: normalizeBookingRef(row.ref),
    day: p.day,
    at: officeInstant(p.day, row.time, state.config.timeZone),
    language: row.language,
    interpreterLanguage: null,
    adults: row.adults,
    children: row.children,
    visitId: null,
  }));
  const alreadyCheckedIn = appointments.filter((a) => state.appointments.get(a.ref)?.visitId != null).length;
  const result = { rows: rows.length, dryRun: p.dryRun, alreadyCheckedIn };
  if (p.dryRun) return decided([], { ...result, preview: rows });
  return decided(
    [{ type: 'appointments_imported', day: p.day, count: appointments.length, appointments }],
    result,
  );
}

/**
 * The office day turns (at midnight, or at start after a night off): visits still open are
 * cancelled, desks signed out, and the live state starts the new day with fresh ticket numbers.
 */
export function decideStartDay(state: OfficeState, day: string): DomainEvent[] {
  const events: DomainEvent[] = [];
  for (const visit of state.visits.values()) {
    if (visit.status === 'active')
      events.push(...endVisit(visit, { type: 'visit_cancelled', visitId: visit.id, reason: 'day_ended' }));
  }
  for (const deskId of Object.keys(state.desks)) events.push({ type: 'desk_signed_out', deskId });
  events.push({ type: 'day_started', day });
  return events;
}

/**
 * A new office config, applied live. It may not pull a station or desk from under a visit that
 * still needs it, nor a desk from under its signed-in officer: those are named in the refusal.
 * Visits keep the steps they were given at check-in; a new chain applies to new arrivals.
 */
export function decideConfigure(state: OfficeState, p: CommandPayload<'office:configure'>): Decided {
  const { config } = p;
  const stations = new Set(config.stations.map((s) => s.id));
  const desks = new Map(config.desks.map((d) => [d.id, d.stationId]));
  const missingStations = new Set<string>();
  const missingDesks = new Set<string>();
  for (const visit of state.visits.values()) {
    if (visit.status !== 'active') continue;
    for (const step of visit.steps) {
      if (step.status === 'done' || step.status === 'skipped') continue;
      if (!stations.has(step.stationId)) missingStations.add(step.stationId);
      for (const deskId of [step.deskId, step.targetDeskId])
        if (deskId !== null && desks.get(deskId) !== step.stationId) missingDesks.add(deskId);
    }
  }
  for (const session of Object.values(state.desks)) {
    const before = state.config.desks.find((d) => d.id === session.deskId)?.stationId;
    if (desks.get(session.deskId) !== before) missingDesks.add(session.deskId);
  }
  if (missingStations.size > 0 || missingDesks.size > 0)
    return fail('CONFIG_CONFLICT', 'stations or desks in use today would be removed or moved', {
      stations: [...missingStations],
      desks: [...missingDesks],
    });
  return decided([{ type: 'config_changed', config }], {});
}
