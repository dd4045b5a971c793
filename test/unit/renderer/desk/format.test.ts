import { describe, expect, it } from 'vitest';
import {
  clockTime,
  languageName,
  nativeName,
  waitParts,
} from '../../../../renderer/src/screens/desk/format.js';
import { T0 } from '../../../helpers/domain.js';

describe('languageName', () => {
  it('names a language in the staff language, capitalised', () => {
    expect(languageName('ar', 'en')).toBe('Arabic');
    expect(languageName('ar', 'sv')).toBe('Arabiska');
    expect(languageName('ti', 'sv')).toBe('Tigrinja');
    expect(languageName('uk', 'en')).toBe('Ukrainian');
  });

  it('names Dari as Afghan Persian, and falls back to the code', () => {
    expect(languageName('prs', 'en')).toMatch(/Dari/);
    expect(languageName('qqq', 'en')).toBe('qqq');
  });

  it('knows the visitor languages by their own names', () => {
    expect(nativeName('ar')).toBe('العربية');
    expect(nativeName('ku')).toBeNull();
  });
});

describe('waitParts and clockTime', () => {
  it('floors a wait to whole minutes and hours', () => {
    expect(waitParts(59_999)).toEqual({ hours: 0, minutes: 0 });
    expect(waitParts(61 * 60_000 + 5_000)).toEqual({ hours: 1, minutes: 1 });
    expect(waitParts(-5)).toEqual({ hours: 0, minutes: 0 });
  });

  it("shows the office's wall-clock time", () => {
    expect(clockTime(T0, 'sv', 'Europe/Stockholm')).toBe('09:00');
    expect(clockTime(T0, 'en', 'Europe/Stockholm')).toBe('09:00');
    expect(clockTime(T0, 'en', 'UTC')).toBe('08:00');
  });
});
