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
  const alreadyCheckedIn = appointments.filter((a) => state.appointments[a.ref]?.visitId != null).length;
  const result = { rows: rows.length, dryRun: p.dryRun, alreadyCheckedIn };
  if (p.dryRun) return decided([], result);
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
  for (const visit of Object.values(state.visits)) {
    if (visit.status === 'active')
      events.push(...endVisit(visit, { type: 'visit_cancelled', visitId: visit.id, reason: 'day_ended' }));
  }
  for (const deskId of Object.keys(state.desks)) events.push({ type: 'desk_signed_out', deskId });
  events.push({ type: 'day_started', day });
  return events;
}
