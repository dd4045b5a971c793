import { VISITOR_LANGUAGES, type VisitorLanguage } from '../../../../shared/languages.js';

/** How long each language's headings stay on screen. */
export const ROTATION_MS = 6_000;

/** The office's languages in its order, each once; Swedish when the office names none. */
export function rotationLanguages(languages: readonly string[]): VisitorLanguage[] {
  const known = new Set<string>(VISITOR_LANGUAGES);
  const out: VisitorLanguage[] = [];
  for (const l of languages)
    if (known.has(l) && !out.includes(l as VisitorLanguage)) out.push(l as VisitorLanguage);
  return out.length > 0 ? out : ['sv'];
}

/**
 * The language on screen at a moment. It depends on the (server) clock alone, so every display
 * in the room shows the same language at the same time, and a reload does not restart the cycle.
 */
export function languageAt<L extends string>(languages: readonly L[], now: number, everyMs = ROTATION_MS): L {
  if (languages.length === 0) throw new Error('no languages to rotate through');
  const turn = Math.floor(now / everyMs);
  return languages[((turn % languages.length) + languages.length) % languages.length]!;
}

/** Milliseconds until the next language comes on. */
export function msUntilNextTurn(now: number, everyMs = ROTATION_MS): number {
  const left = everyMs - (((now % everyMs) + everyMs) % everyMs);
  return left === 0 ? everyMs : left;
}

/**
 * `/display?lang=ar` holds the headings in one language instead of turning: for a screen that
 * serves one language group, and for screenshots that must show a given language.
 */
export function pinnedLanguage(search: string): VisitorLanguage | null {
  const wanted = new URLSearchParams(search).get('lang');
  return wanted !== null && (VISITOR_LANGUAGES as readonly string[]).includes(wanted)
    ? (wanted as VisitorLanguage)
    : null;
}
