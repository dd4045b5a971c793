import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Visit } from '../../../../shared/visit.js';
import { useOffice } from '../../stores/office.js';
import { journey } from './deskView.js';
import { deskActions, useDesk, type DeskDialog } from './deskStore.js';
import { useDeskLabel, useStationLabel } from './labels.js';
import { StatusBadge } from './StatusBadge.js';

/** The household's way through the chain: what is done, where it is, what is left. */
export function Journey({ deskId, visit }: { deskId: string; visit: Visit }) {
  const { t } = useTranslation('desk');
  const stationLabel = useStationLabel();
  const deskLabel = useDeskLabel();
  const pending = useDesk((s) => s.pending !== null);
  const config = useOffice((s) => s.office?.config);
  const members = useOffice((s) => s.details[visit.id]?.private?.members);
  const steps = useMemo(
    () => (config ? journey(config, visit, members ?? []) : []),
    [config, visit, members],
  );
  const open = (dialog: DeskDialog) => !pending && deskActions.openDialog(dialog);

  return (
    <section className="block" aria-labelledby="journey-title">
      <h3 id="journey-title">{t('journey.title')}</h3>
      <ol className="journey">
        {steps.map((step) => (
          <li
            key={step.stationId}
            className={`journey-step step-${step.status}${step.current ? ' current' : ''}`}
            aria-current={step.current ? 'step' : undefined}
          >
            <span className="journey-name">{stationLabel(step.stationId)}</span>
            <span className="journey-meta">
              <StatusBadge status={step.status} />
              {step.current && step.deskId === deskId && <span className="tag">{t('journey.here')}</span>}
              {step.status === 'done' &&
                step.deskId &&
                t('journey.servedAt', { desk: deskLabel(step.deskId) })}
              {step.status === 'done' && step.outcome && step.outcome !== 'done' && (
                <span className="tag tag-warn"> {t(`outcome.${step.outcome}`)}</span>
              )}
              {step.status === 'skipped' && step.skipReason && t(`skip.reason.${step.skipReason}`)}
              {step.ruleWillPass && t('journey.ruleWillPass')}
            </span>
            {step.skippable && (
              <button
                type="button"
                className="btn btn-small"
                aria-disabled={pending || undefined}
                onClick={() => open({ kind: 'skip', visitId: visit.id, stationId: step.stationId })}
              >
                {t('journey.skip')}
                <span className="visually-hidden"> {stationLabel(step.stationId)}</span>
              </button>
            )}
            {step.restorable && (
              <button
                type="button"
                className="btn btn-small"
                aria-disabled={pending || undefined}
                onClick={() => open({ kind: 'restore', visitId: visit.id, stationId: step.stationId })}
              >
                {t('journey.restore')}
                <span className="visually-hidden"> {stationLabel(step.stationId)}</span>
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
