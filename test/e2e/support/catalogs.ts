import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const LOCALES = join(import.meta.dirname, '../../../renderer/src/i18n/locales');

type Catalog = { [key: string]: string | Catalog };

/**
 * A screen's words in a language, from the same catalogs the screens load: a test that walks the
 * kiosk in Arabic presses the buttons by their Arabic names.
 */
export function words(
  language: string,
  namespace: string,
): (key: string, values?: Record<string, string | number>) => string {
  const catalog = JSON.parse(readFileSync(join(LOCALES, language, `${namespace}.json`), 'utf8')) as Catalog;
  return (key, values = {}) => {
    let node: string | Catalog | undefined = catalog;
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    if (typeof node !== 'string') throw new Error(`no "${key}" in ${language}/${namespace}.json`);
    return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? `{{${name}}}`));
  };
}
