import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The desk's catalogue: the English names of its buttons are the end-to-end tests' contract,
 * and every key the desk's code names must exist in both staff languages.
 */
const LOCALES = fileURLToPath(new URL('../../../../renderer/src/i18n/locales/', import.meta.url));
const SOURCE = fileURLToPath(new URL('../../../../renderer/src/screens/desk/', import.meta.url));
type Catalog = { [key: string]: string | Catalog };
const load = (language: string): Catalog =>
  JSON.parse(readFileSync(`${LOCALES}${language}/desk.json`, 'utf8')) as Catalog;

function lookup(catalog: Catalog, key: string): string | undefined {
  let node: string | Catalog | undefined = catalog;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node === 'string') return node;
  // A plural key: the base with a suffix.
  const parent = key.split('.').slice(0, -1);
  const last = key.split('.').at(-1)!;
  let base: string | Catalog | undefined = catalog;
  for (const part of parent) base = typeof base === 'object' ? base[part] : undefined;
  const other = typeof base === 'object' ? base[`${last}_other`] : undefined;
  return typeof other === 'string' ? other : undefined;
}

describe('desk catalogue', () => {
  it('names the buttons exactly as the tests expect in English', () => {
    const en = load('en');
    expect(
      Object.fromEntries(
        [
          'callNext',
          'call',
          'recall',
          'noShow',
          'start',
          'returnToQueue',
          'park',
          'handOver',
          'completeStep',
          'completeVisit',
          'addNote',
          'signIn',
          'signOut',
        ].map((k) => [k, lookup(en, `action.${k}`)]),
      ),
    ).toEqual({
      callNext: 'Call next',
      call: 'Call',
      recall: 'Recall',
      noShow: 'No show',
      start: 'Start',
      returnToQueue: 'Return to queue',
      park: 'Park',
      handOver: 'Hand over',
      completeStep: 'Complete step',
      completeVisit: 'Complete visit',
      addNote: 'Add note',
      signIn: 'Sign in',
      signOut: 'Sign out',
    });
  });

  it('has every literal key the desk code uses, in Swedish and English', () => {
    const keys = new Set<string>();
    for (const file of readdirSync(SOURCE).filter((f) => /\.tsx?$/.test(f))) {
      const text = readFileSync(`${SOURCE}${file}`, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z_.]+)'/g)) if (!m[1]!.includes(':')) keys.add(m[1]!);
      for (const m of text.matchAll(/key: '([a-zA-Z_.]+)'/g)) keys.add(m[1]!);
      for (const m of text.matchAll(/\bno\('([a-zA-Z_.]+)'/g)) keys.add(m[1]!);
    }
    expect(keys.size).toBeGreaterThan(100);
    for (const language of ['sv', 'en']) {
      const catalog = load(language);
      const missing = [...keys].filter((k) => lookup(catalog, k) === undefined);
      expect(missing, language).toEqual([]);
    }
  });
});
