import type { ElementType } from 'react';
import { i18next } from '../../i18n/index.js';
import { isRtl, languageTag } from '../../../../shared/languages.js';

/**
 * A text in the heading language of the moment, marked with its own `lang` and direction so
 * that Arabic, Persian and Dari run right to left and each script gets its font. It is keyed
 * by language, so each change fades in anew.
 */
export function Rotating({
  lang,
  k,
  ns = 'display',
  as: Tag = 'span',
  id,
  className = '',
  values,
}: {
  lang: string;
  k: string;
  ns?: 'display' | 'common';
  as?: ElementType;
  id?: string;
  className?: string;
  values?: Record<string, unknown>;
}) {
  const t = i18next.getFixedT(lang, ns);
  return (
    <Tag
      key={lang}
      id={id}
      lang={languageTag(lang)}
      dir={isRtl(lang) ? 'rtl' : 'ltr'}
      className={`dsp-rotating ${className}`}
    >
      {t(k, values ?? {})}
    </Tag>
  );
}
