import { LANGUAGE_NATIVE_NAMES, type VisitorLanguage } from '../../../../shared/languages.js';

/** Small formatting helpers for the desk screen, pure so they can be tested in Node. */

const displayNames = new Map<string, Intl.DisplayNames>();

/** A language by its name in the staff language ("arabiska", "Kurdish"); the code when unknown. */
export function languageName(code: string, uiLanguage: string): string {
  let names = displayNames.get(uiLanguage);
  if (!names) {
    names = new Intl.DisplayNames([uiLanguage], { type: 'language', fallback: 'code' });
    displayNames.set(uiLanguage, names);
  }
  const tag = code === 'prs' ? 'fa-AF' : code;
  let name: string | undefined;
  try {
    name = names.of(tag);
  } catch {
    name = undefined;
  }
  if (!name || name === tag) return code;
  // Swedish writes language names in lower case; at the start of a table cell they read better capitalised.
  return name.charAt(0).toLocaleUpperCase(uiLanguage) + name.slice(1);
}

/** A visitor language by its own name, for the officer to recognise what the household chose. */
export function nativeName(code: string): string | null {
  return LANGUAGE_NATIVE_NAMES[code as VisitorLanguage] ?? null;
}

/** A wait as whole hours and minutes, floored. */
export function waitParts(ms: number): { hours: number; minutes: number } {
  const total = Math.max(0, Math.floor(ms / 60_000));
  return { hours: Math.floor(total / 60), minutes: total % 60 };
}

/** A wall-clock time (HH:MM) in the office's time zone. */
export function clockTime(at: number, uiLanguage: string, timeZone: string): string {
  return new Intl.DateTimeFormat(uiLanguage === 'sv' ? 'sv-SE' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(at);
}
