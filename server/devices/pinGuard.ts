/**
 * Officers' PINs are 4 to 8 digits: without a limit on guessing they fall in an afternoon, and
 * each guess costs ~55 ms of scrypt on the one thread that serves the whole office. Two limits:
 *
 * - per officer name: after `perName` wrong PINs in a row the name is locked, for `lockMs` the
 *   first time and twice as long each time after (up to `maxLockMs`), until a right PIN. A name
 *   nobody has is counted and locked the same way, so a lock says nothing about who exists.
 * - per device: at most `perDevice` PIN checks in `windowMs`, right or wrong, which bounds the CPU
 *   one device can burn however many sockets or names it tries. A check whose device is not
 *   known is counted against the office as a whole, with the larger `perOffice`.
 *
 * Kept in memory: a restart forgets the counts, which costs an attacker a restart they cannot cause.
 */
export interface PinLimits {
  readonly perName: number;
  readonly perDevice: number;
  readonly perOffice: number;
  readonly windowMs: number;
  readonly lockMs: number;
  readonly maxLockMs: number;
  /** A name with no wrong PIN for this long starts afresh. */
  readonly forgetMs: number;
}

const MINUTE = 60_000;

export const DEFAULT_PIN_LIMITS: PinLimits = {
  perName: 5,
  perDevice: 10,
  // A morning's sign-ins at 30 desks, with some typos, fit; a script does not.
  perOffice: 60,
  windowMs: 5 * MINUTE,
  lockMs: 5 * MINUTE,
  maxLockMs: 60 * MINUTE,
  forgetMs: 24 * 60 * MINUTE,
};

/** The key for checks whose device is not known. */
const OFFICE = '\u0000office';

export type PinVerdict =
  | { readonly kind: 'ok' }
  | { readonly kind: 'refused' }
  | { readonly kind: 'locked'; readonly retryAfterMs: number };

interface NameTally {
  failures: number;
  locks: number;
  lockedUntil: number;
  lastFailure: number;
}

interface DeviceTally {
  checks: number;
  since: number;
}

export class PinGuard {
  private readonly names = new Map<string, NameTally>();
  private readonly devices = new Map<string, DeviceTally>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly limits: PinLimits = DEFAULT_PIN_LIMITS,
  ) {}

  /**
   * Runs `verify` (the slow hash) unless the name or the device is locked out, and counts the
   * outcome. `verify` must take as long for a name nobody has as for a real one.
   */
  check(typed: string, deviceId: string | undefined, verify: () => boolean): PinVerdict {
    const name = nameKey(typed);
    const at = this.now();
    this.forget(at);
    const device = this.deviceTally(deviceId ?? OFFICE, at);
    const budget = deviceId === undefined ? this.limits.perOffice : this.limits.perDevice;
    const nameTally = this.names.get(name);
    const nameWait = nameTally ? nameTally.lockedUntil - at : 0;
    const deviceWait = device.checks >= budget ? device.since + this.limits.windowMs - at : 0;
    const wait = Math.max(nameWait, deviceWait);
    if (wait > 0) return { kind: 'locked', retryAfterMs: wait };

    device.checks += 1;
    if (verify()) {
      this.names.delete(name);
      return { kind: 'ok' };
    }
    const tally = nameTally ?? { failures: 0, locks: 0, lockedUntil: 0, lastFailure: at };
    tally.failures += 1;
    tally.lastFailure = at;
    this.names.set(name, tally);
    if (tally.failures < this.limits.perName) return { kind: 'refused' };
    tally.failures = 0;
    tally.locks += 1;
    const lockMs = Math.min(this.limits.lockMs * 2 ** (tally.locks - 1), this.limits.maxLockMs);
    tally.lockedUntil = at + lockMs;
    return { kind: 'locked', retryAfterMs: lockMs };
  }

  /** A name starts afresh (its PIN was just set). */
  forgive(name: string): void {
    this.names.delete(nameKey(name));
  }

  private deviceTally(key: string, at: number): DeviceTally {
    let tally = this.devices.get(key);
    if (!tally || at - tally.since >= this.limits.windowMs) {
      tally = { checks: 0, since: at };
      this.devices.set(key, tally);
    }
    return tally;
  }

  /** Drops what no longer limits anything, so that a stream of made-up names cannot grow the maps. */
  private forget(at: number): void {
    for (const [name, t] of this.names)
      if (t.lockedUntil <= at && at - t.lastFailure >= this.limits.forgetMs) this.names.delete(name);
    for (const [key, t] of this.devices) if (at - t.since >= this.limits.windowMs) this.devices.delete(key);
  }
}

/**
 * The database finds an officer by name regardless of case (`COLLATE NOCASE`), so the lock must
 * too: otherwise "anna berg" and "ANNA BERG" would each get their own tries at Anna Berg's PIN.
 * Lower-casing merges at least what NOCASE merges (ASCII letters), and more.
 */
function nameKey(name: string): string {
  return name.trim().toLowerCase();
}
