/** Times, dates and language names for the admin screen, in the staff language and the office's time zone. */

const formats = new Map<string, Intl.DateTimeFormat>();

function format(
  language: string,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}|${JSON.stringify(options)}`;
  let made = formats.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat(language === 'sv' ? 'sv-SE' : 'en-GB', { ...options, timeZone });
    formats.set(key, made);
  }
  return made;
}

/** 09:05 */
export const clockTime = (at: number, language: string, timeZone: string): string =>
  format(language, timeZone, { hour: '2-digit', minute: '2-digit' }).format(at);

/** 23 nov. 2026 09:05 / 23 Nov 2026, 09:05 */
export const dateTime = (at: number, language: string, timeZone: string): string =>
  format(language, timeZone, { dateStyle: 'medium', timeStyle: 'short' }).format(at);

/** A day (`YYYY-MM-DD`) in words: 23 november 2026. */
export const dayText = (day: string, language: string): string =>
  format(language, 'UTC', { dateStyle: 'long' }).format(Date.parse(`${day}T12:00:00Z`));

const names = new Map<string, Intl.DisplayNames>();

/** A language by its name in the staff language ("Arabiska", "Kurdish"); the code when unknown. */
export function languageName(code: string, language: string): string {
  let display = names.get(language);
  if (!display) {
    display = new Intl.DisplayNames([language], { type: 'language', fallback: 'code' });
    names.set(language, display);
  }
  let name: string | undefined;
  try {
    // Dari as Afghan Persian, which Intl knows by name.
    name = code === 'prs' ? (language === 'sv' ? 'dari' : 'Dari') : display.of(code);
  } catch {
    name = undefined;
  }
  if (!name || name.toLowerCase() === code) return code;
  return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
}
