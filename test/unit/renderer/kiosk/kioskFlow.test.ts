import { describe, expect, it } from 'vitest';
import { CommandSchemas } from '../../../../shared/commands.js';
import type { VisitorLanguage } from '../../../../shared/languages.js';
import * as flow from '../../../../renderer/src/screens/kiosk/kioskFlow.js';
import { actors, DomainDriver } from '../../../helpers/domain.js';

const OFFERED: VisitorLanguage[] = ['sv', 'en', 'ar', 'fa', 'prs', 'ti', 'so', 'uk'];
const ACK = {
  visitId: '00000000-0000-4000-8000-000000000001',
  ticket: 'W014',
  statusToken: 'tok_abcdefghijklmnop',
  stationId: 'mv',
  ahead: 3,
  estimatedWaitMinutes: 25,
};

/** Applies transitions in order, from a fresh kiosk. */
const run = (...steps: ((s: flow.KioskState) => flow.KioskState)[]) =>
  steps.reduce((s, step) => step(s), flow.initialState());

const walkIn = (s: flow.KioskState) => flow.chooseArrival(flow.chooseLanguage(s, 'ar'), 'walk_in');
const booked = (s: flow.KioskState) => flow.chooseArrival(flow.chooseLanguage(s, 'ar'), 'booked');
const typeRef = (ref: string) => (s: flow.KioskState) => [...ref].reduce(flow.typeKey, s);
const answerAll = (s: flow.KioskState) => flow.answerConsent(flow.answerInterpreter(s, true, OFFERED), true);

