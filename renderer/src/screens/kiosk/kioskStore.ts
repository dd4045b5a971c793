import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { ErrorCode } from '../../../../shared/errors.js';
import type { VisitorLanguage } from '../../../../shared/languages.js';
import type { CheckInAck } from '../../../../shared/protocol.js';
import * as flow from './kioskFlow.js';

/** One visitor's way through the kiosk. Only this screen's components read it. */
export const kioskStore = createStore<flow.KioskState>()(() => flow.initialState());

export const useKiosk = <T>(selector: (s: flow.KioskState) => T): T => useStore(kioskStore, selector);

const update = (change: (s: flow.KioskState) => flow.KioskState) => kioskStore.setState(change, true);

export const kioskActions = {
  reset: () => update(flow.reset),
  back: () => update(flow.back),
  goTo: (step: flow.KioskStep) => update((s) => flow.goTo(s, step)),
  chooseLanguage: (language: VisitorLanguage) => update((s) => flow.chooseLanguage(s, language)),
  chooseArrival: (arrival: flow.ArrivalKind) => update((s) => flow.chooseArrival(s, arrival)),
  typeKey: (key: string) => update((s) => flow.typeKey(s, key)),
  setBookingRef: (raw: string) => update((s) => flow.setBookingRef(s, raw)),
  deleteKey: () => update(flow.deleteKey),
  clearRef: () => update(flow.clearRef),
  submitBookingRef: () => update(flow.submitBookingRef),
  changeAdults: (by: number) => update((s) => flow.changeAdults(s, by)),
  changeChildren: (by: number) => update((s) => flow.changeChildren(s, by)),
  submitHousehold: () => update(flow.submitHousehold),
  pickInterpreterLanguage: (language: VisitorLanguage) =>
    update((s) => flow.pickInterpreterLanguage(s, language)),
  answerInterpreter: (needed: boolean, offered: readonly VisitorLanguage[]) =>
    update((s) => flow.answerInterpreter(s, needed, offered)),
  answerConsent: (consent: boolean) => update((s) => flow.answerConsent(s, consent)),
  checkInStarted: () => update(flow.checkInStarted),
  /** Results of a check-in are dropped if the kiosk started over while it was on its way. */
  checkInFailed: (session: number, code: ErrorCode) =>
    update((s) => (s.session === session ? flow.checkInFailed(s, code) : s)),
  checkInSucceeded: (session: number, ack: CheckInAck, issuedAt: number) =>
    update((s) => (s.session === session ? flow.checkInSucceeded(s, ack, issuedAt) : s)),
};
