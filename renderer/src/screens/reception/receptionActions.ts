import type { ErrorCode } from '../../../../shared/errors.js';
import type { AckResult } from '../../../../shared/protocol.js';
import type { CancelReason, SkipReason } from '../../../../shared/visit.js';
import { query, send } from '../../net/socket.js';
import type { CheckInPayload } from './checkInForm.js';
import { initialReceptionState, receptionStore } from './receptionStore.js';
import type { VisitSettings } from './visitOptions.js';
import { isTicketQuery, type VisitFilter } from './visitList.js';

/**
 * Everything reception asks of the server, as module-level actions: components call these and
 * never the socket. Every read of personal data (`visit:find`, `visit:open`) is audited by the
 * server, so a search runs only when asked for, never on each keystroke.
 */

export type Outcome<T = unknown> = { ok: true; value: T } | { ok: false; code: ErrorCode };

const set = receptionStore.setState;

export const receptionActions = {
  setFilter(filter: VisitFilter): void {
    set({ filter });
  },

  /** Typing: a ticket filters the list at once; a name waits for `search`. */
  setText(text: string): void {
    const { found } = receptionStore.getState();
    set({ text, searchError: null, ...(found && found.text !== text.trim() && { found: null }) });
  },

  /** Searches names and booking references on the server (a ticket is matched locally). */
  async search(): Promise<void> {
    const text = receptionStore.getState().text.trim();
    if (text.length < 2 || isTicketQuery(text)) {
      set({ found: null });
      return;
    }
    set({ searching: true, searchError: null });
    const ack = await query('visit:find', { text });
    // The box may have changed while the server looked: keep only an answer to what it says now.
    if (receptionStore.getState().text.trim() !== text) return set({ searching: false });
    if (ack.ok) set({ searching: false, found: { text, visitIds: ack.value.visitIds } });
    else set({ searching: false, searchError: ack.error.code });
  },

  clearSearch(): void {
    set({ text: '', found: null, searchError: null, searching: false });
  },

  /** Opens a visit and reads its personal data (booking reference, household members). */
  async openVisit(visitId: string): Promise<void> {
    set({ openVisitId: visitId, details: null, detailsError: null });
    await receptionActions.reloadDetails();
  },

  async reloadDetails(): Promise<void> {
    const visitId = receptionStore.getState().openVisitId;
    if (visitId === null) return;
    const ack = await query('visit:open', { visitId });
    // Closed, or another visit opened, while the answer was on its way: drop it.
    if (receptionStore.getState().openVisitId !== visitId) return;
    if (ack.ok) set({ details: ack.value, detailsError: null });
    else set({ detailsError: ack.error.code });
  },

  /** Closing forgets the visit's personal data. */
  closeVisit(): void {
    set({ openVisitId: null, details: null, detailsError: null });
  },

  openCheckIn(): void {
    set({ checkInOpen: true });
  },
  closeCheckIn(): void {
    set({ checkInOpen: false });
  },

  /** One form is one check-in: pressing again after a lost answer must not make a second ticket. */
  async checkIn(payload: CheckInPayload, commandId: string) {
    return outcome(await send('visit:check_in', payload, { commandId }));
  },
  async update(visitId: string, change: Partial<VisitSettings>) {
    return outcome(await send('visit:update', { visitId, ...change }));
  },
  async reinstate(visitId: string) {
    return outcome(await send('visit:reinstate', { visitId }));
  },
  async cancel(visitId: string, reason: CancelReason) {
    return outcome(await send('visit:cancel', { visitId, reason }));
  },
  async skipStep(visitId: string, stationId: string, reason: SkipReason) {
    return outcome(await send('visit:skip_step', { visitId, stationId, reason }));
  },
  async attachInterpreter(visitId: string, interpreterId: string) {
    return outcome(await send('interpreter:attach', { visitId, interpreterId }));
  },
  async releaseInterpreter(interpreterId: string) {
    return outcome(await send('interpreter:release', { interpreterId }));
  },

  /** For tests: back to a fresh screen. */
  reset(): void {
    set(initialReceptionState, true);
  },
};

function outcome<T>(ack: AckResult<T>): Outcome<T> {
  return ack.ok ? { ok: true, value: ack.value } : { ok: false, code: ack.error.code };
}
