import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ErrorCode } from '../../../../shared/errors.js';
import type { VisitDetails } from '../../../../shared/views.js';
import type { VisitFilter } from './visitList.js';

/**
 * Reception's own state beside the office mirror: the list's filter and search, and the one
 * visit opened with its personal data. That personal data lives only while the visit is open.
 */
export interface ReceptionState {
  readonly filter: VisitFilter;
  /** What is in the search box. */
  readonly text: string;
  /** The server's answer to the last search by name or reference (for `text` as it was then). */
  readonly found: { readonly text: string; readonly visitIds: readonly string[] } | null;
  readonly searching: boolean;
  readonly searchError: ErrorCode | null;
  readonly openVisitId: string | null;
  readonly details: VisitDetails | null;
  readonly detailsError: ErrorCode | null;
  readonly checkInOpen: boolean;
}

export const initialReceptionState: ReceptionState = {
  filter: 'active',
  text: '',
  found: null,
  searching: false,
  searchError: null,
  openVisitId: null,
  details: null,
  detailsError: null,
  checkInOpen: false,
};

export const receptionStore = createStore<ReceptionState>()(() => initialReceptionState);

export const useReception = <T>(selector: (s: ReceptionState) => T): T => useStore(receptionStore, selector);
