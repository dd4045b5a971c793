import {
  deskIsBusy,
  handoverTargets,
  nextForDesk,
  noShowAllowed,
  recallAllowed,
  visitsAtDesk,
} from '../../../../shared/queue.js';
import type { OfficeState } from '../../../../shared/state.js';
import { activeStep, type NoteVisibility, type Visit } from '../../../../shared/visit.js';

/**
 * Which desk actions can be used now, and if not, why: the same rules `decide` applies, so
 * that a button is disabled exactly when the server would refuse it, and the officer is told
 * why in words (a `desk` catalogue key and its values) rather than by a greyed-out button alone.
 */

export interface Reason {
  readonly key: string;
  readonly values?: Readonly<Record<string, string | number>>;
}

export type Availability = { readonly enabled: true } | { readonly enabled: false; readonly reason: Reason };

const yes: Availability = { enabled: true };
const no = (key: string, values?: Reason['values']): Availability => ({
  enabled: false,
  reason: values ? { key, values } : { key },
});

export const VISIT_ACTIONS = [
  'recall',
  'noShow',
  'start',
  'returnToQueue',
  'park',
  'handOver',
  'completeStep',
  'completeVisit',
] as const;
export type VisitAction = (typeof VISIT_ACTIONS)[number];

/** Whole seconds until this desk may call the ticket again; 0 when it may. */
export function recallWaitSeconds(visit: Visit, state: OfficeState, now: number): number {
  const step = activeStep(visit);
  if (!step || step.status !== 'called') return 0;
  const at = (step.lastCalledAt ?? 0) + state.config.recallPauseSeconds * 1000;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** What the desk may do with a visit it holds (called, in a meeting or parked). */
export function visitActions(
  state: OfficeState,
  deskId: string,
  visit: Visit,
  now: number,
): Record<VisitAction, Availability> {
  const step = activeStep(visit);
  const held = visit.status === 'active' && step !== undefined && step.deskId === deskId;
  if (!held || !step) {
    const gone = no('reason.notHere');
    return Object.fromEntries(VISIT_ACTIONS.map((a) => [a, gone])) as Record<VisitAction, Availability>;
  }
  const config = state.config;
  const left = handoverTargets(state, visit).stations.length;
  const called = step.status === 'called';
  const serving = step.status === 'serving';
  const parked = step.status === 'parked';

  const recall = !called
    ? no('reason.onlyWhenCalled')
    : recallAllowed(step, config, now)
      ? yes
      : no('reason.recallIn', { seconds: recallWaitSeconds(visit, state, now) });
  const noShow = !called
    ? no('reason.onlyWhenCalled')
    : noShowAllowed(step, config)
      ? yes
      : no('reason.recallsFirst', { done: step.recalls, needed: config.noShowRecallLimit });
  const start = serving
    ? no('reason.alreadyServing')
    : parked && deskIsBusy(state, deskId)
      ? no('reason.deskBusy')
      : yes;
  const needServing = serving ? yes : no(parked ? 'reason.resumeFirst' : 'reason.startFirst');

  return {
    recall,
    noShow,
    start,
    returnToQueue: yes,
    park: needServing,
    handOver: left === 0 ? no('reason.noStationsLeft') : yes,
    completeStep: needServing,
    completeVisit: !serving ? needServing : left > 0 ? no('reason.stationsLeft', { count: left }) : yes,
  };
}

/** "Call next": the desk must be open, free, and someone must be waiting for it. */
export function callNextAvailability(state: OfficeState, deskId: string, now: number): Availability {
  if (!state.desks[deskId]) return no('reason.signInFirst');
  if (deskIsBusy(state, deskId)) return no('reason.deskBusy');
  if (!nextForDesk(state, deskId, now)) return no('reason.queueEmpty');
  return yes;
}

/** "Call" on a chosen queue row (or "Resume" of a parked visit). */
export function callAvailability(state: OfficeState, deskId: string): Availability {
  if (!state.desks[deskId]) return no('reason.signInFirst');
  if (deskIsBusy(state, deskId)) return no('reason.deskBusy');
  return yes;
}

/** Whether calling this visit means calling it ahead of the one "Call next" would call. */
export function callsOutOfTurn(state: OfficeState, deskId: string, visitId: string, now: number): boolean {
  return nextForDesk(state, deskId, now)?.visit.id !== visitId;
}

/** Signing out leaves nobody behind: every visit at the desk must be returned, handed over or done. */
export function signOutAvailability(state: OfficeState, deskId: string): Availability {
  if (!state.desks[deskId]) return no('reason.signInFirst');
  const held = visitsAtDesk(state, deskId).length;
  return held > 0 ? no('reason.visitsAtDesk', { count: held }) : yes;
}

/** A shared note needs the visitor's consent; without it notes stay within the agency. */
export function sharedNoteAvailability(visit: Visit): Availability {
  return visit.consent ? yes : no('reason.noConsent');
}

/** The note editor starts shared where the visitor allows it, else within the agency. */
export function defaultNoteVisibility(visit: Visit): NoteVisibility {
  return visit.consent ? 'shared' : 'agency';
}

/** "Add note" needs some text (the server takes up to 4000 characters). */
export function noteAvailability(text: string): Availability {
  const length = text.trim().length;
  if (length === 0) return no('reason.writeFirst');
  if (length > 4000) return no('reason.noteTooLong');
  return yes;
}
