import { describe, expect, it } from 'vitest';
import {
  errorKeys,
  formatIssuedAt,
  idleCountdown,
  statusUrl,
} from '../../../../renderer/src/screens/kiosk/kioskFormat.js';

describe('kiosk formatting', () => {
  it("points the QR code at the visitor's own status page", () => {
    expect(statusUrl('http://192.168.1.20:8420', 'abc_DEF-123')).toBe(
      'http://192.168.1.20:8420/status/abc_DEF-123',
    );
    expect(statusUrl('https://office.example/', 'tok')).toBe('https://office.example/status/tok');
  });

  it('prints the time with Latin digits in every language', () => {
    const at = Date.UTC(2026, 10, 23, 9, 5);
    for (const language of ['sv', 'en', 'ar', 'fa', 'prs', 'ti', 'so', 'uk']) {
      const text = formatIssuedAt(at, language, 'Europe/Stockholm');
      expect(text, language).toContain('10:05');
      expect(text, language).not.toMatch(/[\u0660-\u0669\u06f0-\u06f9]/);
    }
  });

  it('looks for a refusal in the kiosk wording first, then the shared one, then a general one', () => {
    expect(errorKeys('UNKNOWN_BOOKING_REF')).toEqual([
      'kiosk:error.UNKNOWN_BOOKING_REF',
      'common:error.UNKNOWN_BOOKING_REF',
      'common:error.generic',
    ]);
  });

  it('shows the countdown only in the last seconds, then expires', () => {
    expect(idleCountdown(10_000, 0, 60_000, 15_000)).toEqual({ expired: false, secondsLeft: null });
    expect(idleCountdown(45_000, 0, 60_000, 15_000)).toEqual({ expired: false, secondsLeft: 15 });
    expect(idleCountdown(59_001, 0, 60_000, 15_000)).toEqual({ expired: false, secondsLeft: 1 });
    expect(idleCountdown(60_000, 0, 60_000, 15_000)).toEqual({ expired: true, secondsLeft: null });
  });
});
