import { useTranslation } from 'react-i18next';
import { activeStep, type Visit } from '../../../../shared/visit.js';
import { useOffice } from '../../stores/office.js';
import { clockTime, languageName, nativeName } from './format.js';
import { useHouseholdText, useStaffLanguage } from './labels.js';
import { StatusBadge } from './StatusBadge.js';
import { Icon } from './Icon.js';

/** The visit at a glance: ticket, where it stands, and what the meeting must be ready for. */
export function VisitSummary({ visit }: { visit: Visit }) {
  const { t } = useTranslation('desk');
  const ui = useStaffLanguage();
  const timeZone = useOffice((s) => s.office?.config.timeZone ?? 'Europe/Stockholm');
  const householdText = useHouseholdText();
  const step = activeStep(visit);
  const time = (at: number | null | undefined) => (at ? clockTime(at, ui, timeZone) : '–');
  const native = nativeName(visit.language);

  return (
    <header className="visit-summary">
      <div className="visit-ticket">
        <h2 id="visit-title">
          <span className="visually-hidden">{t('visit.ticket')} </span>
          <span className="ticket ticket-big">{visit.ticket}</span>
        </h2>
        {step && <StatusBadge status={step.status} />}
      </div>
      <dl className="facts">
        <div>
          <dt>{t('visit.times')}</dt>
          <dd>
            {step?.status === 'called' &&
              t('visit.calledAt', {
                time: time(step.lastCalledAt),
                recalls: step.recalls,
                count: step.recalls,
              })}
            {step?.status === 'serving' && t('visit.servingSince', { time: time(step.startedAt) })}
            {step?.status === 'parked' && t('visit.parkedHint')}
          </dd>
        </div>
        <div>
          <dt>{t('visit.language')}</dt>
          <dd>
            {languageName(visit.language, ui)}
            {native && native !== languageName(visit.language, ui) && (
              <span className="native" lang={visit.language === 'prs' ? 'fa-AF' : visit.language}>
                {' '}
                {native}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('visit.interpreter')}</dt>
          <dd>
            {visit.interpreterLanguage
              ? t('visit.interpreterNeeded', { language: languageName(visit.interpreterLanguage, ui) })
              : t('visit.interpreterNone')}
          </dd>
        </div>
        <div>
          <dt>{t('visit.household')}</dt>
          <dd>{householdText(visit)}</dd>
        </div>
        <div>
          <dt>{t('visit.arrival')}</dt>
          <dd>
            {visit.kind === 'booked'
              ? t('queue.booked', { time: time(visit.appointmentAt) })
              : t('queue.walkIn')}
            {' · '}
            {t('visit.checkedInAt', { time: time(visit.createdAt) })}
          </dd>
        </div>
        <div>
          <dt>{t('visit.consent')}</dt>
          <dd className={visit.consent ? 'consent-yes' : 'consent-no'}>
            <Icon name={visit.consent ? 'check' : 'cross'} />
            {visit.consent ? t('visit.consentYes') : t('visit.consentNo')}
          </dd>
        </div>
      </dl>
    </header>
  );
}
