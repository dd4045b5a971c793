import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RESTORE_REASONS, SKIP_REASONS, type Visit } from '../../../../shared/visit.js';
import { Dialog } from '../../ui/Dialog.js';
import { run } from './deskCommands.js';
import { deskActions, useDesk } from './deskStore.js';
import { InlineNotice } from './InlineNotice.js';
import { useStationLabel } from './labels.js';

/**
 * Skipping a step and bringing a skipped one back are the same act in two directions: a coded
 * reason (free text belongs in a note: reasons stay in the anonymous statistics, notes are
 * erased with the visit), a command, and a line saying it was done.
 */
const KINDS = {
  skip: { command: 'visit:skip_step', reasons: SKIP_REASONS, initial: 'not_needed', done: 'done.skipped' },
  restore: {
    command: 'visit:restore_step',
    reasons: RESTORE_REASONS,
    initial: RESTORE_REASONS[0],
    done: 'done.restored',
  },
} as const;

export function StepReasonDialog({
  kind,
  visit,
  stationId,
}: {
  kind: keyof typeof KINDS;
  visit: Visit;
  stationId: string;
}) {
  const { t } = useTranslation('desk');
  const pending = useDesk((s) => s.pending !== null);
  const stationLabel = useStationLabel();
  const { command, reasons, initial, done } = KINDS[kind];
  const [reason, setReason] = useState<string>(initial);
  const bodyId = useId();
  const station = stationLabel(stationId);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const ack = await run(
      command,
      // The reason is one of this kind's own, chosen from `reasons` below.
      { visitId: visit.id, stationId, reason: reason as never },
      { done: () => ({ key: done, values: { ticket: visit.ticket, station } }) },
    );
    if (ack.ok) deskActions.closeDialog();
  }

  return (
    <Dialog
      title={t(`${kind}.title`, { station })}
      describedBy={bodyId}
      onClose={deskActions.closeDialog}
      returnFocus={() => document.querySelector<HTMLElement>('#journey-title')}
    >
      <form className="dialog-form" onSubmit={(e) => void submit(e)}>
        <p id={bodyId}>{t(`${kind}.body`, { ticket: visit.ticket, station })}</p>
        <fieldset className="choice">
          <legend>{t('skip.reasonLabel')}</legend>
          {reasons.map((r) => (
            <label key={r} className="radio">
              <input
                type="radio"
                name={`${kind}-reason`}
                value={r}
                checked={reason === r}
                data-autofocus={r === initial ? '' : undefined}
                onChange={() => setReason(r)}
              />
              <span>{t(`${kind}.reason.${r}`)}</span>
            </label>
          ))}
        </fieldset>
        <InlineNotice />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={deskActions.closeDialog}>
            {t('dialog.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" aria-disabled={pending || undefined}>
            {t(`${kind}.confirm`)}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
