import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ErrorCode } from '../../../../shared/errors.js';
import type { OfficeConfig } from '../../../../shared/office.js';
import { send } from '../../net/socket.js';
import { officeStore } from '../../stores/office.js';
import {
  changedSections,
  conflictItems,
  followLive,
  rebase,
  startDraft,
  validateConfig,
  type ConfigOp,
  type ConflictItems,
  type Draft,
  type FieldError,
  type Section,
} from './configDraft.js';

/**
 * The configuration being edited. It lives beside the live config (the office store): edits
 * stay in the draft until saved, a clean draft follows changes made elsewhere, and one with
 * edits is never overwritten by them (the editor says the live config has moved on).
 */
export type SaveOutcome =
  | { readonly kind: 'saved' }
  | { readonly kind: 'refused'; readonly code: ErrorCode; readonly conflict: ConflictItems | null };

export interface DraftState {
  readonly draft: Draft | null;
  readonly errors: readonly FieldError[];
  /** A save was tried with faults: the summary of them shows until they are mended. */
  readonly attempted: boolean;
  readonly saving: boolean;
  readonly outcome: SaveOutcome | null;
  /** After taking in changes made elsewhere: the parts taken in, and those both sides changed. */
  readonly takenIn: readonly Section[];
  readonly conflicts: readonly Section[];
}

export const draftStore = createStore<DraftState>()(() => ({
  draft: null,
  errors: [],
  attempted: false,
  saving: false,
  outcome: null,
  takenIn: [],
  conflicts: [],
}));

export const useDraft = <T>(selector: (s: DraftState) => T): T => useStore(draftStore, selector);

const errorsOf = (config: OfficeConfig) => {
  const checked = validateConfig(config);
  return checked.ok ? [] : checked.errors;
};

const live = () => officeStore.getState().office?.config ?? null;

export const draftActions = {
  /** The live config arrived or changed. */
  liveChanged(config: OfficeConfig): void {
    const { draft } = draftStore.getState();
    const next = followLive(draft, config);
    if (next !== draft)
      draftStore.setState({ draft: next, errors: errorsOf(next.edited), takenIn: [], conflicts: [] });
  },

  apply(op: ConfigOp): void {
    const { draft } = draftStore.getState();
    if (!draft) return;
    const edited = op(draft.edited);
    draftStore.setState({ draft: { ...draft, edited }, errors: errorsOf(edited), outcome: null });
  },

  discard(): void {
    const config = live();
    if (!config) return;
    draftStore.setState({
      draft: startDraft(config),
      errors: [],
      attempted: false,
      outcome: null,
      takenIn: [],
      conflicts: [],
    });
  },

  /** Takes in what changed elsewhere, keeping the coordinator's own edits. */
  takeInLive(): void {
    const { draft } = draftStore.getState();
    const config = live();
    if (!draft || !config) return;
    const rebased = rebase(draft, config);
    draftStore.setState({
      draft: rebased.draft,
      errors: errorsOf(rebased.draft.edited),
      takenIn: changedSections(draft.base, config).filter((s) => !rebased.conflicts.includes(s)),
      conflicts: rebased.conflicts,
    });
  },

  dismissOutcome(): void {
    draftStore.setState({ outcome: null });
  },

  /** Validates and sends the whole config; false when there was nothing valid to send. */
  async save(): Promise<SaveOutcome | null> {
    const { draft, saving } = draftStore.getState();
    if (!draft || saving) return null;
    const checked = validateConfig(draft.edited);
    if (!checked.ok) {
      draftStore.setState({ attempted: true, errors: checked.errors, outcome: null });
      return null;
    }
    draftStore.setState({ saving: true, outcome: null });
    const ack = await send('office:configure', { config: checked.config });
    let outcome: SaveOutcome;
    if (ack.ok) {
      outcome = { kind: 'saved' };
      draftStore.setState({
        draft: startDraft(checked.config),
        errors: [],
        attempted: false,
        takenIn: [],
        conflicts: [],
      });
    } else {
      const state = officeStore.getState().office;
      outcome = {
        kind: 'refused',
        code: ack.error.code,
        conflict:
          ack.error.code === 'CONFIG_CONFLICT' && state ? conflictItems(ack.error.details, state) : null,
      };
    }
    draftStore.setState({ saving: false, outcome });
    return outcome;
  },
};