describe('kiosk flow', () => {
  it('starts on the language screen with nothing chosen', () => {
    const s = flow.initialState();
    expect(s.step).toBe('language');
    expect(s.language).toBeNull();
    expect(flow.checkInPayload(s)).toBeNull();
  });

  it('walks a walk-in household through every question to the summary', () => {
    const s = run(walkIn);
    expect(s.step).toBe('household');
    const sized = run(
      walkIn,
      (x) => flow.changeAdults(x, 1),
      (x) => flow.changeChildren(x, 3),
      flow.submitHousehold,
    );
    expect(sized.step).toBe('interpreter');
    const done = answerAll(sized);
    expect(done.step).toBe('confirm');
    expect(flow.checkInPayload(done)).toEqual({
      arrival: { kind: 'walk_in', adults: 2, children: 3 },
      language: 'ar',
      interpreterLanguage: 'ar',
      consent: true,
    });
  });

  it('makes a payload the server schema accepts, for both kinds of arrival', () => {
    const walk = answerAll(run(walkIn, flow.submitHousehold));
    const book = answerAll(run(booked, typeRef('ab-12cd'), flow.submitBookingRef));
    for (const s of [walk, book]) {
      const parsed = CommandSchemas['visit:check_in'].safeParse({
        ...flow.checkInPayload(s),
        commandId: 'cmd-00000001',
      });
      expect(parsed.success).toBe(true);
    }
    expect(flow.checkInPayload(book)?.arrival).toEqual({ kind: 'booked', bookingRef: 'AB-12CD' });
  });

  it('checks in at the office with what the visitor answered', () => {
    const o = new DomainDriver();
    const s = answerAll(run(walkIn, (x) => flow.changeChildren(x, 2), flow.submitHousehold));
    const { visitId } = o.run(actors.kiosk, 'visit:check_in', flow.checkInPayload(s)!).result as {
      visitId: string;
    };
    expect(o.visit(visitId)).toMatchObject({
      kind: 'walk_in',
      language: 'ar',
      interpreterLanguage: 'ar',
      adults: 1,
      children: 2,
      consent: true,
    });
  });

  it('keeps the household within 1–20 adults and 0–20 children', () => {
    let s = flow.initialState();
    s = flow.changeAdults(s, -5);
    s = flow.changeChildren(s, -1);
    expect([s.adults, s.children]).toEqual([1, 0]);
    for (let i = 0; i < 30; i++) s = flow.changeChildren(flow.changeAdults(s, 1), 1);
    expect([s.adults, s.children]).toEqual([20, 20]);
  });

  describe('the booking number', () => {
    it('takes letters, digits and a dash, upper-cased, at most 20', () => {
      const s = run(booked, typeRef('ab1-?é x'));
      expect(s.bookingRef).toBe('AB1-X');
      const long = run(booked, typeRef('1234567890ABCDEFGHIJKLMN'));
      expect(long.bookingRef).toBe('1234567890ABCDEFGHIJ');
    });

    it('moves on only once it has at least four letters or digits', () => {
      expect(run(booked, typeRef('A1-'), flow.submitBookingRef).step).toBe('booking');
      expect(run(booked, typeRef('A1--B'), flow.submitBookingRef).step).toBe('booking');
      expect(run(booked, typeRef('A1B2'), flow.submitBookingRef).step).toBe('interpreter');
      expect(flow.bookingRefComplete('----')).toBe(false);
    });

    it('deletes, clears, and filters what a hardware keyboard types', () => {
      const s = run(booked, typeRef('AB12'), flow.deleteKey);
      expect(s.bookingRef).toBe('AB1');
      expect(flow.clearRef(s).bookingRef).toBe('');
      expect(flow.setBookingRef(s, 'mv 2024/77').bookingRef).toBe('MV202477');
    });
  });

  describe('the interpreter', () => {
    it("preselects the visitor's own language, listed first, and never Swedish", () => {
      expect(flow.interpreterChoices(OFFERED, 'so')).toEqual(['so', 'en', 'ar', 'fa', 'prs', 'ti', 'uk']);
      expect(flow.interpreterChoices(OFFERED, 'sv')).not.toContain('sv');
      const s = flow.chooseLanguage(flow.initialState(), 'ti');
      expect(flow.selectedInterpreterLanguage(s, OFFERED)).toBe('ti');
    });

    it('answers "yes" with another language when one is picked', () => {
      let s = run(walkIn, flow.submitHousehold);
      s = flow.pickInterpreterLanguage(s, 'fa');
      s = flow.answerInterpreter(s, true, OFFERED);
      expect([s.step, s.interpreterLanguage]).toEqual(['consent', 'fa']);
    });

    it('asks a Swedish speaker who says "yes" to pick a language first', () => {
      let s = flow.chooseArrival(flow.chooseLanguage(flow.initialState(), 'sv'), 'walk_in');
      s = flow.answerInterpreter(flow.submitHousehold(s), true, OFFERED);
      expect([s.step, s.interpreter]).toEqual(['interpreter', true]);
      s = flow.answerInterpreter(flow.pickInterpreterLanguage(s, 'ar'), true, OFFERED);
      expect([s.step, s.interpreterLanguage]).toEqual(['consent', 'ar']);
    });

    it('sends no interpreter language for "no"', () => {
      let s = run(walkIn, flow.submitHousehold);
      s = flow.answerConsent(flow.answerInterpreter(s, false, OFFERED), false);
      expect(flow.checkInPayload(s)).toMatchObject({ interpreterLanguage: null, consent: false });
    });
  });

  describe('moving around', () => {
    it('goes back along the path the visitor took', () => {
      let s = answerAll(run(booked, typeRef('AB12'), flow.submitBookingRef));
      const seen: flow.KioskStep[] = [s.step];
      for (let i = 0; i < 6; i++) seen.push((s = flow.back(s)).step);
      expect(seen).toEqual([
        'confirm',
        'consent',
        'interpreter',
        'booking',
        'arrival',
        'language',
        'language',
      ]);
    });

    it('jumps from the summary to a question on the path, and nowhere else', () => {
      const s = answerAll(run(walkIn, flow.submitHousehold));
      expect(flow.goTo(s, 'household').step).toBe('household');
      expect(flow.goTo(s, 'booking').step).toBe('confirm');
      expect(flow.goTo(flow.back(s), 'household').step).toBe('consent');
    });

    it('counts the questions after the language', () => {
      const s = run(walkIn);
      expect(flow.progress(s)).toEqual({ step: 2, total: 5 });
      expect(flow.progress(flow.initialState())).toBeNull();
    });

    it('forgets everything on reset, and starts a new session', () => {
      const s = answerAll(run(booked, typeRef('AB12'), flow.submitBookingRef));
      const fresh = flow.reset(s);
      expect(fresh).toEqual({ ...flow.initialState(), session: s.session + 1 });
    });
  });

  describe('checking in', () => {
    const ready = () => answerAll(run(booked, typeRef('AB12'), flow.submitBookingRef));

    it('shows the ticket and drops the booking number from the screen', () => {
      const s = flow.checkInSucceeded(flow.checkInStarted(ready()), ACK, 1_000);
      expect(s.step).toBe('ticket');
      expect(s.ticket).toMatchObject({ ticket: 'W014', language: 'ar', issuedAt: 1_000 });
      expect(s.bookingRef).toBe('');
      expect(flow.back(s).step).toBe('ticket');
    });

    it('sends an unknown booking number back to the keypad with the reason', () => {
      const s = flow.checkInFailed(flow.checkInStarted(ready()), 'UNKNOWN_BOOKING_REF');
      expect([s.step, s.error, s.submitting]).toEqual(['booking', 'UNKNOWN_BOOKING_REF', false]);
      expect(flow.typeKey(s, 'X').error).toBeNull();
    });

    it('keeps other refusals on the summary', () => {
      const s = flow.checkInFailed(flow.checkInStarted(ready()), 'TIMEOUT');
      expect([s.step, s.error]).toEqual(['confirm', 'TIMEOUT']);
    });

    it('does not move while the check-in is on its way', () => {
      const s = flow.checkInStarted(ready());
      expect(flow.back(s)).toBe(s);
      expect(flow.goTo(s, 'language')).toBe(s);
      expect(flow.idleTimeout(s)).toBeNull();
    });
  });

  describe('inactivity', () => {
    it('waits a minute on questions, twenty seconds on the ticket, and not at rest', () => {
      expect(flow.idleTimeout(flow.initialState())).toBeNull();
      expect(flow.idleTimeout(run(walkIn))).toEqual({ totalMs: 60_000, warnMs: 15_000 });
      expect(flow.idleTimeout(flow.back(run(walkIn)))).toEqual({ totalMs: 60_000, warnMs: 15_000 });
      const ticket = flow.checkInSucceeded(answerAll(run(walkIn, flow.submitHousehold)), ACK, 0);
      expect(flow.idleTimeout(ticket)).toEqual({ totalMs: 20_000, warnMs: 20_000 });
    });
  });
});
