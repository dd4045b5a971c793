import { useTranslation } from 'react-i18next';
import type { Visit } from '../../../../shared/visit.js';
import { useOffice } from '../../stores/office.js';

const MARKS: Record<string, string> = {
  done: '✓',
  skipped: '↷',
  no_show: '⚠',
  called: '→',
  serving: '●',
  parked: '‖',
  waiting: '…',
  pending: '○',
};

/** The visit's journey: each station in the chain and how far it got there. */
export function JourneyList({ visit }: { visit: Visit }) {
  const { t } = useTranslation('reception');
  const { t: tc } = useTranslation('common');
  const config = useOffice((s) => s.office?.config);
  return (
    <section className="rcp-journey" aria-labelledby="rcp-journey-heading">
      <h3 id="rcp-journey-heading" className="rcp-subtitle">
        {t('visit.journey')}
      </h3>
      <ol className={`rcp-steps${visit.status === 'active' ? '' : ' is-ended'}`}>
        {visit.steps.map((step, i) => {
          const station = config?.stations.find((s) => s.id === step.stationId)?.name ?? step.stationId;
          const desk = step.deskId ? config?.desks.find((d) => d.id === step.deskId)?.name : undefined;
          return (
            <li
              key={step.stationId}
              className={`rcp-step rcp-step-${step.status}`}
              aria-current={i === visit.current && visit.status === 'active' ? 'step' : undefined}
            >
              <span className="rcp-step-mark" aria-hidden="true">
                {MARKS[step.status]}
              </span>
              <span className="rcp-step-name">{station}</span>
              <span className="rcp-step-status">
                {tc(`step.${step.status}`)}
                {desk && ` · ${desk}`}
                {step.skipReason && ` (${t(`skipReason.${step.skipReason}`)})`}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
