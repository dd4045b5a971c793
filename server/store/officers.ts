import { randomBytes } from 'node:crypto';
import { hashPin, verifyPin } from '../devices/credentials.js';
import { PinGuard, type PinVerdict } from '../devices/pinGuard.js';
import type { Db } from './db.js';

/**
 * Random bytes in the shape of a PIN hash: no PIN matches, and checking one costs the same scrypt
 * as a real hash, so a name nobody has answers as slowly as a real one.
 */
const DECOY = `scrypt:${randomBytes(16).toString('base64')}:${randomBytes(32).toString('base64')}`;

/** Officers' PINs, for offices whose config asks officers to sign in with one. */
export class Officers {
  constructor(
    private readonly db: Db,
    private readonly guard: PinGuard = new PinGuard(),
  ) {}

  setPin(name: string, pin: string, now: number): void {
    this.db
      .prepare(
        `INSERT INTO officers VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET pin_hash = excluded.pin_hash`,
      )
      .run(name, hashPin(pin), now);
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
  check(name: string, pin: string | undefined, deviceId?: string): PinVerdict {
    // Nothing to guess with, so nothing to count or hash.
    if (pin === undefined) return { kind: 'refused' };
    return this.guard.check(name, deviceId, () => {
      const stored = this.db
        .prepare<[string], string>(`SELECT pin_hash FROM officers WHERE name = ?`)
        .pluck()
        .get(name);
      if (stored !== undefined) return verifyPin(pin, stored);
      verifyPin(pin, DECOY);
      return false;
    });
  }

  list(): string[] {
    return this.db.prepare<[], string>(`SELECT name FROM officers ORDER BY name`).pluck().all();
  }
}
