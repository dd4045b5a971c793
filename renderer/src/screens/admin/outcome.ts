import type { DomainError } from '../../../../shared/errors.js';
import type { AckResult } from '../../../../shared/protocol.js';

/** A command's or request's result as the admin's views need it: the value, or the refusal. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export const outcome = <T>(ack: AckResult<T>): Outcome<T> =>
  ack.ok ? { ok: true, value: ack.value } : { ok: false, error: ack.error };
