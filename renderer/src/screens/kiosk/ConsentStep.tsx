import { useTranslation } from 'react-i18next';
import type { Agency } from '../../../../shared/office.js';
import { usePublicView } from '../../stores/views.js';
import { CheckIcon, CrossIcon } from './icons.js';
import { kioskActions } from './kioskStore.js';
import { StepFrame } from './StepFrame.js';

/**
 * Consent to share notes between the agencies, in plain words: what is shared, with whom, why,
 * and that it is voluntary; saying no changes nothing about the help the visitor gets.
 */
export function ConsentStep() {
  const { t } = useTranslation('kiosk');
  const { t: tc } = useTranslation('common');
  const agencies = usePublicView((v) => [...new Set((v?.stations ?? []).map((s) => s.agency))].join(','));
  const names = (agencies ? (agencies.split(',') as Agency[]) : []).map((a) => tc(`agency.${a}`));

  return (
    <StepFrame title={t('consent.title')}>
      <div className="kiosk-consent">
        <dl className="kiosk-facts">
          <div>
            <dt>{t('consent.whatLabel')}</dt>
            <dd>{t('consent.what')}</dd>
          </div>
          <div>
            <dt>{t('consent.whoLabel')}</dt>
            <dd>
              {t('consent.who')}
              {names.length > 0 && (
                <ul className="kiosk-agency-list">
                  {names.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
          <div>
            <dt>{t('consent.whyLabel')}</dt>
            <dd>{t('consent.why')}</dd>
          </div>
          <div>
            <dt>{t('consent.choiceLabel')}</dt>
            <dd>{t('consent.choice')}</dd>
          </div>
        </dl>
        <div className="kiosk-consent-answer">
          <p className="kiosk-question">{t('consent.question')}</p>
          <div className="kiosk-yes-no">
            <button
              type="button"
              className="kiosk-btn kiosk-answer"
              onClick={() => kioskActions.answerConsent(true)}
            >
              <CheckIcon />
              {t('yes')}
            </button>
            <button
              type="button"
              className="kiosk-btn kiosk-answer"
              onClick={() => kioskActions.answerConsent(false)}
            >
              <CrossIcon />
              {t('no')}
            </button>
          </div>
        </div>
      </div>
    </StepFrame>
  );
}
