import { useTranslation } from 'react-i18next';
import type { Visit } from '../../../../shared/visit.js';
import { useOffice } from '../../stores/office.js';
import { Feedback } from './Feedback.js';
import { receptionActions } from './receptionActions.js';
import { useCommand } from './useCommand.js';
import { canReinstate } from './visitOptions.js';

/** A household marked absent that turns up after all: back in the same station's queue. */
export function ReinstateCallout({ visit }: { visit: Visit }) {
  const { t } = useTranslation('reception');
  const command = useCommand();
  const step = visit.current === null ? undefined : visit.steps[visit.current];
  const station = useOffice((s) => s.office?.config.stations.find((x) => x.id === step?.stationId)?.name);
  if (!canReinstate(visit) && !command.done) return null;
  return (
    <div className="rcp-callout" role="group" aria-label={t('reinstate.title')}>
      {canReinstate(visit) && (
        <>
          <p>
            <span aria-hidden="true">⚠ </span>
            {t('reinstate.body', { station: station ?? step?.stationId ?? '' })}
          </p>
          <button
            type="button"
            className="btn btn-primary"
            disabled={command.busy}
            onClick={() => void command.run(() => receptionActions.reinstate(visit.id))}
          >
            {t('reinstate.action')}
          </button>
        </>
      )}
      <Feedback error={command.error} done={command.done} doneText={t('reinstate.done')} />
    </div>
  );
}
