import { useTranslation } from 'react-i18next';
import type { Visit } from '../../../../shared/visit.js';
import { useOffice } from '../../stores/office.js';
import { useNow } from '../../ui/useNow.js';
import { clockTime, durationText, languageName } from './format.js';
import { householdText } from './householdText.js';
import { receptionActions } from './receptionActions.js';
import { useReception } from './receptionStore.js';
import { useStaffLang } from './useStaffLang.js';
import { WhereNow } from './WhereNow.js';
import { errorText } from '../../ui/errors.js';

/** The visit's facts, and the personal data `visit:open` returned for it. */
export function VisitFacts({ visit }: { visit: Visit }) {
  const { t } = useTranslation('reception');
  const { t: ts } = useTranslation('staff');
  const lang = useStaffLang();
  const now = useNow();
  const timeZone = useOffice((s) => s.office?.config.timeZone ?? 'Europe/Stockholm');
  const details = useReception((s) => (s.details?.visitId === visit.id ? s.details : null));
  const detailsError = useReception((s) => s.detailsError);
  const members = details?.private?.members ?? [];

  return (
    <section className="rcp-facts" aria-labelledby="rcp-facts-heading">
      <h3 id="rcp-facts-heading" className="visually-hidden">
        {t('visit.facts')}
      </h3>
      <dl className="rcp-facts-list">
        <div>
          <dt>{t('visit.status')}</dt>
          <dd>
            <WhereNow visit={visit} />
          </dd>
        </div>
        <div>
          <dt>{t('list.kind')}</dt>
          <dd>{t(`kind.${visit.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('visit.bookingRef')}</dt>
          <dd className="rcp-mono">
            {details ? (details.private?.bookingRef ?? '–') : detailsError ? '?' : t('loading')}
          </dd>
        </div>
        <div>
          <dt>{t('visit.checkedIn')}</dt>
          <dd>
            {clockTime(visit.createdAt, lang, timeZone)} ·{' '}
            {visit.status === 'active'
              ? t('visit.ago', { time: durationText(now - visit.createdAt) })
              : t('list.total', { time: durationText((visit.endedAt ?? now) - visit.createdAt) })}
          </dd>
        </div>
        <div>
          <dt>{t('list.language')}</dt>
          <dd>{languageName(visit.language, lang)}</dd>
        </div>
        <div>
          <dt>{t('list.interpreter')}</dt>
          <dd>
            {visit.interpreterLanguage === null
              ? t('visit.noInterpreter')
              : languageName(visit.interpreterLanguage, lang)}
          </dd>
        </div>
        <div>
          <dt>{t('list.household')}</dt>
          <dd>{householdText(t, visit)}</dd>
        </div>
        <div>
          <dt>{t('visit.consent')}</dt>
          <dd>{visit.consent ? t('yes') : t('no')}</dd>
        </div>
      </dl>
      <h4 className="rcp-subtitle">{t('visit.members')}</h4>
      {detailsError ? (
        <p className="alert alert-error" role="alert">
          {errorText(ts, { code: detailsError })}{' '}
          <button type="button" className="btn" onClick={() => void receptionActions.reloadDetails()}>
            {t('retry')}
          </button>
        </p>
      ) : !details ? (
        <p className="rcp-muted">{t('loading')}</p>
      ) : members.length === 0 ? (
        <p className="rcp-muted">{t('visit.noMembers')}</p>
      ) : (
        <ul className="rcp-members">
          {members.map((m, i) => (
            <li key={i}>
              <span className="rcp-member-name">{m.name}</span>
              <span className="rcp-muted">
                {t(`member.${m.kind}`)}
                {m.birthDate && ` · ${m.birthDate}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
