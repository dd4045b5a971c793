import { hashPin, verifyPin } from '../devices/credentials.js';
import type { Db } from './db.js';

/** Officers' PINs, for offices whose config asks officers to sign in with one. */
export class Officers {
  constructor(private readonly db: Db) {}

  setPin(name: string, pin: string, now: number): void {
    this.db
      .prepare(
        `INSERT INTO officers VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET pin_hash = excluded.pin_hash`,
      )
      .run(name, hashPin(pin), now);
  }

  /** 'ok', or why not: the officer is unknown, or the PIN is wrong. */
  check(name: string, pin: string | undefined): 'ok' | 'unknown' | 'bad_pin' {
    const stored = this.db
      .prepare<[string], string>(`SELECT pin_hash FROM officers WHERE name = ?`)
      .pluck()
      .get(name);
    if (stored === undefined) return 'unknown';
    return pin !== undefined && verifyPin(pin, stored) ? 'ok' : 'bad_pin';
  }

  list(): string[] {
    return this.db.prepare<[], string>(`SELECT name FROM officers ORDER BY name`).pluck().all();
  }
}
