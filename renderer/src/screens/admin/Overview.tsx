import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { STEP_STATUSES } from '../../../../shared/visit.js';
import { useOffice } from '../../stores/office.js';
import { useNow } from '../../ui/useNow.js';
import { clockTime } from './format.js';
import {
  deskFigures,
  deskIdsAt,
  officeTotals,
  stationFigures,
  stationIds,
  stationsOverThreshold,
  stepCounts,
} from './overview.js';
import { useStaffLanguage } from './useStaffLanguage.js';
import { ScrollArea } from './ScrollArea.js';

/** The landing view: every queue, every desk and where the day's visits are, live. */
export function Overview() {
  const { t } = useTranslation('admin');
  const now = useNow(15_000);
  const ids = useOffice(useShallow((s) => (s.office ? stationIds(s.office) : [])));
  return (
    <div className="adm-stack">
      <h2 className="visually-hidden">{t('tabs.overview')}</h2>
      <WaitWarnings now={now} />
      <Totals />
      <section aria-labelledby="adm-queues-heading">
        <h3 id="adm-queues-heading" className="adm-section-title">
          {t('overview.queues')}
        </h3>
        <ul className="adm-cards">
          {ids.map((id) => (
            <StationCard key={id} stationId={id} now={now} />
          ))}
        </ul>
      </section>
      <StepMatrix />
    </div>
  );
}

function useStationName(stationId: string): string {
  return useOffice((s) => s.office?.config.stations.find((st) => st.id === stationId)?.name ?? stationId);
}

/** Words and a symbol, not colour alone: which queues have waited too long. */
function WaitWarnings({ now }: { now: number }) {
  const { t } = useTranslation('admin');
  const over = useOffice(useShallow((s) => (s.office ? stationsOverThreshold(s.office, now) : [])));
  const threshold = useOffice((s) => s.office?.config.waitWarningMinutes ?? 30);
  const names = useOffice(
    useShallow((s) => over.map((id) => s.office?.config.stations.find((st) => st.id === id)?.name ?? id)),
  );
  return (
    <div role="status" className="adm-live">
      {over.length > 0 && (
        <div className="alert adm-alert-warn">
          <span aria-hidden="true" className="adm-alert-icon">
            ⚠
          </span>
          <div>
            <strong>{t('overview.warning.title', { count: threshold })}</strong>
            <p>{t('overview.warning.body', { stations: names.join(', ') })}</p>
          </div>
        </div>
      )}
    </div>
  );
}

