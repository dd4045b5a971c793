import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SKIP_REASONS, type SkipReason, type Visit } from '../../../../shared/visit.js';
import { useOffice } from '../../stores/office.js';
import { Feedback } from './Feedback.js';
import { receptionActions } from './receptionActions.js';
import { useCommand } from './useCommand.js';
import { skippableSteps } from './visitOptions.js';
import { SelectField } from './Fields.js';

/** A step the household does not need (say, outside the establishment law's age range). */
export function SkipStepForm({ visit }: { visit: Visit }) {
  const { t } = useTranslation('reception');
  const config = useOffice((s) => s.office?.config);
  const steps = skippableSteps(visit);
  const [stationId, setStationId] = useState('');
  const [reason, setReason] = useState<SkipReason | ''>('');
  const command = useCommand();
  if (steps.length === 0 && !command.done) return null;
  const chosen = steps.some((s) => s.stationId === stationId) ? stationId : (steps[0]?.stationId ?? '');

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!chosen || !reason) return;
    void command
      .run(() => receptionActions.skipStep(visit.id, chosen, reason))
      .then((o) => {
        if (o.ok) setReason('');
      });
  }

  return (
    <form className="rcp-form" onSubmit={onSubmit} aria-labelledby="rcp-skip-heading">
      <h3 id="rcp-skip-heading" className="rcp-subtitle">
        {t('skip.title')}
      </h3>
      {steps.length > 0 && (
        <div className="rcp-form-row">
          <SelectField label={t('skip.step')} value={chosen} onChange={(e) => setStationId(e.target.value)}>
            {steps.map((s) => (
              <option key={s.stationId} value={s.stationId}>
                {config?.stations.find((x) => x.id === s.stationId)?.name ?? s.stationId}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('skip.reason')}
            value={reason}
            required
            onChange={(e) => setReason(e.target.value as SkipReason | '')}
          >
            <option value="" disabled>
              {t('chooseReason')}
            </option>
            {SKIP_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`skipReason.${r}`)}
              </option>
            ))}
          </SelectField>
        </div>
      )}
      <div className="rcp-form-actions">
        {steps.length > 0 && (
          <button type="submit" className="btn" disabled={command.busy || !reason}>
            {t('skip.action')}
          </button>
        )}
        <Feedback error={command.error} done={command.done} doneText={t('skip.done')} />
      </div>
    </form>
  );
}
