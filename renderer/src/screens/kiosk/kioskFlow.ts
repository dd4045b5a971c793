import type { CommandPayload } from '../../../../shared/commands.js';
import type { ErrorCode } from '../../../../shared/errors.js';
import type { VisitorLanguage } from '../../../../shared/languages.js';
import type { CheckInAck } from '../../../../shared/protocol.js';

/**
 * The self-service check-in as pure transitions: the store applies them, the tests call them
 * directly. Nothing here knows about React, the socket or the clock.
 */

export type KioskStep =
  'language' | 'arrival' | 'booking' | 'household' | 'interpreter' | 'consent' | 'confirm' | 'ticket';

export type ArrivalKind = 'booked' | 'walk_in';

export interface KioskTicket extends CheckInAck {
  readonly language: VisitorLanguage;
  /** Server time of the check-in, for the receipt. */
  readonly issuedAt: number;
}

export interface KioskState {
  readonly step: KioskStep;
  /** Bumped by every reset, so that an answer arriving after one is dropped. */
  readonly session: number;
  readonly language: VisitorLanguage | null;
  readonly arrival: ArrivalKind | null;
  readonly bookingRef: string;
  readonly adults: number;
  readonly children: number;
  readonly interpreter: boolean | null;
  /** The interpreter language picked on screen; null means "the preselected one". */
  readonly interpreterLanguage: VisitorLanguage | null;
  readonly consent: boolean | null;
  readonly submitting: boolean;
  readonly error: ErrorCode | null;
  readonly ticket: KioskTicket | null;
}

export const LIMITS = { adultsMin: 1, adultsMax: 20, childrenMin: 0, childrenMax: 20, refMin: 4, refMax: 20 };

export function initialState(session = 0): KioskState {
  return {
    step: 'language',
    session,
    language: null,
    arrival: null,
    bookingRef: '',
    adults: 1,
    children: 0,
    interpreter: null,
    interpreterLanguage: null,
    consent: null,
    submitting: false,
    error: null,
    ticket: null,
  };
}

/** A new visitor: everything the last one chose is gone. */
export function reset(s: KioskState): KioskState {
  return initialState(s.session + 1);
}

/** The steps of this visitor's path, in order (the ticket is not a step one goes back to). */
export function path(s: Pick<KioskState, 'arrival'>): KioskStep[] {
  return [
    'language',
    'arrival',
    s.arrival === 'booked' ? 'booking' : 'household',
    'interpreter',
    'consent',
    'confirm',
  ];
}

/** "Step n of total", counting the questions after the language. */
export function progress(s: KioskState): { step: number; total: number } | null {
  const steps = path(s).slice(1);
  const index = steps.indexOf(s.step);
  return index < 0 ? null : { step: index + 1, total: steps.length };
}

export function back(s: KioskState): KioskState {
  if (s.submitting || s.step === 'ticket') return s;
  const steps = path(s);
  const index = steps.indexOf(s.step);
  return index <= 0 ? s : { ...s, step: steps[index - 1]!, error: null };
}

/** From the summary, straight to a question already answered. */
export function goTo(s: KioskState, step: KioskStep): KioskState {
  if (s.submitting || s.step !== 'confirm' || !path(s).includes(step)) return s;
  return { ...s, step, error: null };
}

export function chooseLanguage(s: KioskState, language: VisitorLanguage): KioskState {
  return { ...s, language, step: 'arrival', error: null };
}

export function chooseArrival(s: KioskState, arrival: ArrivalKind): KioskState {
  return { ...s, arrival, step: arrival === 'booked' ? 'booking' : 'household', error: null };
}

const REF_CHAR = /^[A-Z0-9-]$/;

/** One key of the on-screen keypad (or a hardware keyboard): letters, digits and a dash. */
export function typeKey(s: KioskState, key: string): KioskState {
  const char = key.toUpperCase();
  if (!REF_CHAR.test(char) || s.bookingRef.length >= LIMITS.refMax) return s;
  return { ...s, bookingRef: s.bookingRef + char, error: null };
}

export function deleteKey(s: KioskState): KioskState {
  return { ...s, bookingRef: s.bookingRef.slice(0, -1), error: null };
}

export function clearRef(s: KioskState): KioskState {
  return { ...s, bookingRef: '', error: null };
}

/** What the server will accept: 4–20 letters and digits once dashes are taken out. */
export function bookingRefComplete(ref: string): boolean {
  const compact = ref.replace(/-/g, '');
  return compact.length >= LIMITS.refMin && /^[A-Z0-9-]+$/.test(ref) && ref.length <= LIMITS.refMax;
}

export function submitBookingRef(s: KioskState): KioskState {
  return bookingRefComplete(s.bookingRef) ? { ...s, step: 'interpreter', error: null } : s;
}

