import type { CommandPayload } from '../commands.js';
import { fail, type Result } from '../errors.js';
import type { DomainEvent } from '../events.js';
import type { OfficeState } from '../state.js';
import { normalizeBookingRef, type Step, type Visit } from '../visit.js';
import { formatTicket } from '../ticket.js';
import {
  activeVisit,
  decided,
  heldByDesk,
  signedInDesk,
  type DecideContext,
  type Decided,
} from './context.js';
import { endVisit, moveOn } from './journey.js';

export interface CheckInResult {
  readonly visitId: string;
  readonly ticket: string;
  readonly statusToken: string;
}

function languageOffered(state: OfficeState, language: string): boolean {
  return (state.config.languages as readonly string[]).includes(language);
}

function interpreterLanguageOffered(state: OfficeState, language: string | null | undefined): boolean {
  return (
    language === null ||
    language === undefined ||
    state.config.interpreterLanguages.includes(language) ||
    languageOffered(state, language)
  );
}

function nextTicket(state: OfficeState, prefix: string): string {
  return formatTicket(prefix, (state.ticketCounters[prefix] ?? 0) + 1);
}

export function decideCheckIn(
  state: OfficeState,
  p: CommandPayload<'visit:check_in'>,
  ctx: DecideContext,
): Decided<CheckInResult> {
  if (!languageOffered(state, p.language))
    return fail('LANGUAGE_NOT_OFFERED', 'the office does not offer this language');
  if (!interpreterLanguageOffered(state, p.interpreterLanguage))
    return fail('LANGUAGE_NOT_OFFERED', 'no interpreter language of the office');

  let household: { adults: number; children: number };
  let appointmentAt: number | null = null;
  let bookingRef: string | null = null;
  if (p.arrival.kind === 'booked') {
    bookingRef = normalizeBookingRef(p.arrival.bookingRef);
    const appointment = state.appointments.get(bookingRef);
    // The same answer for "unknown" and "not today" so a kiosk reveals nothing about bookings.
    if (!appointment || appointment.day !== state.day)
      return fail('UNKNOWN_BOOKING_REF', 'no appointment today');
    if (appointment.visitId !== null)
      return fail('ALREADY_CHECKED_IN', 'this booking has already checked in');
    household = { adults: appointment.adults, children: appointment.children };
    appointmentAt = appointment.at;
  } else {
    household = { adults: p.arrival.adults, children: p.arrival.children };
  }

  const prefix =
    p.arrival.kind === 'booked' ? state.config.ticketPrefixes.booked : state.config.ticketPrefixes.walkIn;
  const ticket = nextTicket(state, prefix);
  const steps: Step[] = state.config.chain.map((stationId, i) => ({
    stationId,
    status: i === 0 ? 'waiting' : 'pending',
    queuedAt: i === 0 ? ctx.now : null,
    cameFrom: null,
    targetDeskId: null,
    deskId: null,
    calledAt: null,
    lastCalledAt: null,
    startedAt: null,
    endedAt: null,
    recalls: 0,
    outcome: null,
    skipReason: null,
    checklist: {},
    ruleOverride: false,
  }));
  const visit: Visit = {
    id: ctx.newId(),
    day: state.day,
    ticket,
    kind: p.arrival.kind,
    language: p.language,
    interpreterLanguage: p.interpreterLanguage,
    ...household,
    consent: p.consent,
    appointmentAt,
    createdAt: ctx.now,
    status: 'active',
    endedAt: null,
    cancelReason: null,
    steps,
    current: 0,
    interpreterId: null,
    interpreterUsed: false,
  };
  const statusToken = ctx.newToken();
  return decided([{ type: 'checked_in', visit, private: { bookingRef, members: [], statusToken } }], {
    visitId: visit.id,
    ticket,
    statusToken,
  });
}

/**
 * A desk may change only the visit it holds; reception and admin any active visit. Returns the
 * visit so callers need not look it up again.
 */
function changeableVisit(state: OfficeState, visitId: string, ctx: DecideContext): Result<Visit> {
  if (ctx.actor.role !== 'desk') {
    const found = activeVisit(state, visitId);
    return found.ok ? { ok: true, value: found.value.visit } : found;
  }
  const desk = signedInDesk(state, ctx);
  if (!desk.ok) return desk;
  const held = heldByDesk(state, visitId, desk.value, ['called', 'serving', 'parked']);
  return held.ok ? { ok: true, value: held.value.visit } : held;
}

