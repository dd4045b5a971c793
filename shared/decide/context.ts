import { fail, ok, type Result } from '../errors.js';
import type { Actor, DomainEvent } from '../events.js';
import { stationOf, type Desk, type Station } from '../office.js';
import type { OfficeState } from '../state.js';
import { AT_DESK_STATUSES, type Step, type Visit } from '../visit.js';

/** What `decide` needs beyond state and command: the time, who asks, and fresh ids. */
export interface DecideContext {
  readonly now: number;
  readonly actor: Actor;
  /** A fresh UUID (visits, notes, interpreters). */
  readonly newId: () => string;
  /** A fresh unguessable token (a visitor's status page). */
  readonly newToken: () => string;
}

/** What a command yields: the events to append and the result for the ack. */
export interface Decision<R = unknown> {
  readonly events: readonly DomainEvent[];
  readonly result: R;
}

export type Decided<R = unknown> = Result<Decision<R>>;

export const decided = <R>(events: readonly DomainEvent[], result: R): Decided<R> => ok({ events, result });

/** The desk a desk device is, with its signed-in officer; refuses when nobody is signed in. */
export interface DeskActor {
  readonly desk: Desk;
  readonly station: Station;
  readonly officer: string;
}

export function signedInDesk(state: OfficeState, ctx: DecideContext): Result<DeskActor> {
  const deskId = ctx.actor.deskId;
  const desk = deskId === null ? undefined : state.config.desks.find((d) => d.id === deskId);
  if (!desk) return fail('UNKNOWN_DESK', 'this device is not paired to a desk of the office');
  const station = stationOf(state.config, desk.stationId);
  if (!station) return fail('UNKNOWN_STATION', `desk ${desk.id} has no station`);
  const session = state.desks[desk.id];
  if (!session) return fail('NOT_SIGNED_IN', 'an officer must sign in at this desk first');
  return ok({ desk, station, officer: session.officer });
}

export interface ActiveVisit {
  readonly visit: Visit;
  readonly step: Step;
}

/** The visit, which must still be active, with its active step. */
export function activeVisit(state: OfficeState, visitId: string): Result<ActiveVisit> {
  const visit = state.visits.get(visitId);
  if (!visit) return fail('UNKNOWN_VISIT', 'no such visit today');
  if (visit.status !== 'active' || visit.current === null)
    return fail('VISIT_CLOSED', `the visit is ${visit.status}`);
  const step = visit.steps[visit.current];
  if (!step) return fail('INTERNAL', 'the visit has no active step');
  return ok({ visit, step });
}

/** The visit's active step must be held by this desk, in one of the given statuses. */
export function heldByDesk(
  state: OfficeState,
  visitId: string,
  desk: DeskActor,
  statuses: readonly Step['status'][],
): Result<ActiveVisit> {
  const found = activeVisit(state, visitId);
  if (!found.ok) return found;
  const { step } = found.value;
  if (step.stationId !== desk.station.id)
    return fail('NOT_AT_THIS_STATION', 'the visit is at another station');
  if (AT_DESK_STATUSES.has(step.status) && step.deskId !== desk.desk.id)
    return fail('NOT_AT_THIS_DESK', 'another desk holds the visit');
  if (!statuses.includes(step.status))
    return fail('INVALID_TRANSITION', `not possible while the step is ${step.status}`, {
      status: step.status,
    });
  return found;
}
