import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VISITOR_LANGUAGES } from '../../../../shared/languages.js';

const catalog = (lang: string): Record<string, unknown> =>
  JSON.parse(
    readFileSync(
      new URL(`../../../../renderer/src/i18n/locales/${lang}/display.json`, import.meta.url),
      'utf8',
    ),
  ) as Record<string, unknown>;

/** Keys without their plural endings, nested keys joined with dots. */
function keys(value: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(value).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null
      ? keys(v as Record<string, unknown>, `${prefix}${k}.`)
      : [`${prefix}${k.replace(/_(zero|one|two|few|many|other)$/, '')}`],
  );
}

describe('the display catalogs', () => {
  const swedish = [...new Set(keys(catalog('sv')))].sort();

  it.each(VISITOR_LANGUAGES)('%s has every key the Swedish one has, and no others', (lang) => {
    expect([...new Set(keys(catalog(lang)))].sort()).toEqual(swedish);
  });

  it.each(VISITOR_LANGUAGES)('%s has every plural form its language uses', (lang) => {
    const c = catalog(lang);
    for (const form of new Intl.PluralRules(lang).resolvedOptions().pluralCategories)
      expect(c[`minutes_${form}`], `${lang} minutes_${form}`).toEqual(expect.stringContaining(''));
  });

  it.each(VISITOR_LANGUAGES)('%s has no empty text', (lang) => {
    const texts = JSON.stringify(catalog(lang)).match(/"[^"]*"/g) ?? [];
    expect(texts).not.toContain('""');
  });
});
