import { useTranslation } from 'react-i18next';
import { BackIcon, RestartIcon } from './icons.js';
import { kioskActions, useKiosk } from './kioskStore.js';

/** Back and "Start over", at the bottom where every hand reaches them, on every question. */
export function NavBar() {
  const { t } = useTranslation('kiosk');
  const step = useKiosk((s) => s.step);
  const submitting = useKiosk((s) => s.submitting);
  if (step === 'language' || step === 'ticket') return null;
  return (
    <nav className="kiosk-nav" aria-label={t('nav.label')}>
      <button type="button" className="kiosk-btn" onClick={kioskActions.back} disabled={submitting}>
        <BackIcon />
        {t('nav.back')}
      </button>
      <button type="button" className="kiosk-btn" onClick={kioskActions.reset} disabled={submitting}>
        <RestartIcon />
        {t('nav.startOver')}
      </button>
    </nav>
  );
}
