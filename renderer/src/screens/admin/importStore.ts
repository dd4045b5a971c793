import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { AppointmentInput } from '../../../../shared/commands.js';
import type { CsvRowError } from '../../../../shared/appointments.js';
import type { ErrorCode } from '../../../../shared/errors.js';
import { send } from '../../net/socket.js';
import { csvErrors } from './importView.js';

/**
 * Today's booking list: the coordinator's file is checked by the server (a dry run) and can be
 * imported only once that check is clean, and only as checked: editing the text asks again.
 */
export type ImportCheck =
  | {
      readonly kind: 'clean';
      readonly text: string;
      readonly rows: readonly AppointmentInput[];
      readonly alreadyCheckedIn: number;
    }
  | { readonly kind: 'problems'; readonly text: string; readonly errors: readonly CsvRowError[] };

export interface ImportState {
  readonly text: string;
  /** The file's name when the text came from a file. */
  readonly fileName: string | null;
  readonly busy: 'checking' | 'importing' | null;
  readonly check: ImportCheck | null;
  readonly imported: { readonly rows: number; readonly alreadyCheckedIn: number } | null;
  readonly error: ErrorCode | null;
}

const initial: ImportState = {
  text: '',
  fileName: null,
  busy: null,
  check: null,
  imported: null,
  error: null,
};

export const importStore = createStore<ImportState>()(() => initial);

export const useImport = <T>(selector: (s: ImportState) => T): T => useStore(importStore, selector);

const set = importStore.setState;

export const importActions = {
  setText(text: string, fileName: string | null = null): void {
    set({ text, fileName, error: null, imported: null });
  },

  reset(): void {
    set(initial);
  },

  /** The dry run: the server reads and checks every row and names every fault. */
  async check(day: string): Promise<void> {
    const { text, busy } = importStore.getState();
    if (busy) return;
    set({ busy: 'checking', error: null, imported: null });
    const ack = await send('appointments:import', { day, csv: text, dryRun: true });
    if (ack.ok)
      set({
        busy: null,
        check: {
          kind: 'clean',
          text,
          rows: ack.value.preview ?? [],
          alreadyCheckedIn: ack.value.alreadyCheckedIn,
        },
      });
    else if (ack.error.code === 'CSV_INVALID')
      set({ busy: null, check: { kind: 'problems', text, errors: csvErrors(ack.error.details) } });
    else set({ busy: null, check: null, error: ack.error.code });
  },

  /** Imports exactly the text that was checked clean. */
  async import(day: string): Promise<void> {
    const { check, busy } = importStore.getState();
    if (busy || check?.kind !== 'clean') return;
    set({ busy: 'importing', error: null });
    const ack = await send('appointments:import', { day, csv: check.text, dryRun: false });
    if (ack.ok)
      set({
        busy: null,
        check: null,
        text: '',
        fileName: null,
        imported: { rows: ack.value.rows, alreadyCheckedIn: ack.value.alreadyCheckedIn },
      });
    else if (ack.error.code === 'CSV_INVALID')
      set({
        busy: null,
        check: { kind: 'problems', text: check.text, errors: csvErrors(ack.error.details) },
      });
    else set({ busy: null, error: ack.error.code });
  },
};
