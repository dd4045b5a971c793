import { describe, expect, it } from 'vitest';
import { DEFAULT_PIN_LIMITS, PinGuard, type PinLimits } from '../../../server/devices/pinGuard.js';
import { Audit } from '../../../server/store/audit.js';
import { Officers, SqliteOfficerRows } from '../../../server/store/officers.js';
import { openDatabase } from '../../../server/store/db.js';

const MINUTE = 60_000;

/** A guard on a hand-moved clock; `verify` answers whether the PIN is Anna's 2468. */
function guard(limits: Partial<PinLimits> = {}) {
  let at = 0;
  const g = new PinGuard(() => at, { ...DEFAULT_PIN_LIMITS, ...limits });
  const hashed: string[] = [];
  // `null`: the device is not known (a default would swallow `undefined`).
  const attempt = (name: string, pin: string, device: string | null = 'desk-1') =>
    g.check(name, device ?? undefined, () => {
      hashed.push(pin);
      return name === 'Anna' && pin === '2468';
    });
  return { g, attempt, hashed, advance: (ms: number) => (at += ms) };
}

describe('the PIN guard', () => {
  it('locks a name after five wrong PINs, without hashing while locked', () => {
    const { attempt, hashed } = guard();
    for (let i = 0; i < 4; i++) expect(attempt('Anna', '0000')).toEqual({ kind: 'refused' });
    expect(attempt('Anna', '0000')).toEqual({ kind: 'locked', retryAfterMs: 5 * MINUTE });
    const tried = hashed.length;
    // Even the right PIN, from another device, waits out the lock.
    expect(attempt('Anna', '2468', 'desk-2')).toMatchObject({ kind: 'locked' });
    expect(hashed.length).toBe(tried);
  });

  it('locks a name whatever its capitals, as the database finds it whatever its capitals', () => {
    const { attempt, g } = guard();
    for (const typed of ['Anna', 'anna', 'ANNA', ' aNNA', 'AnNa ']) attempt(typed, '0000');
    expect(attempt('anna', '2468', 'desk-2')).toMatchObject({ kind: 'locked' });
    g.forgive('ANNA');
    expect(attempt('Anna', '2468', 'desk-2')).toEqual({ kind: 'ok' });
  });

  it('treats a name nobody has exactly like a real one', () => {
    const real = guard();
    const made = guard();
    const answers = (g: ReturnType<typeof guard>, name: string) =>
      Array.from({ length: 7 }, () => g.attempt(name, '1111'));
    expect(answers(made, 'Nobody')).toEqual(answers(real, 'Anna'));
  });

  it('doubles each further lock up to an hour, and a right PIN wipes the slate', () => {
    const { attempt, advance } = guard({ perDevice: 1000 });
    const lockAfterFive = () => {
      for (let i = 0; i < 4; i++) attempt('Anna', '0000');
      return attempt('Anna', '0000');
    };
    expect(lockAfterFive()).toEqual({ kind: 'locked', retryAfterMs: 5 * MINUTE });
    advance(5 * MINUTE);
    expect(lockAfterFive()).toEqual({ kind: 'locked', retryAfterMs: 10 * MINUTE });
    advance(10 * MINUTE);
    for (const minutes of [20, 40, 60, 60]) {
      expect(lockAfterFive()).toEqual({ kind: 'locked', retryAfterMs: minutes * MINUTE });
      advance(minutes * MINUTE);
    }
    expect(attempt('Anna', '2468')).toEqual({ kind: 'ok' });
    expect(lockAfterFive()).toEqual({ kind: 'locked', retryAfterMs: 5 * MINUTE });
  });

  it('lets a right PIN reset the count before the lock', () => {
    const { attempt } = guard();
    for (let i = 0; i < 4; i++) attempt('Anna', '0000');
    expect(attempt('Anna', '2468')).toEqual({ kind: 'ok' });
    for (let i = 0; i < 4; i++) expect(attempt('Anna', '0000')).toEqual({ kind: 'refused' });
  });

  it('bounds how many PINs one device may have checked, whatever names it tries', () => {
    const { attempt, hashed, advance } = guard();
    for (let i = 0; i < 10; i++) expect(attempt(`Name ${i}`, '0000').kind).toBe('refused');
    expect(attempt('Name 10', '0000')).toEqual({ kind: 'locked', retryAfterMs: 5 * MINUTE });
    expect(attempt('Anna', '2468')).toMatchObject({ kind: 'locked' });
    expect(hashed.length).toBe(10);
    // Another device is not held up by this one.
    expect(attempt('Anna', '2468', 'desk-2')).toEqual({ kind: 'ok' });
    advance(5 * MINUTE);
    expect(attempt('Anna', '2468')).toEqual({ kind: 'ok' });
  });

  it('counts checks from an unknown device against the office, with room for a morning of sign-ins', () => {
    const { attempt, hashed } = guard();
    for (let i = 0; i < 60; i++) expect(attempt(`Officer ${i}`, '0000', null).kind).toBe('refused');
    expect(attempt('Anna', '2468', null)).toMatchObject({ kind: 'locked' });
    expect(hashed.length).toBe(60);
  });

  it('forgives a name whose PIN was just set, and forgets names quiet for a day', () => {
    const { g, attempt, advance } = guard({ perDevice: 1000 });
    for (let i = 0; i < 5; i++) attempt('Anna', '0000');
    g.forgive('Anna');
    expect(attempt('Anna', '2468')).toEqual({ kind: 'ok' });
    for (let i = 0; i < 4; i++) attempt('Björn', '0000');
    advance(24 * 60 * MINUTE);
    for (let i = 0; i < 4; i++) expect(attempt('Björn', '0000')).toEqual({ kind: 'refused' });
  });
});

describe('officers’ PINs', () => {
  it('answer a wrong PIN and an unknown name alike, after the same slow hash', () => {
    const db = openDatabase(':memory:');
    const officers = new Officers(
      new SqliteOfficerRows(db, new Audit(db)),
      new PinGuard(() => 0, { ...DEFAULT_PIN_LIMITS, perName: 100 }),
    );
    officers.setPin('Anna', '2468', 0);
    expect(officers.check('Anna', '2468')).toEqual({ kind: 'ok' });
    expect(officers.check('Anna', '1357')).toEqual({ kind: 'refused' });
    expect(officers.check('Nobody', '1357')).toEqual({ kind: 'refused' });
    expect(officers.check('Anna', undefined)).toEqual({ kind: 'refused' });
    // The fastest of a few tries, so that a busy machine slows either side, not the comparison.
    const fastest = (name: string) =>
      Math.min(
        ...Array.from({ length: 3 }, () => {
          const start = performance.now();
          officers.check(name, '1357');
          return performance.now() - start;
        }),
      );
    const known = fastest('Anna');
    expect(fastest('Nobody')).toBeGreaterThan(known / 2);
    db.close();
  });
});