const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));

export function changeAdults(s: KioskState, by: number): KioskState {
  return { ...s, adults: clamp(s.adults + by, LIMITS.adultsMin, LIMITS.adultsMax) };
}

export function changeChildren(s: KioskState, by: number): KioskState {
  return { ...s, children: clamp(s.children + by, LIMITS.childrenMin, LIMITS.childrenMax) };
}

export function submitHousehold(s: KioskState): KioskState {
  return { ...s, step: 'interpreter', error: null };
}

/**
 * The languages an interpreter can be asked for here: those the office offers, except Swedish
 * (which needs no interpreter), the visitor's own first.
 */
export function interpreterChoices(
  offered: readonly VisitorLanguage[],
  language: VisitorLanguage | null,
): VisitorLanguage[] {
  const rest = offered.filter((l) => l !== 'sv' && l !== language);
  return language && language !== 'sv' && offered.includes(language) ? [language, ...rest] : rest;
}

/** The interpreter language shown as chosen: the one picked, else the visitor's own. */
export function selectedInterpreterLanguage(
  s: Pick<KioskState, 'interpreterLanguage' | 'language'>,
  offered: readonly VisitorLanguage[],
): VisitorLanguage | null {
  if (s.interpreterLanguage) return s.interpreterLanguage;
  return interpreterChoices(offered, s.language)[0] === s.language ? s.language : null;
}

export function pickInterpreterLanguage(s: KioskState, language: VisitorLanguage): KioskState {
  return { ...s, interpreterLanguage: language, error: null };
}

/** "Yes" needs a language (a Swedish speaker has none preselected); "No" always moves on. */
export function answerInterpreter(
  s: KioskState,
  needed: boolean,
  offered: readonly VisitorLanguage[],
): KioskState {
  if (!needed) return { ...s, interpreter: false, step: 'consent', error: null };
  const language = selectedInterpreterLanguage(s, offered);
  if (!language) return { ...s, interpreter: true };
  return { ...s, interpreter: true, interpreterLanguage: language, step: 'consent', error: null };
}

export function answerConsent(s: KioskState, consent: boolean): KioskState {
  return { ...s, consent, step: 'confirm', error: null };
}

export type CheckInPayload = Omit<CommandPayload<'visit:check_in'>, 'commandId'>;

/** The command for the answers given, or null while any is missing. */
export function checkInPayload(s: KioskState): CheckInPayload | null {
  if (!s.language || !s.arrival || s.interpreter === null || s.consent === null) return null;
  if (s.interpreter && !s.interpreterLanguage) return null;
  if (s.arrival === 'booked' && !bookingRefComplete(s.bookingRef)) return null;
  return {
    arrival:
      s.arrival === 'booked'
        ? { kind: 'booked', bookingRef: s.bookingRef }
        : { kind: 'walk_in', adults: s.adults, children: s.children },
    language: s.language,
    interpreterLanguage: s.interpreter ? s.interpreterLanguage : null,
    consent: s.consent,
  };
}

export function checkInStarted(s: KioskState): KioskState {
  return { ...s, submitting: true, error: null };
}

/** A refused booking number sends the visitor back to the keypad, with the reason. */
export function checkInFailed(s: KioskState, code: ErrorCode): KioskState {
  return { ...s, submitting: false, error: code, step: code === 'UNKNOWN_BOOKING_REF' ? 'booking' : s.step };
}

export function checkInSucceeded(s: KioskState, ack: CheckInAck, issuedAt: number): KioskState {
  if (!s.language) return s;
  return {
    ...s,
    submitting: false,
    error: null,
    step: 'ticket',
    ticket: { ...ack, language: s.language, issuedAt },
    // The answers are not needed once the ticket is out; keep nothing of them on screen.
    bookingRef: '',
  };
}

/**
 * How long the kiosk waits for a touch before it starts over, and for how much of that a
 * countdown is on screen. The language screen has nothing to forget unless a language was chosen.
 */
export function idleTimeout(s: KioskState): { totalMs: number; warnMs: number } | null {
  if (s.submitting) return null;
  if (s.step === 'ticket') return { totalMs: 20_000, warnMs: 20_000 };
  if (s.step === 'language' && s.language === null) return null;
  return { totalMs: 60_000, warnMs: 15_000 };
}

/** Text typed on a hardware keyboard (or pasted): kept to what the keypad could have typed. */
export function setBookingRef(s: KioskState, raw: string): KioskState {
  const ref = raw
    .toUpperCase()
    .replace(/[^A-Z0-9-]/g, '')
    .slice(0, LIMITS.refMax);
  return { ...s, bookingRef: ref, error: null };
}
