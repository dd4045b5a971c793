import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { kioskActions } from './kioskStore.js';

/**
 * "Are you still there?" before the kiosk starts over, with the seconds left; any touch
 * (including "Continue") keeps the answers.
 */
export function IdleWarning({ secondsLeft }: { secondsLeft: number }) {
  const { t } = useTranslation('kiosk');
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <div className="kiosk-overlay">
      <div
        className="kiosk-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="kiosk-idle-title"
        aria-describedby="kiosk-idle-body"
      >
        <h2 id="kiosk-idle-title">{t('idle.title')}</h2>
        <p id="kiosk-idle-body">{t('idle.body', { count: secondsLeft })}</p>
        <div className="kiosk-yes-no">
          {/* The touch itself resets the wait; the button only has to close the question. */}
          <button ref={button} type="button" className="kiosk-btn kiosk-btn-primary kiosk-answer">
            {t('idle.continue')}
          </button>
          <button type="button" className="kiosk-btn kiosk-answer" onClick={kioskActions.reset}>
            {t('nav.startOver')}
          </button>
        </div>
      </div>
    </div>
  );
}
