import { query } from '../../net/socket.js';
import { officeActions, officeStore } from '../../stores/office.js';
import { sessionStore } from '../../stores/session.js';
import { planDetails, type MirrorState } from './detailsPlan.js';
import { heldVisitIds } from './deskView.js';
import { deskActions } from './deskStore.js';

/**
 * Keeps the personal data of the visits at this desk in the store, and only theirs: opens a
 * visit when it arrives (and again when its notes or members may have changed), drops it
 * (and any draft about it) as soon as it leaves. Runs outside React, on the stores' changes.
 */
export function startDetailsSync(deskId: string): () => void {
  const inFlight = new Map<string, boolean>();
  let stopped = false;

  const stillHeld = (visitId: string) => {
    const office = officeStore.getState().office;
    return office !== null && heldVisitIds(office, deskId).includes(visitId);
  };

  async function open(visitId: string): Promise<void> {
    // One read at a time per visit; a change meanwhile asks for one more after it.
    if (inFlight.has(visitId)) {
      inFlight.set(visitId, true);
      return;
    }
    inFlight.set(visitId, false);
    try {
      const ack = await query('visit:open', { visitId });
      if (!stopped && ack.ok && stillHeld(visitId)) officeActions.setDetails(ack.value);
    } finally {
      const again = inFlight.get(visitId);
      inFlight.delete(visitId);
      if (again && !stopped && stillHeld(visitId)) void open(visitId);
    }
  }

  function apply(prev: MirrorState, next: MirrorState): void {
    const plan = planDetails(prev, next, deskId);
    if (!next.office) return;
    officeActions.forgetDetails(plan.held);
    deskActions.forgetVisitsBut(plan.held);
    const have = officeStore.getState().details;
    const missing = plan.held.filter((id) => !have[id]);
    for (const id of new Set([...plan.open, ...missing])) void open(id);
  }

  const empty: MirrorState = { office: null, seq: 0 };
  apply(empty, officeStore.getState());
  const stopOffice = officeStore.subscribe((next, prev) => {
    if (next.office !== prev.office || next.seq !== prev.seq) apply(prev, next);
  });
  // After a reconnect the screen may have missed a note: read the held visits once more.
  const stopSession = sessionStore.subscribe((next, prev) => {
    if (next.connection === 'online' && prev.connection !== 'online') {
      const office = officeStore.getState().office;
      if (office) for (const id of heldVisitIds(office, deskId)) void open(id);
    }
  });
  return () => {
    stopped = true;
    stopOffice();
    stopSession();
  };
}
