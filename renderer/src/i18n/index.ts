import i18next from 'i18next';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next } from 'react-i18next';
import { isRtl, languageTag, STAFF_LANGUAGES, type StaffLanguage } from '../../../shared/languages.js';

/**
 * Catalogs per language and namespace (`locales/<language>/<namespace>.json`), loaded on demand
 * so that a screen downloads only the languages it shows. Visitor namespaces (common, kiosk,
 * display, status) exist in all eight languages; staff namespaces in Swedish and English.
 */
const catalogs = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json');

export const VISITOR_NAMESPACES = ['common', 'kiosk', 'display', 'status'] as const;
export const STAFF_NAMESPACES = ['staff', 'setup', 'desk', 'reception', 'admin', 'region'] as const;

void i18next
  .use(
    resourcesToBackend((language: string, namespace: string) => {
      const load = catalogs[`./locales/${language}/${namespace}.json`];
      return load ? load() : Promise.resolve({ default: {} });
    }),
  )
  .use(initReactI18next)
  .init({
    lng: 'sv',
    fallbackLng: 'en',
    ns: ['common'],
    defaultNS: 'common',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    react: { useSuspense: true },
  });

export { i18next };

/** Switches the page's language, and with it `lang` and the reading direction. */
export async function setPageLanguage(language: string): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = languageTag(language);
  document.documentElement.dir = isRtl(language) ? 'rtl' : 'ltr';
}

const STAFF_KEY = 'motesplats.staffLanguage';

/** Staff choose Swedish or English once per device. */
export function staffLanguage(): StaffLanguage {
  const saved = localStorage.getItem(STAFF_KEY);
  return (STAFF_LANGUAGES as readonly string[]).includes(saved ?? '') ? (saved as StaffLanguage) : 'sv';
}

export async function setStaffLanguage(language: StaffLanguage): Promise<void> {
  localStorage.setItem(STAFF_KEY, language);
  await setPageLanguage(language);
}
