import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ErrorCode } from '../../../../shared/errors.js';
import type { NoteVisibility } from '../../../../shared/visit.js';

/**
 * The desk screen's own UI state: which parked visit is shown, which dialog is open, the
 * drafts being written, the last refusal and the last thing done. Nothing about the office
 * lives here (that is `useOffice`); drafts may hold personal data and are dropped with the
 * visit when it leaves the desk.
 */

export type DeskDialog =
  | {
      readonly kind: 'confirmCall';
      readonly visitId: string;
      readonly ticket: string;
      readonly nextTicket: string | null;
    }
  | { readonly kind: 'handover'; readonly visitId: string }
  | { readonly kind: 'completeStep'; readonly visitId: string }
  | { readonly kind: 'completeVisit'; readonly visitId: string }
  | { readonly kind: 'skip'; readonly visitId: string; readonly stationId: string }
  | { readonly kind: 'restore'; readonly visitId: string; readonly stationId: string };

export interface NoteDraft {
  readonly text: string;
  readonly visibility: NoteVisibility;
}

export type Notice =
  | { readonly kind: 'error'; readonly code: ErrorCode | string }
  | { readonly kind: 'done'; readonly key: string; readonly values?: Readonly<Record<string, string>> };

export interface DeskUiState {
  readonly selectedVisitId: string | null;
  readonly dialog: DeskDialog | null;
  readonly drafts: Readonly<Record<string, NoteDraft>>;
  readonly notice: Notice | null;
  /** The command in flight, if any: buttons wait for its answer instead of sending twice. */
  readonly pending: string | null;
}

const initial: DeskUiState = { selectedVisitId: null, dialog: null, drafts: {}, notice: null, pending: null };

export const deskStore = createStore<DeskUiState>()(() => initial);

export const useDesk = <T>(selector: (s: DeskUiState) => T): T => useStore(deskStore, selector);

export const deskActions = {
  select(visitId: string | null): void {
    deskStore.setState({ selectedVisitId: visitId });
  },
  openDialog(dialog: DeskDialog): void {
    deskStore.setState({ dialog, notice: null });
  },
  closeDialog(): void {
    deskStore.setState({ dialog: null });
  },
  setDraft(visitId: string, draft: NoteDraft): void {
    deskStore.setState((s) => ({ drafts: { ...s.drafts, [visitId]: draft } }));
  },
  clearDraft(visitId: string): void {
    deskStore.setState((s) => {
      const { [visitId]: _gone, ...drafts } = s.drafts;
      return { drafts };
    });
  },
  /** Keeps only what belongs to visits still at the desk. */
  forgetVisitsBut(held: readonly string[]): void {
    deskStore.setState((s) => {
      const drafts = Object.fromEntries(Object.entries(s.drafts).filter(([id]) => held.includes(id)));
      const lost = (id: string | null) => id !== null && !held.includes(id);
      const dialogGone = s.dialog !== null && s.dialog.kind !== 'confirmCall' && lost(s.dialog.visitId);
      const changed =
        Object.keys(drafts).length !== Object.keys(s.drafts).length || dialogGone || lost(s.selectedVisitId);
      if (!changed) return s;
      return {
        drafts,
        dialog: dialogGone ? null : s.dialog,
        selectedVisitId: lost(s.selectedVisitId) ? null : s.selectedVisitId,
      };
    });
  },
  begin(name: string): void {
    deskStore.setState({ pending: name });
  },
  end(): void {
    deskStore.setState({ pending: null });
  },
  fail(code: ErrorCode | string): void {
    deskStore.setState({ notice: { kind: 'error', code } });
  },
  done(key: string, values?: Readonly<Record<string, string>>): void {
    deskStore.setState({ notice: values ? { kind: 'done', key, values } : { kind: 'done', key } });
  },
  clearNotice(): void {
    deskStore.setState({ notice: null });
  },
  /** For tests and sign-out: back to a blank desk. */
  reset(): void {
    deskStore.setState(initial, true);
  },
};
