import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  isRtl,
  LANGUAGE_NATIVE_NAMES,
  languageTag,
  type VisitorLanguage,
} from '../../../../shared/languages.js';
import { i18next, setPageLanguage } from '../../i18n/index.js';
import { kioskActions } from './kioskStore.js';

/**
 * The first screen: every language the office offers, in its order, each in its own name and
 * script (never a flag). Above them, "Choose your language" in each of those languages.
 */
export function LanguageStep({
  languages,
  catalogsReady,
}: {
  languages: readonly VisitorLanguage[];
  catalogsReady: boolean;
}) {
  const { t } = useTranslation('kiosk');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  async function choose(language: VisitorLanguage) {
    await setPageLanguage(language);
    kioskActions.chooseLanguage(language);
  }

  // Persian and Dari ask in the same words: each prompt once, in the first language that has it.
  const own = t('language.prompt');
  const prompts = new Map<string, VisitorLanguage>();
  if (catalogsReady)
    for (const l of languages) {
      const text = i18next.getFixedT(l, 'kiosk')('language.prompt');
      if (text !== own && !prompts.has(text)) prompts.set(text, l);
    }
  return (
    <section className="kiosk-step kiosk-language" aria-labelledby="kiosk-step-title">
      <h1 id="kiosk-step-title" className="kiosk-title" tabIndex={-1} ref={heading}>
        {t('language.prompt')}
      </h1>
      {prompts.size > 0 && (
        <ul className="kiosk-prompts" aria-hidden="true">
          {[...prompts].map(([text, l]) => (
            <li key={l} lang={languageTag(l)} dir={isRtl(l) ? 'rtl' : 'ltr'}>
              {text}
            </li>
          ))}
        </ul>
      )}
      <div className="kiosk-language-grid">
        {languages.map((l) => (
          <button
            key={l}
            type="button"
            className="kiosk-btn kiosk-language-btn"
            lang={languageTag(l)}
            dir={isRtl(l) ? 'rtl' : 'ltr'}
            onClick={() => void choose(l)}
          >
            {LANGUAGE_NATIVE_NAMES[l]}
          </button>
        ))}
      </div>
    </section>
  );
}
