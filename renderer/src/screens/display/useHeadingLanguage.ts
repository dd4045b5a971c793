import { useEffect, useMemo, useState } from 'react';
import { i18next } from '../../i18n/index.js';
import { serverNow } from '../../stores/session.js';
import type { VisitorLanguage } from '../../../../shared/languages.js';
import { languageAt, msUntilNextTurn, pinnedLanguage, rotationLanguages } from './rotation.js';

const NAMESPACES = ['common', 'display'];

/**
 * The language the headings show now, turning through the office's languages. Swedish until
 * every language's catalogs have loaded, so no heading ever flashes an untranslated key.
 */
export function useHeadingLanguage(officeLanguages: readonly string[]): VisitorLanguage {
  const [pinned] = useState(() => pinnedLanguage(location.search));
  const key = pinned ?? officeLanguages.join(',');
  const languages = useMemo(() => rotationLanguages(key === '' ? [] : key.split(',')), [key]);
  const [loaded, setLoaded] = useState<string | null>(null);
  const [now, setNow] = useState(serverNow);

  useEffect(() => {
    let cancelled = false;
    void i18next
      .loadNamespaces(NAMESPACES)
      .then(() => i18next.loadLanguages(languages))
      .then(() => {
        if (!cancelled) setLoaded(key);
      });
    return () => {
      cancelled = true;
    };
  }, [key, languages]);

  useEffect(() => {
    if (pinned) return;
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      // A little after the turn, so the clock has surely passed it.
      timer = setTimeout(
        () => {
          setNow(serverNow());
          schedule();
        },
        msUntilNextTurn(serverNow()) + 30,
      );
    };
    schedule();
    return () => clearTimeout(timer);
  }, [pinned]);

  return loaded === key ? languageAt(languages, now) : 'sv';
}
