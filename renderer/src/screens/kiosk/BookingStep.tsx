import { useTranslation } from 'react-i18next';
import { errorKeys } from './kioskFormat.js';
import { bookingRefComplete, LIMITS } from './kioskFlow.js';
import { NextIcon } from './icons.js';
import { Keypad } from './Keypad.js';
import { kioskActions, useKiosk } from './kioskStore.js';
import { StepFrame } from './StepFrame.js';

/** The booking number from the Migration Agency's letter, typed on the on-screen keypad. */
export function BookingStep() {
  const { t } = useTranslation('kiosk');
  const ref = useKiosk((s) => s.bookingRef);
  const error = useKiosk((s) => s.error);
  const complete = bookingRefComplete(ref);
  const full = ref.length >= LIMITS.refMax;

  return (
    <StepFrame title={t('booking.title')} hint={t('booking.hint')}>
      <form
        className="kiosk-booking"
        onSubmit={(e) => {
          e.preventDefault();
          kioskActions.submitBookingRef();
        }}
      >
        <div className="kiosk-ref-row">
          <label className="kiosk-ref-field">
            <span className="kiosk-label">{t('booking.label')}</span>
            {/* inputMode none: a hardware keyboard works, the touch keyboard stays away. */}
            <input
              className="kiosk-ref-input"
              dir="ltr"
              value={ref}
              inputMode="none"
              autoComplete="off"
              autoCorrect="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={LIMITS.refMax}
              aria-invalid={error === 'UNKNOWN_BOOKING_REF' || undefined}
              aria-describedby={error ? 'kiosk-booking-error' : undefined}
              onChange={(e) => kioskActions.setBookingRef(e.target.value)}
            />
          </label>
          <button
            type="button"
            className="kiosk-btn kiosk-btn-quiet"
            onClick={kioskActions.clearRef}
            disabled={ref.length === 0}
          >
            {t('booking.clear')}
          </button>
        </div>
        {error && (
          <p id="kiosk-booking-error" className="kiosk-alert" role="alert">
            {t(errorKeys(error))}
          </p>
        )}
        <Keypad onKey={kioskActions.typeKey} onDelete={kioskActions.deleteKey} disabled={full} />
        <p className="kiosk-hint kiosk-ref-status" aria-live="polite">
          {ref.length > 0 && !complete ? t('booking.tooShort', { min: LIMITS.refMin }) : ''}
        </p>
        <button type="submit" className="kiosk-btn kiosk-btn-primary kiosk-next" disabled={!complete}>
          {t('nav.next')}
          <NextIcon />
        </button>
      </form>
    </StepFrame>
  );
}
