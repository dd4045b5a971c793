import { beforeEach, describe, expect, it } from 'vitest';
import { initialState } from '../../../../renderer/src/screens/kiosk/kioskFlow.js';
import { kioskActions, kioskStore } from '../../../../renderer/src/screens/kiosk/kioskStore.js';

const ACK = {
  visitId: '00000000-0000-4000-8000-000000000001',
  ticket: 'W001',
  statusToken: 'tok_abcdefghijklmnop',
  stationId: 'mv',
  ahead: 0,
  estimatedWaitMinutes: 0,
};

describe('kiosk store', () => {
  beforeEach(() => kioskStore.setState(initialState(), true));

  it('applies the flow through module-level actions', () => {
    kioskActions.chooseLanguage('uk');
    kioskActions.chooseArrival('walk_in');
    kioskActions.changeChildren(2);
    kioskActions.submitHousehold();
    expect(kioskStore.getState()).toMatchObject({ step: 'interpreter', language: 'uk', children: 2 });
  });

  it('drops an answer that arrives after the kiosk started over for the next visitor', () => {
    kioskActions.chooseLanguage('en');
    const session = kioskStore.getState().session;
    kioskActions.checkInStarted();
    kioskActions.reset();
    kioskActions.checkInSucceeded(session, ACK, 0);
    kioskActions.checkInFailed(session, 'TIMEOUT');
    expect(kioskStore.getState()).toMatchObject({ step: 'language', ticket: null, error: null });
  });

  it('shows the ticket when the answer belongs to this visitor', () => {
    kioskActions.chooseLanguage('en');
    kioskActions.checkInSucceeded(kioskStore.getState().session, ACK, 5);
    expect(kioskStore.getState().ticket).toMatchObject({ ticket: 'W001', language: 'en', issuedAt: 5 });
  });
});
