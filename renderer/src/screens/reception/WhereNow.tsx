import { useTranslation } from 'react-i18next';
import type { Visit } from '../../../../shared/visit.js';
import { useOffice } from '../../stores/office.js';

/** Where a visit is now: its station and the step's status (and desk), or how it ended. */
export function WhereNow({ visit }: { visit: Visit }) {
  const { t } = useTranslation('reception');
  const { t: tc } = useTranslation('common');
  const step = visit.current === null ? undefined : visit.steps[visit.current];
  const station = useOffice((s) => s.office?.config.stations.find((x) => x.id === step?.stationId)?.name);
  const desk = useOffice((s) => s.office?.config.desks.find((d) => d.id === step?.deskId)?.name);

  if (visit.status === 'registered')
    return <span className="rcp-status rcp-status-done">{t('visitStatus.registered')}</span>;
  if (visit.status === 'cancelled')
    return (
      <span className="rcp-status rcp-status-cancelled">
        {t('visitStatus.cancelled')}
        {visit.cancelReason && ` (${t(`cancelReason.${visit.cancelReason}`)})`}
      </span>
    );
  if (!step) return null;
  const atDesk = desk && (step.status === 'called' || step.status === 'serving' || step.status === 'parked');
  return (
    <span className={`rcp-status rcp-status-${step.status}`}>
      <span className="rcp-status-station">{station ?? step.stationId}</span>
      <span className="rcp-status-step">
        {step.status === 'no_show' && <span aria-hidden="true">⚠ </span>}
        {tc(`step.${step.status}`)}
        {atDesk && ` · ${desk}`}
      </span>
    </span>
  );
}
