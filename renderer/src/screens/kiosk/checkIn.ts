import { send } from '../../net/socket.js';
import { serverNow } from '../../stores/session.js';
import { checkInPayload } from './kioskFlow.js';
import { kioskActions, kioskStore } from './kioskStore.js';

/** Sends the visitor's answers and puts the ticket, or the reason it was refused, in the store. */
export async function checkIn(): Promise<void> {
  const state = kioskStore.getState();
  const payload = checkInPayload(state);
  if (state.submitting || !payload) return;
  kioskActions.checkInStarted();
  const result = await send('visit:check_in', payload);
  if (result.ok) kioskActions.checkInSucceeded(state.session, result.value, serverNow());
  else kioskActions.checkInFailed(state.session, result.error.code);
}
