import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useOffice } from '../../stores/office.js';
import { useNow } from '../../ui/useNow.js';
import { stationSummary } from './stationSummary.js';

/** Every station's queue at a glance, in the order of the chain. */
export function StationOverview() {
  const { t } = useTranslation('reception');
  const ids = useOffice(useShallow((s) => s.office?.config.stations.map((st) => st.id) ?? []));
  return (
    <section className="rcp-stations" aria-labelledby="rcp-stations-heading">
      <h2 id="rcp-stations-heading" className="rcp-section-title">
        {t('stations.title')}
      </h2>
      <ul className="rcp-station-list">
        {ids.map((id) => (
          <StationCard key={id} stationId={id} />
        ))}
      </ul>
    </section>
  );
}

function StationCard({ stationId }: { stationId: string }) {
  const { t } = useTranslation('reception');
  const headingId = useId();
  const now = useNow();
  const name = useOffice(
    (s) => s.office?.config.stations.find((st) => st.id === stationId)?.name ?? stationId,
  );
  const threshold = useOffice((s) => s.office?.config.waitWarningMinutes ?? 0);
  const summary = useOffice(useShallow((s) => (s.office ? stationSummary(s.office, stationId, now) : null)));
  if (!summary) return null;
  return (
    <li className={`rcp-station${summary.overThreshold ? ' is-warn' : ''}`} aria-labelledby={headingId}>
      <h3 id={headingId}>{name}</h3>
      <dl>
        <div className="rcp-stat-main">
          <dt>{t('stations.waiting')}</dt>
          <dd>{summary.waiting}</dd>
        </div>
        <div>
          <dt>{t('stations.desksOpen')}</dt>
          <dd>{t('stations.ofTotal', { open: summary.desksOpen, total: summary.desksTotal })}</dd>
        </div>
        <div>
          <dt>{t('stations.longestWait')}</dt>
          <dd>
            {summary.longestWaitMinutes === null ? '–' : t('minutes', { count: summary.longestWaitMinutes })}
          </dd>
        </div>
        <div>
          <dt>{t('stations.estimatedWait')}</dt>
          <dd>
            {summary.estimatedWaitMinutes === null
              ? t('stations.noDeskOpen')
              : summary.waiting === 0
                ? t('stations.noQueue')
                : t('aboutMinutes', { count: summary.estimatedWaitMinutes })}
          </dd>
        </div>
      </dl>
      {(summary.overThreshold || summary.noShows > 0) && (
        <p className="rcp-station-notes">
          {summary.overThreshold && (
            <span className="rcp-badge rcp-badge-warn">
              <span aria-hidden="true">⚠ </span>
              {t('stations.overThreshold', { count: threshold })}
            </span>
          )}
          {summary.noShows > 0 && (
            <span className="rcp-badge rcp-badge-noshow">
              {t('stations.noShows', { count: summary.noShows })}
            </span>
          )}
        </p>
      )}
    </li>
  );
}
