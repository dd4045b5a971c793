import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { handoverTargets } from '../../../../shared/queue.js';
import { STEP_OUTCOMES, type StepOutcome, type Visit } from '../../../../shared/visit.js';
import { useOffice } from '../../stores/office.js';
import { Dialog } from '../../ui/Dialog.js';
import { run } from './deskCommands.js';
import { deskActions, useDesk } from './deskStore.js';
import { InlineNotice } from './InlineNotice.js';
import { useStationLabel } from './labels.js';

/**
 * Ends this desk's step with an outcome. "Complete step" sends the household back to the
 * waiting room for the next station (or registers it when none is left); "Complete visit"
 * ends the last step and registers the household.
 */
export function CompleteDialog({ visit, whole }: { visit: Visit; whole: boolean }) {
  const { t } = useTranslation('desk');
  const office = useOffice((s) => s.office);
  const pending = useDesk((s) => s.pending !== null);
  const stationLabel = useStationLabel();
  const [outcome, setOutcome] = useState<StepOutcome>('done');
  const summaryId = useId();
  const members = useOffice((s) => s.details[visit.id]?.private?.members);
  const targets = useMemo(
    () => (office ? handoverTargets(office, visit, members ?? []) : null),
    [office, visit, members],
  );
  const next = targets?.next ?? null;
  const passed = whole ? [] : (targets?.passedByRule ?? []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const ack = whole
      ? await run(
          'visit:complete',
          { visitId: visit.id, outcome },
          { done: () => ({ key: 'done.registered', values: { ticket: visit.ticket } }) },
        )
      : await run(
          'visit:complete_step',
          { visitId: visit.id, outcome },
          {
            done: () => ({
              key: next ? 'done.stepCompleted' : 'done.registered',
              values: { ticket: visit.ticket, station: next ? stationLabel(next) : '' },
            }),
          },
        );
    if (ack.ok) deskActions.closeDialog();
  }

  const label = whole ? t('action.completeVisit') : t('action.completeStep');
  return (
    <Dialog
      title={t(whole ? 'complete.visitTitle' : 'complete.stepTitle', { ticket: visit.ticket })}
      describedBy={summaryId}
      onClose={deskActions.closeDialog}
      returnFocus={() => document.querySelector<HTMLElement>('.call-next-button button')}
    >
      <form className="dialog-form" onSubmit={(e) => void submit(e)}>
        <p id={summaryId}>
          {whole || !next
            ? t('complete.registers', { ticket: visit.ticket })
            : t('complete.movesOn', { ticket: visit.ticket, station: stationLabel(next) })}
          {passed.length > 0 && (
            <> {t('handover.passedByRule', { stations: passed.map(stationLabel).join(', ') })}</>
          )}
        </p>
        <label className="field">
          <span>{t('outcome.label')}</span>
          <select value={outcome} data-autofocus onChange={(e) => setOutcome(e.target.value as StepOutcome)}>
            {STEP_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`outcome.${o}`)}
              </option>
            ))}
          </select>
        </label>
        <InlineNotice />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={deskActions.closeDialog}>
            {t('dialog.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" aria-disabled={pending || undefined}>
            {label}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
