/**
 * Whether an error thrown by the database means that it cannot be written (a full disk, a file
 * made read-only, an I/O error, a lock that outlived the busy timeout). Such a fault is the
 * office's to hear of (the desks are told, reads go on, the server probes until it passes); any
 * other error (a broken constraint, a bug) is a refusal of that one request and says nothing
 * about the disk.
 */
export function isStorageFault(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && STORAGE_FAULT.test(code);
}

/** SQLite's codes, and the one the PostgreSQL store gives its faults (postgres/faults.ts). */
const STORAGE_FAULT =
  /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|BUSY|LOCKED|CORRUPT|NOTADB|PERM|NOMEM|PROTOCOL)(_|$)|^MOTESPLATS_STORAGE$/;
