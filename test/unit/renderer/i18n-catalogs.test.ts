import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { languageTag, VISITOR_LANGUAGES } from '../../../shared/languages.js';

/**
 * The catalogs must agree: a key missing in one language shows the fallback's text (or the
 * key) to someone who cannot read it. Plural keys are compared by their base; each language
 * must have every plural form its grammar has (Intl's rules, which i18next also follows).
 */

const LOCALES = fileURLToPath(new URL('../../../renderer/src/i18n/locales/', import.meta.url));
const VISITOR_NAMESPACES = ['common', 'kiosk', 'display', 'status'];
const STAFF_NAMESPACES = ['staff', 'setup', 'desk', 'reception', 'admin', 'region'];
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Catalog = { [key: string]: string | Catalog };

function flatten(catalog: Catalog, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const read = (language: string, ns: string): Map<string, string> | null => {
  const file = join(LOCALES, language, `${ns}.json`);
  return existsSync(file) ? flatten(JSON.parse(readFileSync(file, 'utf8')) as Catalog) : null;
};

/** Keys with plural suffixes folded into their base. */
const baseKeys = (keys: Iterable<string>) => [...new Set([...keys].map((k) => k.replace(PLURAL, '')))].sort();

/** Plural base key → the categories present. */
function pluralForms(keys: Iterable<string>): Map<string, Set<string>> {
  const forms = new Map<string, Set<string>>();
  for (const key of keys) {
    const match = PLURAL.exec(key);
    if (!match) continue;
    const base = key.slice(0, match.index);
    forms.set(base, (forms.get(base) ?? new Set()).add(match[1]!));
  }
  return forms;
}

const exists = (ns: string) => readdirSync(LOCALES).some((l) => existsSync(join(LOCALES, l, `${ns}.json`)));

describe('i18n catalogs', () => {
  for (const ns of VISITOR_NAMESPACES) {
    describe.skipIf(!exists(ns))(`visitor namespace "${ns}"`, () => {
      const reference = read('en', ns) ?? read('sv', ns)!;

      it.each([...VISITOR_LANGUAGES])('exists in %s with the same keys', (language) => {
        const catalog = read(language, ns);
        expect(catalog, `${language}/${ns}.json`).not.toBeNull();
        expect(baseKeys(catalog!.keys())).toEqual(baseKeys(reference.keys()));
      });

      it.each([...VISITOR_LANGUAGES])('has every plural form %s needs', (language) => {
        const catalog = read(language, ns);
        if (!catalog) return;
        const needed = new Intl.PluralRules(languageTag(language)).resolvedOptions().pluralCategories;
        const bases = new Set([
          ...pluralForms(catalog.keys()).keys(),
          ...pluralForms(reference.keys()).keys(),
        ]);
        for (const base of bases) {
          const forms = pluralForms(catalog.keys()).get(base) ?? new Set<string>();
          for (const category of needed)
            expect(forms.has(category), `${language}/${ns}: ${base}_${category}`).toBe(true);
          // i18next also reads _zero for a count of 0 in any language; anything else is a typo.
          for (const form of forms)
            expect(
              form === 'zero' || needed.includes(form as Intl.LDMLPluralRule),
              `${language}/${ns}: ${base}_${form}`,
            ).toBe(true);
        }
      });

      it.each([...VISITOR_LANGUAGES])('has no empty text in %s', (language) => {
        for (const [key, value] of read(language, ns) ?? [])
          expect(value.trim(), `${language}/${ns}: ${key}`).not.toBe('');
      });
    });
  }

  for (const ns of STAFF_NAMESPACES) {
    describe.skipIf(!exists(ns))(`staff namespace "${ns}"`, () => {
      it('has the same keys in Swedish and English', () => {
        const sv = read('sv', ns);
        const en = read('en', ns);
        expect(sv, `sv/${ns}.json`).not.toBeNull();
        expect(en, `en/${ns}.json`).not.toBeNull();
        expect(baseKeys(sv!.keys())).toEqual(baseKeys(en!.keys()));
      });
    });
  }
});
