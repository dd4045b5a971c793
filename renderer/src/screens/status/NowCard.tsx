import { Trans, useTranslation } from 'react-i18next';
import type { StatusView } from '../../../../shared/views.js';
import { StationName } from './StationName.js';
import { phase } from './statusModel.js';

/** Where the visitor stands right now: the queue, the call ("Go to …"), the meeting, or the end. */
export function NowCard({ view }: { view: StatusView }) {
  const { t } = useTranslation('status');
  const { t: tc } = useTranslation('common');
  const now = phase(view);
  const current = view.current;
  const step = current ? view.steps.find((s) => s.stationId === current.stationId) : undefined;
  const desk = current?.deskName ?? null;

  if (now === 'registered')
    return (
      <section className="status-now status-now-done" aria-live="polite">
        <h2>
          <span aria-hidden="true">✓ </span>
          {t('registered.title')}
        </h2>
        <p>{t('registered.body')}</p>
      </section>
    );
  if (now === 'cancelled')
    return (
      <section className="status-now status-now-ended" aria-live="polite">
        <h2>{t('cancelled.title')}</h2>
        <p>{t('cancelled.body')}</p>
      </section>
    );

  const station = step && <StationName agency={tc(`agency.${step.agency}`)} name={step.name} />;

  if (now === 'called')
    return (
      <section className="status-now status-now-called" role="alert">
        <h2>{t('called.title')}</h2>
        {desk ? (
          <p className="status-go">
            <Trans
              t={t}
              i18nKey="called.goTo"
              values={{ desk }}
              components={{ desk: <strong className="status-desk" lang="sv" /> }}
            />
          </p>
        ) : (
          <p className="status-go">{t('called.noDesk')}</p>
        )}
        {station}
      </section>
    );

  if (now === 'serving' || now === 'parked')
    return (
      <section className="status-now" aria-live="polite">
        <h2>{t(now === 'serving' ? 'serving.title' : 'parked.title')}</h2>
        {station}
        {desk && (
          <p>
            <Trans
              t={t}
              i18nKey="serving.at"
              values={{ desk }}
              components={{ desk: <strong className="status-sign-inline" lang="sv" /> }}
            />
          </p>
        )}
        {now === 'parked' && <p>{t('parked.body')}</p>}
      </section>
    );

  if (now === 'missed')
    return (
      <section className="status-now status-now-ended" role="alert">
        <h2>{t('missed.title')}</h2>
        {station}
        <p>{t('missed.body')}</p>
      </section>
    );

  const ahead = current?.ahead ?? null;
  const minutes = current?.estimatedWaitMinutes ?? null;
  return (
    <section className="status-now" aria-live="polite">
      <h2>{t('waiting.title')}</h2>
      {station}
      {ahead !== null && (
        <p className="status-ahead">
          {ahead === 0 ? t('waiting.next') : t('waiting.ahead', { count: ahead })}
        </p>
      )}
      {/* "About 0 minutes" says nothing that "You are next" does not. */}
      {(minutes === null || minutes > 0) && (
        <p className="status-wait">
          {minutes === null
            ? tc('waitUnknown')
            : t('waiting.waitAbout', { wait: tc('minutes', { count: minutes }) })}
        </p>
      )}
      <p className="status-hint">{t('waiting.watch')}</p>
    </section>
  );
}
