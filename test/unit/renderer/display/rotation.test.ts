import { describe, expect, it } from 'vitest';
import {
  languageAt,
  msUntilNextTurn,
  pinnedLanguage,
  ROTATION_MS,
  rotationLanguages,
} from '../../../../renderer/src/screens/display/rotation.js';

describe('heading rotation', () => {
  it('turns through the office languages in their order, each once', () => {
    expect(rotationLanguages(['sv', 'ar', 'ti', 'ar', 'xx'])).toEqual(['sv', 'ar', 'ti']);
    expect(rotationLanguages([])).toEqual(['sv']);
  });

  it('shows each language for one period, then the next, round and round', () => {
    const langs = ['sv', 'ar', 'ti'] as const;
    const at = (n: number) => languageAt(langs, n * ROTATION_MS + 1);
    expect([0, 1, 2, 3, 4].map(at)).toEqual(['sv', 'ar', 'ti', 'sv', 'ar']);
    expect(languageAt(langs, ROTATION_MS - 1)).toBe('sv');
    expect(languageAt(langs, ROTATION_MS)).toBe('ar');
  });

  it('depends on the clock alone, so displays in the same room agree', () => {
    const now = 1_790_000_123_456;
    expect(languageAt(['sv', 'en', 'ar'], now)).toBe(languageAt(['sv', 'en', 'ar'], now));
    expect(languageAt(['sv'], now)).toBe('sv');
  });

  it('says how long until the next turn', () => {
    expect(msUntilNextTurn(0)).toBe(ROTATION_MS);
    expect(msUntilNextTurn(ROTATION_MS - 100)).toBe(100);
    expect(msUntilNextTurn(10 * ROTATION_MS + 1)).toBe(ROTATION_MS - 1);
  });

  it('holds one language when the address asks for one the screens speak', () => {
    expect(pinnedLanguage('?lang=ar')).toBe('ar');
    expect(pinnedLanguage('?x=1&lang=prs')).toBe('prs');
    expect(pinnedLanguage('?lang=de')).toBeNull();
    expect(pinnedLanguage('')).toBeNull();
  });
});
