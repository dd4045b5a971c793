import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CANCEL_REASONS, SKIP_REASONS, VISIT_KINDS } from '../../../../shared/visit.js';
import { VISIT_FILTERS } from '../../../../renderer/src/screens/reception/visitList.js';

const root = new URL('../../../../renderer/src/', import.meta.url);
const catalog = (lang: string) =>
  JSON.parse(readFileSync(new URL(`i18n/locales/${lang}/reception.json`, root), 'utf8')) as Record<
    string,
    unknown
  >;

/** Every key, nested ones joined with dots, plural endings dropped. */
function keys(value: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(value).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null
      ? keys(v as Record<string, unknown>, `${prefix}${k}.`)
      : [`${prefix}${k.replace(/_(one|other)$/, '')}`],
  );
}

/** The literal keys the reception screen asks its own namespace for (`t('…')`). */
function keysUsed(): string[] {
  const dir = new URL('screens/reception/', root);
  const used = new Set<string>();
  for (const file of readdirSync(dir)) {
    // These two speak the staff namespace (error texts, the language switch).
    if (!/\.tsx?$/.test(file) || file === 'Feedback.tsx' || file === 'LanguageSwitch.tsx') continue;
    const source = readFileSync(new URL(file, dir), 'utf8');
    for (const m of source.matchAll(/\bt\('([^']+)'/g)) used.add(m[1]!);
  }
  return [...used];
}

describe('the reception catalogs', () => {
  const sv = new Set(keys(catalog('sv')));
  const en = new Set(keys(catalog('en')));

  it('have the same keys in Swedish and English', () => {
    expect([...en].sort()).toEqual([...sv].sort());
  });

  it('have every key the screen uses', () => {
    const missing = keysUsed().filter((k) => !sv.has(k));
    expect(missing).toEqual([]);
  });

  it('name every filter, kind and reason', () => {
    const needed = [
      ...VISIT_FILTERS.map((f) => `filter.${f}`),
      ...VISIT_KINDS.map((k) => `kind.${k}`),
      ...CANCEL_REASONS.map((r) => `cancelReason.${r}`),
      ...SKIP_REASONS.map((r) => `skipReason.${r}`),
    ];
    expect(needed.filter((k) => !sv.has(k))).toEqual([]);
  });
});
