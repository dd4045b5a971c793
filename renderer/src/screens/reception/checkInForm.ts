import type { CommandPayload } from '../../../../shared/commands.js';
import type { VisitorLanguage } from '../../../../shared/languages.js';
import { BookingRefSchema } from '../../../../shared/visit.js';

/** Reception's check-in on someone's behalf: the form as typed, and the command it makes. */
export interface CheckInForm {
  readonly arrival: 'booked' | 'walk_in';
  readonly bookingRef: string;
  readonly adults: number;
  readonly children: number;
  readonly language: VisitorLanguage;
  readonly needsInterpreter: boolean;
  readonly interpreterLanguage: string;
  /** Asked out loud and answered: null until the visitor has said yes or no. */
  readonly consent: boolean | null;
}

export const emptyCheckIn = (language: VisitorLanguage): CheckInForm => ({
  arrival: 'walk_in',
  bookingRef: '',
  adults: 1,
  children: 0,
  language,
  needsInterpreter: false,
  interpreterLanguage: language === 'sv' ? '' : language,
  consent: null,
});

export type CheckInProblem = 'bookingRef' | 'adults' | 'children' | 'interpreterLanguage' | 'consent';

export type CheckInPayload = Omit<CommandPayload<'visit:check_in'>, 'commandId'>;

export function checkInPayload(
  form: CheckInForm,
): { ok: true; payload: CheckInPayload } | { ok: false; problems: CheckInProblem[] } {
  const problems: CheckInProblem[] = [];
  if (form.arrival === 'booked' && !BookingRefSchema.safeParse(form.bookingRef).success)
    problems.push('bookingRef');
  if (form.arrival === 'walk_in') {
    if (!Number.isInteger(form.adults) || form.adults < 1 || form.adults > 20) problems.push('adults');
    if (!Number.isInteger(form.children) || form.children < 0 || form.children > 20)
      problems.push('children');
  }
  if (form.needsInterpreter && !/^[a-z]{2,3}$/.test(form.interpreterLanguage))
    problems.push('interpreterLanguage');
  if (form.consent === null) problems.push('consent');
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    payload: {
      arrival:
        form.arrival === 'booked'
          ? { kind: 'booked', bookingRef: form.bookingRef.trim() }
          : { kind: 'walk_in', adults: form.adults, children: form.children },
      language: form.language,
      interpreterLanguage: form.needsInterpreter ? form.interpreterLanguage : null,
      consent: form.consent === true,
    },
  };
}

/** The visitor's own status page, as the ticket's QR code opens it. */
export function statusUrl(origin: string, statusToken: string): string {
  return `${origin.replace(/\/+$/, '')}/status/${encodeURIComponent(statusToken)}`;
}
