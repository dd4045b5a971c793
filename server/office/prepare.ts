import { checkAppointmentRows } from '../../shared/appointments.js';
import type { Command, CommandName, CommandPayload } from '../../shared/commands.js';
import { fail, ok, type Result } from '../../shared/errors.js';
import type { OfficeState } from '../../shared/state.js';
import type { Awaitable, OfficeData } from '../store/seam.js';
import type { PinVerdict } from '../devices/pinGuard.js';
import { readAppointmentCsv } from './csv.js';

/**
 * The edge's part of a command, before `decide`: what needs the outside world. A booking list
 * is read from CSV and checked row by row; an officer's PIN is checked against its hash.
 */
export function prepareCommand<N extends CommandName>(
  name: N,
  payload: CommandPayload<N>,
  state: OfficeState,
  store: Pick<OfficeData, 'officers'>,
  /** The device sending it: PIN guesses are limited per device (without it, per office). */
  deviceId?: string,
): Awaitable<Result<Command>> {
  if (name === 'appointments:import') {
    const p = payload as CommandPayload<'appointments:import'>;
    const read = readAppointmentCsv(p.csv);
    if ('errors' in read) return fail('CSV_INVALID', 'the file could not be read', { errors: read.errors });
    const checked = checkAppointmentRows(read.records, state.config.languages);
    if (!checked.ok)
      return fail('CSV_INVALID', `${checked.errors.length} problem(s) in the file`, {
        errors: checked.errors,
      });
    return ok({ name: 'appointments:import', payload: p, rows: checked.rows });
  }
  if (name === 'desk:sign_in' && state.config.requireOfficerPin) {
    const p = payload as CommandPayload<'desk:sign_in'>;
    const verdict = store.officers.check(p.officer, p.pin, deviceId);
    const command = ok({ name, payload } as Command);
    return verdict instanceof Promise
      ? verdict.then((v) => signInAllowed(v) ?? command)
      : (signInAllowed(verdict) ?? command);
  }
  return ok({ name, payload } as Command);
}

/** Why an officer may not sign in, or undefined when the PIN was right. */
function signInAllowed(verdict: PinVerdict): Result<never> | undefined {
  // One answer for a wrong PIN and a name nobody has, so that guessing finds no names.
  if (verdict.kind === 'refused') return fail('BAD_PIN', 'wrong officer name or PIN');
  if (verdict.kind === 'locked')
    return fail('RATE_LIMITED', 'too many PIN attempts; wait', {
      retryAfterSeconds: Math.ceil(verdict.retryAfterMs / 1000),
    });
  return undefined;
}
