import { describe, expect, it } from 'vitest';
import { checkNewPin, hashPin, PinGate, verifyPin } from '../../../electron/src/pin.js';

describe('the admin PIN', () => {
  it('must be 4 to 12 digits, typed twice alike', () => {
    expect(checkNewPin('2468', '2468')).toBeNull();
    expect(checkNewPin('123456789012', '123456789012')).toBeNull();
    expect(checkNewPin('123', '123')).toMatch(/4 to 12 digits/);
    expect(checkNewPin('1234567890123', '1234567890123')).toMatch(/4 to 12 digits/);
    expect(checkNewPin('12a4', '12a4')).toMatch(/4 to 12 digits/);
    expect(checkNewPin('2468', '2469')).toMatch(/differ/);
  });

  it('is stored salted and hashed, never as typed', () => {
    const a = hashPin('2468');
    const b = hashPin('2468');
    expect(a).not.toContain('2468');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(verifyPin('2468', a)).toBe(true);
    expect(verifyPin('2468', b)).toBe(true);
    expect(verifyPin('2469', a)).toBe(false);
  });

  it('does not match against a malformed hash', () => {
    expect(verifyPin('2468', '2468')).toBe(false);
    expect(verifyPin('2468', 'scrypt::')).toBe(false);
    expect(verifyPin('2468', 'md5:abc:def')).toBe(false);
    expect(verifyPin('2468', 'scrypt:c2FsdA==:c2hvcnQ=')).toBe(false);
    expect(verifyPin('', hashPin('2468'))).toBe(false);
  });
});

describe('wrong PINs', () => {
  it('lock the settings for a minute after five in a row', () => {
    let now = 0;
    const gate = new PinGate(() => now);
    const stored = hashPin('2468');
    for (let i = 0; i < 4; i++)
      expect(gate.attempt('0000', stored)).toEqual({ ok: false, message: 'Wrong PIN.' });
    expect(gate.attempt('0000', stored)).toEqual({
      ok: false,
      message: 'Too many wrong PINs: try again in 60 s.',
    });
    now = 30_000;
    expect(gate.attempt('2468', stored)).toEqual({
      ok: false,
      message: 'Too many wrong PINs: try again in 30 s.',
    });
    now = 60_000;
    expect(gate.attempt('2468', stored)).toEqual({ ok: true });
  });

  it('are forgotten after a right one', () => {
    const gate = new PinGate(() => 0);
    const stored = hashPin('2468');
    for (let i = 0; i < 4; i++) gate.attempt('0000', stored);
    expect(gate.attempt('2468', stored)).toEqual({ ok: true });
    for (let i = 0; i < 4; i++)
      expect(gate.attempt('0000', stored)).toEqual({ ok: false, message: 'Wrong PIN.' });
  });
});
