import type { PublicView } from '../../../../shared/views.js';

export type PublicCall = PublicView['calls'][number];

/**
 * Which calls the display has already announced. It holds only the calls in the current view
 * (at most the view's eight) and one number, `floor`: the latest call time among calls that
 * have left the view. A call at or before the floor is never announced again, so a call that
 * drops out of the view and comes back (more than eight called at once) stays quiet, and the
 * state cannot grow however long the display runs.
 */
export interface AnnouncedState {
  /** False until the first view: what is on screen when the display starts is not news. */
  readonly primed: boolean;
  readonly calls: readonly { readonly key: string; readonly calledAt: number }[];
  readonly floor: number;
}

export const NOTHING_ANNOUNCED: AnnouncedState = { primed: false, calls: [], floor: -Infinity };

/** A call or a recall: a recall of the same ticket has a new call time, so a new key. */
export function callKey(call: Pick<PublicCall, 'ticket' | 'calledAt'>): string {
  return `${call.ticket}@${call.calledAt}`;
}

/**
 * After a long reconnect the view may hold calls made while the display was away; those older
 * than this are shown but not chimed, since the visitor has long been called by the desk.
 */
export const ANNOUNCE_MAX_AGE_MS = 2 * 60_000;

/**
 * Takes a new view's calls: returns those to announce now (oldest first) and the state to keep.
 * Only calls still waiting for their visitor are announced; a snapshot after a reconnect brings
 * the same (ticket, calledAt) pairs, which are known and so stay quiet.
 */
export function noteCalls(
  state: AnnouncedState,
  calls: readonly PublicCall[],
  now: number,
): { state: AnnouncedState; fresh: PublicCall[] } {
  const current = calls.map((c) => ({ key: callKey(c), calledAt: c.calledAt }));
  if (!state.primed) return { state: { primed: true, calls: current, floor: state.floor }, fresh: [] };

  const known = new Set(state.calls.map((c) => c.key));
  const fresh = calls
    .filter(
      (c) =>
        c.active &&
        !known.has(callKey(c)) &&
        c.calledAt > state.floor &&
        now - c.calledAt <= ANNOUNCE_MAX_AGE_MS,
    )
    .sort((a, b) => a.calledAt - b.calledAt);

  const stillHere = new Set(current.map((c) => c.key));
  let floor = state.floor;
  for (const gone of state.calls) if (!stillHere.has(gone.key)) floor = Math.max(floor, gone.calledAt);
  return { state: { primed: true, calls: current, floor }, fresh };
}
