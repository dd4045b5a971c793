import type { OfficeState } from '../../../../shared/state.js';
import { heldVisitIds } from './deskView.js';

/**
 * When to read a visit's personal data and notes (`visit:open`, which the server audits) and
 * when to let go of them. Staff events carry no personal data, so a change to it shows only
 * indirectly in the state:
 * - a visit arrives at the desk (called, or a parked one seen for the first time): open it;
 * - an event left the state as it was (a redacted `note_added`): the notes may have grown;
 * - a visit changed without a step or interpreter change (`household_set`, a consent change):
 *   the members or the notes it may share may have changed;
 * - the configuration object changed (a fresh snapshot after a gap): anything may have.
 * Everything else (calls, checklist ticks) changes nothing this desk reads through `visit:open`.
 */

export interface MirrorState {
  readonly office: OfficeState | null;
  readonly seq: number;
}

export interface DetailsPlan {
  /** Visits at the desk: the only ones whose details may stay in the store. */
  readonly held: readonly string[];
  /** Visits to open (again). */
  readonly open: readonly string[];
}

export function planDetails(prev: MirrorState, next: MirrorState, deskId: string): DetailsPlan {
  if (!next.office) return { held: [], open: [] };
  const held = heldVisitIds(next.office, deskId);
  const before = prev.office;
  if (!before) return { held, open: held };
  const wasHeld = new Set(heldVisitIds(before, deskId));
  const redacted = next.seq > prev.seq && next.office === before;
  const resynced = next.office.config !== before.config;
  const open = held.filter((id) => {
    if (!wasHeld.has(id) || redacted || resynced) return true;
    const a = before.visits.get(id);
    const b = next.office!.visits.get(id);
    return (
      a !== b &&
      a !== undefined &&
      b !== undefined &&
      a.steps === b.steps &&
      a.interpreterId === b.interpreterId
    );
  });
  return { held, open };
}
