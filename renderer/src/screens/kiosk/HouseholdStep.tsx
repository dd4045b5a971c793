import { useTranslation } from 'react-i18next';
import { NextIcon } from './icons.js';
import { LIMITS } from './kioskFlow.js';
import { kioskActions, useKiosk } from './kioskStore.js';
import { StepFrame } from './StepFrame.js';
import { Stepper } from './Stepper.js';

/** A walk-in household's size: adults (the visitor counts) and children. */
export function HouseholdStep() {
  const { t } = useTranslation('kiosk');
  const adults = useKiosk((s) => s.adults);
  const children = useKiosk((s) => s.children);
  return (
    <StepFrame title={t('household.title')} hint={t('household.hint')}>
      <div className="kiosk-steppers">
        <Stepper
          label={t('household.adults')}
          hint={t('household.adultsHint')}
          value={adults}
          min={LIMITS.adultsMin}
          max={LIMITS.adultsMax}
          onChange={kioskActions.changeAdults}
          decreaseLabel={t('household.removeAdult')}
          increaseLabel={t('household.addAdult')}
        />
        <Stepper
          label={t('household.children')}
          hint={t('household.childrenHint')}
          value={children}
          min={LIMITS.childrenMin}
          max={LIMITS.childrenMax}
          onChange={kioskActions.changeChildren}
          decreaseLabel={t('household.removeChild')}
          increaseLabel={t('household.addChild')}
        />
      </div>
      <button
        type="button"
        className="kiosk-btn kiosk-btn-primary kiosk-next"
        onClick={kioskActions.submitHousehold}
      >
        {t('nav.next')}
        <NextIcon />
      </button>
    </StepFrame>
  );
}
