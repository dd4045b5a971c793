/**
 * Whether a PostgreSQL error means that the database cannot be written now, as opposed to a
 * refusal of this one write (a broken constraint: a bug). SQLSTATE classes 08 (connection), 53
 * (resources: a full disk), 57 (shut down, starting, a statement timeout), 58 (system, I/O), XX
 * (internal), 28 and 3D (login refused, no such database), 40 (a deadlock or serialisation
 * failure: worth a retry, not a bug), 25006 (a read-only standby after a failover), 42501 (no
 * permission) and 55P03 (a lock not granted in time); the driver's own network errors; a
 * connection that ended, which the driver reports without a code; and this store's own stale
 * head (another writer went on).
 */
export function isPgStorageFault(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (typeof e?.code === 'string') return PG_STORAGE_CODE.test(e.code);
  return typeof e?.message === 'string' && CONNECTION_ENDED.test(e.message);
}

const PG_STORAGE_CODE =
  /^(08|53|57|58|XX|28|3D|40)|^(25006|42501|55P03|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|MOTESPLATS_STALE_OFFICE)$/;
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
