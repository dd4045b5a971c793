import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { PublicView, StatusView } from '../../../shared/views.js';

/** What the display and the kiosk show: the public view, replaced whole on each change. */
export const publicStore = createStore<{ view: PublicView | null }>()(() => ({ view: null }));
export const usePublicView = <T>(selector: (view: PublicView | null) => T): T =>
  useStore(publicStore, (s) => selector(s.view));

/** What a visitor's status page shows: its own ticket, replaced whole on each change. */
export const statusStore = createStore<{ view: StatusView | null; unknown: boolean }>()(() => ({
  view: null,
  unknown: false,
}));
export const useStatusView = <T>(selector: (s: { view: StatusView | null; unknown: boolean }) => T): T =>
  useStore(statusStore, selector);