function Totals() {
  const { t } = useTranslation('admin');
  const totals = useOffice(useShallow((s) => (s.office ? officeTotals(s.office) : null)));
  if (!totals) return null;
  const items: [string, string | number][] = [
    ['active', totals.active],
    ['waiting', totals.waiting],
    ['atDesk', totals.atDesk],
    ['registered', totals.registered],
    ['cancelled', totals.cancelled],
    ['desksOpen', t('overview.ofTotal', { open: totals.desksOpen, total: totals.desksTotal })],
  ];
  return (
    <section aria-labelledby="adm-totals-heading">
      <h3 id="adm-totals-heading" className="visually-hidden">
        {t('overview.totals.title')}
      </h3>
      <dl className="adm-totals">
        {items.map(([key, value]) => (
          <div key={key}>
            <dt>{t(`overview.totals.${key}`)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function StationCard({ stationId, now }: { stationId: string; now: number }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation('common');
  const headingId = useId();
  const name = useStationName(stationId);
  const agency = useOffice((s) => s.office?.config.stations.find((st) => st.id === stationId)?.agency);
  const inChain = useOffice((s) => s.office?.config.chain.includes(stationId) ?? false);
  const threshold = useOffice((s) => s.office?.config.waitWarningMinutes ?? 30);
  const desks = useOffice(useShallow((s) => (s.office ? deskIdsAt(s.office, stationId) : [])));
  const f = useOffice(useShallow((s) => (s.office ? stationFigures(s.office, stationId, now) : null)));
  if (!f) return null;
  const agencyName = agency ? tc(`agency.${agency}`) : '';
  const about = [agencyName !== name ? agencyName : '', inChain ? '' : t('overview.notInChain')].filter(
    Boolean,
  );
  return (
    <li className={`adm-card adm-station${f.overThreshold ? ' is-warn' : ''}`} aria-labelledby={headingId}>
      <div className="adm-station-head">
        <h4 id={headingId}>{name}</h4>
        {f.overThreshold && (
          <span className="adm-badge-warn">
            <span aria-hidden="true">⚠ </span>
            {t('overview.overBadge', { count: threshold })}
          </span>
        )}
      </div>
      {about.length > 0 && <p className="adm-muted adm-station-about">{about.join(' · ')}</p>}
      <dl className="adm-figures">
        <div className="adm-figure-main">
          <dt>{t('overview.waiting')}</dt>
          <dd>{f.waiting}</dd>
        </div>
        <div>
          <dt>{t('overview.longestWait')}</dt>
          <dd className={f.overThreshold ? 'adm-warn-text' : undefined}>
            {f.longestWaitMinutes === null ? (
              '–'
            ) : (
              <>
                {t('minutes', { count: f.longestWaitMinutes })}
                <span className="adm-sub">{t('overview.ticket', { ticket: f.longestWaitTicket })}</span>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('overview.estimatedWait')}</dt>
          <dd>
            {f.estimatedWaitMinutes === null
              ? t('overview.noDeskOpen')
              : f.waiting === 0
                ? t('overview.noQueue')
                : t('minutes', { count: f.estimatedWaitMinutes })}
          </dd>
        </div>
      </dl>
      <h5 className="adm-desks-heading">
        {t('overview.desks.heading', { open: f.desksOpen, total: f.desksTotal })}
      </h5>
      {desks.length === 0 ? (
        <p className="adm-muted">{t('overview.desks.none')}</p>
      ) : (
        <ul className="adm-desk-list">
          {desks.map((id) => (
            <DeskLine key={id} deskId={id} />
          ))}
        </ul>
      )}
      {f.noShows > 0 && <p className="adm-noshows">{t('overview.noShows', { count: f.noShows })}</p>}
    </li>
  );
}

/** One desk: its name, who is signed in there, and whom the desk holds now. */
function DeskLine({ deskId }: { deskId: string }) {
  const { t } = useTranslation('admin');
  const language = useStaffLanguage();
  const timeZone = useOffice((s) => s.office?.config.timeZone ?? 'Europe/Stockholm');
  const d = useOffice(useShallow((s) => (s.office ? deskFigures(s.office, deskId) : null)));
  if (!d) return null;
  return (
    <li className={d.officer ? undefined : 'is-closed'}>
      <span className="adm-desk-name">{d.name}</span>
      <span className="adm-desk-officer">
        {d.officer ? (
          <>
            {d.officer}
            {d.since !== null && (
              <span className="adm-sub">
                {' · '}
                {t('overview.desks.since', { time: clockTime(d.since, language, timeZone) })}
              </span>
            )}
          </>
        ) : (
          <span className="adm-closed">{t('overview.desks.closed')}</span>
        )}
      </span>
      <span className="adm-desk-now">
        {d.ticket ? (
          <>
            <span className="adm-ticket">{d.ticket}</span> {t(`status.${d.status}`)}
          </>
        ) : d.officer ? (
          t('overview.desks.free')
        ) : null}
        {d.parked > 0 && <span className="adm-sub">{t('overview.desks.parked', { count: d.parked })}</span>}
      </span>
    </li>
  );
}

/** Every station's steps today by status: what is done and what is still to come. */
function StepMatrix() {
  const { t } = useTranslation('admin');
  const ids = useOffice(useShallow((s) => (s.office ? stationIds(s.office) : [])));
  return (
    <section aria-labelledby="adm-steps-heading" className="adm-card">
      <h3 id="adm-steps-heading" className="adm-section-title">
        {t('overview.steps.title')}
      </h3>
      <p className="adm-muted">{t('overview.steps.intro')}</p>
      <ScrollArea label={t('overview.steps.title')}>
        <table className="adm-table adm-table-numbers">
          <thead>
            <tr>
              <th scope="col">{t('overview.steps.station')}</th>
              {STEP_STATUSES.map((status) => (
                <th key={status} scope="col">
                  {t(`status.${status}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ids.map((id) => (
              <StepRow key={id} stationId={id} />
            ))}
          </tbody>
        </table>
      </ScrollArea>
    </section>
  );
}

function StepRow({ stationId }: { stationId: string }) {
  const name = useStationName(stationId);
  const counts = useOffice(useShallow((s) => (s.office ? stepCounts(s.office, stationId) : null)));
  if (!counts) return null;
  return (
    <tr>
      <th scope="row">{name}</th>
      {STEP_STATUSES.map((status) => (
        <td key={status}>{counts[status]}</td>
      ))}
    </tr>
  );
}
