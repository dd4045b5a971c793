import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { applyAll } from '../../../shared/apply.js';
import type { EventEnvelope } from '../../../shared/events.js';
import type { StaffSnapshot } from '../../../shared/protocol.js';
import { fromData, type OfficeState } from '../../../shared/state.js';
import type { VisitDetails } from '../../../shared/views.js';

/**
 * The staff screens' mirror of the office: the server's snapshot, then every event applied with
 * the same `apply` the server uses. The server stays the source of truth; on any gap in the
 * sequence the socket module asks it for a fresh snapshot.
 */
export interface OfficeStoreState {
  readonly office: OfficeState | null;
  readonly seq: number;
  /** Personal data and readable notes of the visits this desk has opened (`visit:open`). */
  readonly details: Readonly<Record<string, VisitDetails>>;
}

export const officeStore = createStore<OfficeStoreState>()(() => ({ office: null, seq: 0, details: {} }));

export const useOffice = <T>(selector: (s: OfficeStoreState) => T): T => useStore(officeStore, selector);

export const officeActions = {
  loadSnapshot(snapshot: StaffSnapshot): void {
    officeStore.setState({ office: fromData(snapshot.state), seq: snapshot.seq });
  },

  /** Applies events in sequence; false when they do not follow on (the caller resyncs). */
  applyEvents(events: readonly EventEnvelope[]): boolean {
    const { office, seq } = officeStore.getState();
    if (!office) return false;
    const fresh = events.filter((e) => e.seq > seq);
    if (fresh.length === 0) return true;
    if (fresh[0]!.seq !== seq + 1) return false;
    officeStore.setState({ office: applyAll(office, fresh), seq: fresh[fresh.length - 1]!.seq });
    return true;
  },

  setDetails(details: VisitDetails): void {
    officeStore.setState((s) => ({ details: { ...s.details, [details.visitId]: details } }));
  },

  /** Personal data is dropped as soon as the visit has left this desk. */
  forgetDetails(keep: readonly string[]): void {
    officeStore.setState((s) => ({
      details: Object.fromEntries(Object.entries(s.details).filter(([id]) => keep.includes(id))),
    }));
  },
};

export function lastSeq(): number {
  return officeStore.getState().seq;
}
