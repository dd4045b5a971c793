import { randomBytes } from 'node:crypto';
import { hashPin, verifyPin } from '../devices/credentials.js';
import { PinGuard, type PinVerdict } from '../devices/pinGuard.js';
import type { Audit, AuditEntry } from './audit.js';
import type { Db } from './db.js';
import type { Awaitable, OfficerStore } from './seam.js';

/**
 * Random bytes in the shape of a PIN hash: no PIN matches, and checking one costs the same scrypt
 * as a real hash, so a name nobody has answers as slowly as a real one.
 */
const DECOY = `scrypt:${randomBytes(16).toString('base64')}:${randomBytes(32).toString('base64')}`;

/** Where a store keeps officers' PIN hashes; names match without regard to case. */
export interface OfficerRows {
  pinHash(name: string): Awaitable<string | undefined>;
  /** Sets the hash, and records `audit` in the same transaction. */
  setPinHash(name: string, hash: string, now: number, audit?: AuditEntry): Awaitable<void>;
  names(): Awaitable<string[]>;
}

/** Officers' PINs, for offices whose config asks officers to sign in with one. */
export class Officers implements OfficerStore {
  constructor(
    private readonly rows: OfficerRows,
    private readonly guard: PinGuard = new PinGuard(),
  ) {}

  setPin(name: string, pin: string, now: number, audit?: AuditEntry): Awaitable<void> {
    return this.rows.setPinHash(name, hashPin(pin), now, audit);
  }

  /**
   * The coordinator setting a new PIN is the way out of a lock for an officer who forgot theirs;
   * called once the new PIN is committed, so that a change rolled back lifts no lock.
   */
  unlock(name: string): void {
    this.guard.forgive(name);
  }

  /**
   * Whether `pin` is this officer's, within the limits on guessing (see PinGuard). An unknown
   * name and a wrong PIN get the same answer, in the same time: which names exist is not told.
   * `deviceId` is the device asking; without it the office's devices share one limit.
   */
  check(name: string, pin: string | undefined, deviceId?: string): Awaitable<PinVerdict> {
    // Nothing to guess with, so nothing to count or hash.
    if (pin === undefined) return { kind: 'refused' };
    const verdict = (stored: string | undefined) =>
      this.guard.check(name, deviceId, () => {
        if (stored !== undefined) return verifyPin(pin, stored);
        verifyPin(pin, DECOY);
        return false;
      });
    const stored = this.rows.pinHash(name);
    return stored instanceof Promise ? stored.then(verdict) : verdict(stored);
  }

  list(): Awaitable<string[]> {
    return this.rows.names();
  }
}

export class SqliteOfficerRows implements OfficerRows {
  constructor(
    private readonly db: Db,
    private readonly audit: Audit,
  ) {}

  pinHash(name: string): string | undefined {
    return this.db
      .prepare<[string], string>(`SELECT pin_hash FROM officers WHERE name = ?`)
      .pluck()
      .get(name);
  }

  setPinHash(name: string, hash: string, now: number, audit?: AuditEntry): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO officers VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET pin_hash = excluded.pin_hash`,
        )
        .run(name, hash, now);
      if (audit) this.audit.record(audit);
    })();
  }

  names(): string[] {
    return this.db.prepare<[], string>(`SELECT name FROM officers ORDER BY name`).pluck().all();
  }
}
