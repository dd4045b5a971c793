import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NATIVE_NAMES } from '../../../../shared/languages.js';
import { checkIn } from './checkIn.js';
import { errorKeys } from './kioskFormat.js';
import type { KioskStep } from './kioskFlow.js';
import { kioskActions, useKiosk } from './kioskStore.js';
import { StepFrame } from './StepFrame.js';

/** The answers at a glance, each with a way back to change it, and the one button that checks in. */
export function ConfirmStep() {
  const { t } = useTranslation('kiosk');
  const language = useKiosk((s) => s.language);
  const arrival = useKiosk((s) => s.arrival);
  const ref = useKiosk((s) => s.bookingRef);
  const adults = useKiosk((s) => s.adults);
  const children = useKiosk((s) => s.children);
  const interpreter = useKiosk((s) => s.interpreter);
  const interpreterLanguage = useKiosk((s) => s.interpreterLanguage);
  const consent = useKiosk((s) => s.consent);
  const submitting = useKiosk((s) => s.submitting);
  const error = useKiosk((s) => s.error);

  // Fetch the QR code maker now, so the ticket is whole the moment it appears.
  useEffect(() => {
    void import('qrcode');
  }, []);

  const rows: { step: KioskStep; label: string; value: string }[] = [
    {
      step: 'language',
      label: t('confirm.language'),
      value: language ? LANGUAGE_NATIVE_NAMES[language] : '',
    },
    arrival === 'booked'
      ? { step: 'booking', label: t('confirm.booked'), value: ref }
      : {
          step: 'household',
          label: t('confirm.walkIn'),
          value: t('confirm.household', {
            adults: t('confirm.adults', { count: adults }),
            children: t('confirm.children', { count: children }),
          }),
        },
    {
      step: 'interpreter',
      label: t('confirm.interpreter'),
      value:
        interpreter && interpreterLanguage
          ? t('confirm.interpreterYes', { language: LANGUAGE_NATIVE_NAMES[interpreterLanguage] })
          : t('no'),
    },
    { step: 'consent', label: t('confirm.consent'), value: consent ? t('yes') : t('no') },
  ];

  return (
    <StepFrame title={t('confirm.title')} hint={t('confirm.hint')}>
      <dl className="kiosk-summary">
        {rows.map((row) => (
          <div key={row.step} className="kiosk-summary-row">
            <dt>{row.label}</dt>
            <dd>{row.step === 'booking' ? <bdi dir="ltr">{row.value}</bdi> : row.value}</dd>
            <button
              type="button"
              className="kiosk-btn kiosk-btn-quiet"
              aria-label={t('confirm.changeWhat', { what: row.label })}
              onClick={() => kioskActions.goTo(row.step)}
              disabled={submitting}
            >
              {t('confirm.change')}
            </button>
          </div>
        ))}
      </dl>
      {error && (
        <p className="kiosk-alert" role="alert">
          {t(errorKeys(error))}
        </p>
      )}
      <button
        type="button"
        className="kiosk-btn kiosk-btn-primary kiosk-next kiosk-confirm"
        onClick={() => void checkIn()}
        disabled={submitting}
        aria-busy={submitting}
      >
        {submitting ? t('confirm.submitting') : t('confirm.submit')}
      </button>
    </StepFrame>
  );
}