export function decideUpdate(
  state: OfficeState,
  p: CommandPayload<'visit:update'>,
  ctx: DecideContext,
): Decided {
  const visit = changeableVisit(state, p.visitId, ctx);
  if (!visit.ok) return visit;
  if (p.language !== undefined && !languageOffered(state, p.language))
    return fail('LANGUAGE_NOT_OFFERED', 'the office does not offer this language');
  if (!interpreterLanguageOffered(state, p.interpreterLanguage))
    return fail('LANGUAGE_NOT_OFFERED', 'no interpreter language of the office');
  const change = {
    ...(p.language !== undefined && { language: p.language }),
    ...(p.interpreterLanguage !== undefined && { interpreterLanguage: p.interpreterLanguage }),
    ...(p.consent !== undefined && { consent: p.consent }),
  };
  if (Object.keys(change).length === 0) return fail('VALIDATION_FAILED', 'nothing to change');
  return decided([{ type: 'visit_updated', visitId: p.visitId, ...change }], {});
}

export function decideSetHousehold(
  state: OfficeState,
  p: CommandPayload<'visit:set_household'>,
  ctx: DecideContext,
): Decided {
  const visit = changeableVisit(state, p.visitId, ctx);
  if (!visit.ok) return visit;
  const adults = p.members.filter((m) => m.kind === 'adult').length;
  const children = p.members.length - adults;
  if (adults > p.adults || children > p.children)
    return fail('VALIDATION_FAILED', 'more members named than the household has');
  return decided(
    [
      {
        type: 'household_set',
        visitId: p.visitId,
        adults: p.adults,
        children: p.children,
        members: p.members,
      },
    ],
    {},
  );
}

export function decideCancel(state: OfficeState, p: CommandPayload<'visit:cancel'>): Decided {
  const found = activeVisit(state, p.visitId);
  if (!found.ok) return found;
  return decided(
    endVisit(found.value.visit, { type: 'visit_cancelled', visitId: p.visitId, reason: p.reason }),
    {},
  );
}

export function decideReinstate(state: OfficeState, p: CommandPayload<'visit:reinstate'>): Decided {
  const found = activeVisit(state, p.visitId);
  if (!found.ok) return found;
  const { step } = found.value;
  if (step.status !== 'no_show')
    return fail('INVALID_TRANSITION', 'only a no-show can be put back in the queue');
  return decided([{ type: 'reinstated', visitId: p.visitId, stationId: step.stationId }], {});
}

/**
 * Skipping a step the visit has still to pass. A desk may do it for the visit it holds (say the
 * Migrationsverket officer learns the Arbetsförmedlingen step does not apply), reception and
 * admin for any visit; skipping the step the visit waits at moves it on.
 */
export function decideSkipStep(
  state: OfficeState,
  p: CommandPayload<'visit:skip_step'>,
  ctx: DecideContext,
): Decided {
  const found = activeVisit(state, p.visitId);
  if (!found.ok) return found;
  const { visit } = found.value;
  const index = visit.steps.findIndex((s) => s.stationId === p.stationId);
  const step = visit.steps[index];
  if (!step) return fail('UNKNOWN_STATION', 'the visit has no step at this station');
  if (ctx.actor.role === 'desk') {
    const desk = signedInDesk(state, ctx);
    if (!desk.ok) return desk;
    const held = heldByDesk(state, p.visitId, desk.value, ['called', 'serving', 'parked']);
    if (!held.ok) return held;
    if (index === visit.current)
      return fail('INVALID_TRANSITION', 'complete or hand over the step you are serving');
  }
  const isCurrent = index === visit.current;
  const skippable =
    step.status === 'pending' || (isCurrent && (step.status === 'waiting' || step.status === 'no_show'));
  if (!skippable)
    return fail('INVALID_TRANSITION', `a ${step.status} step cannot be skipped`, { status: step.status });
  const skipped: DomainEvent = {
    type: 'step_skipped',
    visitId: visit.id,
    stationId: p.stationId,
    reason: p.reason,
  };
  return decided(isCurrent ? [skipped, ...moveOn(state, visit, p.stationId)] : [skipped], {});
}

/**
 * A desk overrides a station's rule (or undoes a skip): the step is to be done after all. A desk
 * may do it for the visit it holds, reception and admin for any active visit.
 */
export function decideRestoreStep(
  state: OfficeState,
  p: CommandPayload<'visit:restore_step'>,
  ctx: DecideContext,
): Decided {
  const visit = changeableVisit(state, p.visitId, ctx);
  if (!visit.ok) return visit;
  const step = visit.value.steps.find((s) => s.stationId === p.stationId);
  if (!step) return fail('UNKNOWN_STATION', 'the visit has no step at this station');
  if (step.status !== 'skipped')
    return fail('INVALID_TRANSITION', `a ${step.status} step cannot be restored`);
  return decided(
    [{ type: 'step_restored', visitId: p.visitId, stationId: p.stationId, reason: p.reason }],
    {},
  );
}
