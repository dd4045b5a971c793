import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * The admin PIN guards a kiosk's or display's settings (reset, printer, quit) from passers-by.
 * It is short, so it is stored with a salted, slow hash and wrong guesses lock it for a while.
 */
const PIN_PATTERN = /^\d{4,12}$/;

/** Why a new PIN cannot be used, or null when it can. */
export function checkNewPin(pin: string, repeat: string): string | null {
  if (!PIN_PATTERN.test(pin)) return 'The admin PIN must be 4 to 12 digits.';
  if (pin !== repeat) return 'The two PINs differ.';
  return null;
}

export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  return `scrypt:${salt.toString('base64')}:${scryptSync(pin, salt, 32).toString('base64')}`;
}

export function verifyPin(pin: string, stored: string): boolean {
  const [scheme, salt, hash] = stored.split(':');
  if (scheme !== 'scrypt' || !salt || !hash || !PIN_PATTERN.test(pin)) return false;
  const expected = Buffer.from(hash, 'base64');
  if (expected.length !== 32) return false;
  return timingSafeEqual(scryptSync(pin, Buffer.from(salt, 'base64'), 32), expected);
}

export type PinAttempt = { ok: true } | { ok: false; message: string };

/** Counts wrong PINs: after `maxFailures` in a row the gate stays shut for `lockMs`. */
export class PinGate {
  private failures = 0;
  private lockedUntil = 0;

  constructor(
    private readonly now: () => number,
    private readonly maxFailures = 5,
    private readonly lockMs = 60_000,
  ) {}

  attempt(pin: string, storedHash: string): PinAttempt {
    const at = this.now();
    if (at < this.lockedUntil) return { ok: false, message: this.lockedMessage(at) };
    if (verifyPin(pin, storedHash)) {
      this.failures = 0;
      return { ok: true };
    }
    this.failures += 1;
    if (this.failures >= this.maxFailures) {
      this.failures = 0;
      this.lockedUntil = at + this.lockMs;
      return { ok: false, message: this.lockedMessage(at) };
    }
    return { ok: false, message: 'Wrong PIN.' };
  }

  private lockedMessage(at: number): string {
    return `Too many wrong PINs: try again in ${Math.ceil((this.lockedUntil - at) / 1000)} s.`;
  }
}
