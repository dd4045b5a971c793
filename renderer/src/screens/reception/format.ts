import { LANGUAGE_NATIVE_NAMES, type VisitorLanguage } from '../../../../shared/languages.js';

/** Formatting for reception, pure so it can be tested in Node. */

const MINUTE = 60_000;

/** "4 min", "1 h 05 min": read the same in Swedish and English. */
export function durationText(ms: number): string {
  const total = Math.max(0, Math.floor(ms / MINUTE));
  if (total < 60) return `${total} min`;
  return `${Math.floor(total / 60)} h ${String(total % 60).padStart(2, '0')} min`;
}

export function minutesBetween(from: number, to: number): number {
  return Math.max(0, Math.floor((to - from) / MINUTE));
}

const displayNames = new Map<string, Intl.DisplayNames>();

/** A language by its name in the staff language ("arabiska", "Kurdish"); the code when unknown. */
export function languageName(code: string, uiLanguage: string): string {
  let names = displayNames.get(uiLanguage);
  if (!names) {
    names = new Intl.DisplayNames([uiLanguage], { type: 'language', fallback: 'code' });
    displayNames.set(uiLanguage, names);
  }
  let name: string | undefined;
  try {
    name = names.of(code === 'prs' ? 'fa-AF' : code);
  } catch {
    name = undefined;
  }
  if (!name || name.toLowerCase() === code || name === 'fa-AF') return code;
  return name.charAt(0).toLocaleUpperCase(uiLanguage) + name.slice(1);
}

/** A visitor language as staff pick it: in the staff language, and by its own name. */
export function optionName(code: VisitorLanguage, uiLanguage: string): string {
  const name = languageName(code, uiLanguage);
  const own = LANGUAGE_NATIVE_NAMES[code];
  return own && own.toLocaleLowerCase() !== name.toLocaleLowerCase() ? `${name} – ${own}` : name;
}

const clocks = new Map<string, Intl.DateTimeFormat>();

/** A wall-clock time, HH:MM, in the office's time zone. */
export function clockTime(at: number, uiLanguage: string, timeZone: string): string {
  const key = `${uiLanguage}|${timeZone}`;
  let format = clocks.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(uiLanguage === 'sv' ? 'sv-SE' : 'en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
    });
    clocks.set(key, format);
  }
  return format.format(at);
}
