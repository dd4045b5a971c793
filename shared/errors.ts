/**
 * Every refusal has a stable code that screens translate and tests assert on; the message is
 * for logs and developers (English, never personal data).
 */
export const ERROR_CODES = [
  // the edge
  'VALIDATION_FAILED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'DUPLICATE_COMMAND_ID',
  'STORAGE_UNAVAILABLE',
  'INTERNAL',
  /** Client side: no answer in time (the command may still be retried with the same id). */
  'TIMEOUT',
  // desks and officers
  'NOT_SIGNED_IN',
  'ALREADY_SIGNED_IN',
  'BAD_PIN',
  'DESK_BUSY',
  'NOT_AT_THIS_DESK',
  'NOT_AT_THIS_STATION',
  // lookups
  'UNKNOWN_VISIT',
  'UNKNOWN_STATION',
  'UNKNOWN_DESK',
  'UNKNOWN_INTERPRETER',
  'UNKNOWN_BOOKING_REF',
  'LANGUAGE_NOT_OFFERED',
  // the journey
  'ALREADY_CHECKED_IN',
  'QUEUE_EMPTY',
  'INVALID_TRANSITION',
  'RECALL_TOO_SOON',
  'RECALLS_REMAINING',
  'CONSENT_REQUIRED',
  'JOURNEY_NOT_FINISHED',
  'VISIT_CLOSED',
  'NO_NEXT_STATION',
  'INTERPRETER_BUSY',
  // admin
  'CSV_INVALID',
  'CONFIG_CONFLICT',
  'WRONG_DAY',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface DomainError {
  readonly code: ErrorCode;
  readonly message: string;
  /** Machine-readable specifics (field paths, CSV lines); never personal data. */
  readonly details?: unknown;
}

export function domainError(code: ErrorCode, message: string, details?: unknown): DomainError {
  return details === undefined ? { code, message } : { code, message, details };
}

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DomainError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCode, message: string, details?: unknown): Result<T> => ({
  ok: false,
  error: domainError(code, message, details),
});
