import { newCommandId, send } from '../../net/socket.js';
import { serverNow } from '../../stores/session.js';
import { checkInPayload } from './kioskFlow.js';
import { kioskActions, kioskStore } from './kioskStore.js';

/**
 * One visitor, one check-in: every attempt of a kiosk session carries the same command id, so a
 * Confirm pressed again after a timeout cannot check the household in twice.
 */
let attempt: { session: number; commandId: string } | undefined;

/** Sends the visitor's answers and puts the ticket, or the reason it was refused, in the store. */
export async function checkIn(): Promise<void> {
  const state = kioskStore.getState();
  const payload = checkInPayload(state);
  if (state.submitting || !payload) return;
  if (attempt?.session !== state.session) attempt = { session: state.session, commandId: newCommandId() };
  kioskActions.checkInStarted();
  const result = await send('visit:check_in', payload, { commandId: attempt.commandId });
  if (result.ok) kioskActions.checkInSucceeded(state.session, result.value, serverNow());
  else kioskActions.checkInFailed(state.session, result.error.code);
}
