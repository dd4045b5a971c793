import { useTranslation } from 'react-i18next';
import { STAFF_LANGUAGES } from '../../../../shared/languages.js';
import { setStaffLanguage } from '../../i18n/index.js';

/** Svenska | English, kept for this device. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation('staff');
  const current = i18n.language === 'en' ? 'en' : 'sv';
  return (
    <div className="adm-langs" role="group" aria-label={t('language')}>
      {STAFF_LANGUAGES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className={`btn adm-lang${l === current ? ' is-current' : ''}`}
          aria-pressed={l === current}
          onClick={() => void setStaffLanguage(l)}
        >
          {t(`languageName.${l}`)}
        </button>
      ))}
    </div>
  );
}
