import { useTranslation } from 'react-i18next';
import { LetterIcon, PeopleIcon } from './icons.js';
import { kioskActions } from './kioskStore.js';
import { StepFrame } from './StepFrame.js';

/** Booked (a letter with a booking number) or walk-in. */
export function ArrivalStep() {
  const { t } = useTranslation('kiosk');
  return (
    <StepFrame title={t('arrival.title')}>
      <div className="kiosk-choices">
        <button
          type="button"
          className="kiosk-btn kiosk-choice"
          aria-describedby="arrival-booked-hint"
          onClick={() => kioskActions.chooseArrival('booked')}
        >
          <LetterIcon />
          <span className="kiosk-choice-label">{t('arrival.booked')}</span>
        </button>
        <p id="arrival-booked-hint" className="kiosk-choice-hint">
          {t('arrival.bookedHint')}
        </p>
        <button
          type="button"
          className="kiosk-btn kiosk-choice"
          aria-describedby="arrival-walkin-hint"
          onClick={() => kioskActions.chooseArrival('walk_in')}
        >
          <PeopleIcon />
          <span className="kiosk-choice-label">{t('arrival.walkIn')}</span>
        </button>
        <p id="arrival-walkin-hint" className="kiosk-choice-hint">
          {t('arrival.walkInHint')}
        </p>
      </div>
    </StepFrame>
  );
}
