/**
 * Whether a PostgreSQL error means that the database cannot be written now (it is down or
 * restarting, the connection broke, the disk is full, an I/O error), as opposed to a refusal of
 * this one write (a broken constraint: a bug). SQLSTATE classes 08 (connection), 53 (resources),
 * 57P (shut down, starting), 58 (system, I/O) and XX (internal); the driver's own network errors;
 * and a connection that ended, which the driver reports without a code.
 */
export function isPgStorageFault(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (typeof e?.code === 'string') return PG_STORAGE_CODE.test(e.code);
  return typeof e?.message === 'string' && CONNECTION_ENDED.test(e.message);
}

const PG_STORAGE_CODE =
  /^(08|53|57P|58|XX)|^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|MOTESPLATS_STALE_OFFICE)$/;
const CONNECTION_ENDED = /connection terminated|connection timeout|terminating connection|not queryable/i;

/** The code that server/store/faults.ts reads as "the database cannot be written". */
export const STORAGE_FAULT_CODE = 'MOTESPLATS_STORAGE';

/** A storage fault in the form the engine knows, keeping the original as its cause. */
export function asStorageFault(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  return Object.assign(new Error(`PostgreSQL: ${message}`, { cause: error }), {
    code: STORAGE_FAULT_CODE,
    pgCode: typeof code === 'string' ? code : undefined,
  });
}
