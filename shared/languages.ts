import { z } from 'zod';

/** The languages the visitor-facing screens speak. Dari is ISO 639-3 `prs`. */
export const VISITOR_LANGUAGES = ['sv', 'en', 'ar', 'fa', 'prs', 'ti', 'so', 'uk'] as const;
export type VisitorLanguage = (typeof VISITOR_LANGUAGES)[number];
export const VisitorLanguageSchema = z.enum(VISITOR_LANGUAGES);

/** Staff screens are Swedish and English only. */
export const STAFF_LANGUAGES = ['sv', 'en'] as const;
export type StaffLanguage = (typeof STAFF_LANGUAGES)[number];

export const RTL_LANGUAGES: ReadonlySet<string> = new Set(['ar', 'fa', 'prs']);

/** The tag for `lang` attributes: Dari as Afghan Persian, which fonts and screen readers know. */
export function languageTag(language: string): string {
  return language === 'prs' ? 'fa-AF' : language;
}

export function isRtl(language: string): boolean {
  return RTL_LANGUAGES.has(language);
}

/** Each language by its own name: a kiosk must never make people pick a flag. */
export const LANGUAGE_NATIVE_NAMES: Record<VisitorLanguage, string> = {
  sv: 'Svenska',
  en: 'English',
  ar: 'العربية',
  fa: 'فارسی',
  prs: 'دری',
  ti: 'ትግርኛ',
  so: 'Soomaali',
  uk: 'Українська',
};

/**
 * An interpreter may be needed in languages the screens do not speak (Kurdish, Tigre, …),
 * so interpreter languages are any ISO 639 code, not only the eight above.
 */
export const LanguageCodeSchema = z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639 language code such as "ar"');
