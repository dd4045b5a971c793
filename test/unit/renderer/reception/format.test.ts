import { describe, expect, it } from 'vitest';
import {
  clockTime,
  durationText,
  languageName,
  minutesBetween,
  optionName,
} from '../../../../renderer/src/screens/reception/format.js';

describe('reception formatting', () => {
  it('writes a duration in minutes, then hours and minutes', () => {
    expect(durationText(0)).toBe('0 min');
    expect(durationText(59 * 60_000 + 59_000)).toBe('59 min');
    expect(durationText(65 * 60_000)).toBe('1 h 05 min');
    expect(durationText(-5)).toBe('0 min');
    expect(minutesBetween(0, 90_000)).toBe(1);
  });

  it('names languages in the staff language, Dari included', () => {
    expect(languageName('ar', 'sv')).toBe('Arabiska');
    expect(languageName('ar', 'en')).toBe('Arabic');
    expect(languageName('prs', 'sv')).toBe('Dari');
    expect(languageName('ti', 'en')).toBe('Tigrinya');
    expect(languageName('zzz', 'en')).toBe('zzz');
  });

  it('shows a visitor language also by its own name, but not twice', () => {
    expect(optionName('ar', 'sv')).toBe('Arabiska – العربية');
    expect(optionName('sv', 'sv')).toBe('Svenska');
    expect(optionName('en', 'en')).toBe('English');
  });

  it('tells the time in the office’s time zone', () => {
    expect(clockTime(Date.UTC(2026, 10, 23, 8, 5), 'sv', 'Europe/Stockholm')).toBe('09:05');
  });
});
