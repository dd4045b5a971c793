import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useOffice } from '../../stores/office.js';
import { errorText } from '../../ui/errors.js';
import { adminActions } from './adminStore.js';
import { focusSoon } from './focus.js';
import { auditActions, useAudit } from './auditStore.js';
import { dateTime, dayText } from './format.js';
import { useStaffLanguage } from './useStaffLanguage.js';
import { ScrollArea } from './ScrollArea.js';

/**
 * Data retention: the periods in force, and what the daily job has erased — which class of
 * personal data, for which agency, before which day, from how many visits. Never what it was.
 */
export function Retention() {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation('common');
  const language = useStaffLanguage();
  const timeZone = useOffice((s) => s.office?.config.timeZone ?? 'Europe/Stockholm');
  const days = useOffice((s) => s.office?.config.retention.days ?? 30);
  const overrides = useOffice(
    useShallow(
      (s) =>
        s.office?.config.retention.overrides.map((o) => `${o.dataClass}|${o.agency ?? ''}|${o.days}`) ?? [],
    ),
  );
  const erasures = useAudit((s) => s.erasures);
  const error = useAudit((s) => s.erasuresError);

  useEffect(() => {
    void auditActions.loadErasures();
  }, []);

  return (
    <div className="adm-stack">
      <h2 className="adm-section-title">{t('retention.title')}</h2>
      <section className="adm-card adm-stack-sm" aria-labelledby="ret-policy-heading">
        <h3 id="ret-policy-heading" className="adm-section-title">
          {t('retention.policy')}
        </h3>
        <p>{t('retention.days', { count: days })}</p>
        {overrides.length > 0 && (
          <ul>
            {overrides.map((o) => {
              const [dataClass, agency, n] = o.split('|');
              return (
                <li key={o}>
                  {dataClass === 'notes'
                    ? t('retention.overrideNotes', {
                        agency: agency ? tc(`agency.${agency}`) : t('config.retention.allAgencies'),
                        count: Number(n),
                      })
                    : t('retention.override', { dataClass: t(`dataClass.${dataClass}`), count: Number(n) })}
                </li>
              );
            })}
          </ul>
        )}
        <p className="adm-muted">{t('retention.statsKept')}</p>
        <div>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              adminActions.setTab('config');
              focusSoon('cfg-section-retention');
            }}
          >
            {t('retention.change')}
          </button>
        </div>
      </section>
      <section className="adm-card adm-stack-sm" aria-labelledby="ret-log-heading">
        <div className="adm-toolbar">
          <h3 id="ret-log-heading" className="adm-section-title">
            {t('retention.erasures')}
          </h3>
          <button type="button" className="btn btn-small" onClick={() => void auditActions.loadErasures()}>
            {t('action.refresh')}
          </button>
        </div>
        {error && (
          <p className="alert alert-error" role="alert">
            {errorText(t, error)}
          </p>
        )}
        {erasures === null ? (
          <p>{t('loading')}</p>
        ) : erasures.length === 0 ? (
          <p className="adm-muted">{t('retention.none')}</p>
        ) : (
          <ScrollArea label={t('retention.erasures')}>
            <table className="adm-table">
              <caption className="visually-hidden">{t('retention.erasures')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('retention.column.at')}</th>
                  <th scope="col">{t('retention.column.dataClass')}</th>
                  <th scope="col">{t('retention.column.agency')}</th>
                  <th scope="col">{t('retention.column.before')}</th>
                  <th scope="col">{t('retention.column.visits')}</th>
                </tr>
              </thead>
              <tbody>
                {erasures.map((e, i) => (
                  <tr key={`${e.at}-${e.dataClass}-${e.agency ?? ''}-${i}`}>
                    <td className="adm-nowrap">{dateTime(e.at, language, timeZone)}</td>
                    <td>{t(`dataClass.${e.dataClass}`)}</td>
                    <td>
                      {e.agency
                        ? tc(`agency.${e.agency}`)
                        : e.dataClass === 'notes'
                          ? t('config.retention.allAgencies')
                          : '–'}
                    </td>
                    <td>{dayText(e.beforeDay, language)}</td>
                    <td className="adm-num">{e.visits}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollArea>
        )}
      </section>
    </div>
  );
}
