import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

/** The admin screen's own state beside the office mirror: which view is open, and what to announce. */

export const ADMIN_TABS = [
  'overview',
  'config',
  'devices',
  'interpreters',
  'appointments',
  'stats',
  'audit',
  'retention',
] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];

export interface AdminState {
  readonly tab: AdminTab;
  /** A short message for screen readers (moves in lists, saved changes); `n` makes a repeat heard. */
  readonly announcement: { readonly text: string; readonly n: number };
}

export const isAdminTab = (value: string): value is AdminTab =>
  (ADMIN_TABS as readonly string[]).includes(value);

export const adminStore = createStore<AdminState>()(() => ({
  tab: 'overview',
  announcement: { text: '', n: 0 },
}));

export const useAdmin = <T>(selector: (s: AdminState) => T): T => useStore(adminStore, selector);

export const adminActions = {
  setTab(tab: AdminTab): void {
    adminStore.setState({ tab });
  },
  announce(text: string): void {
    adminStore.setState((s) => ({ announcement: { text, n: s.announcement.n + 1 } }));
  },
};
