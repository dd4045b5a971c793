import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RESTORE_REASONS, type Visit } from '../../../../shared/visit.js';
import { Dialog } from '../../ui/Dialog.js';
import { run } from './deskCommands.js';
import { deskActions, useDesk } from './deskStore.js';
import { InlineNotice } from './InlineNotice.js';
import { useStationLabel } from './labels.js';

type RestoreReason = (typeof RESTORE_REASONS)[number];

/** Brings back a skipped step (say one an age rule passed by) so the household goes there after all. */
export function RestoreDialog({ visit, stationId }: { visit: Visit; stationId: string }) {
  const { t } = useTranslation('desk');
  const pending = useDesk((s) => s.pending !== null);
  const stationLabel = useStationLabel();
  const [reason, setReason] = useState<RestoreReason>(RESTORE_REASONS[0]);
  const bodyId = useId();
  const station = stationLabel(stationId);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const ack = await run(
      'visit:restore_step',
      { visitId: visit.id, stationId, reason },
      { done: () => ({ key: 'done.restored', values: { ticket: visit.ticket, station } }) },
    );
    if (ack.ok) deskActions.closeDialog();
  }

  return (
    <Dialog
      title={t('restore.title', { station })}
      describedBy={bodyId}
      onClose={deskActions.closeDialog}
      returnFocus={() => document.querySelector<HTMLElement>('#journey-title')}
    >
      <form className="dialog-form" onSubmit={(e) => void submit(e)}>
        <p id={bodyId}>{t('restore.body', { ticket: visit.ticket, station })}</p>
        <fieldset className="choice">
          <legend>{t('skip.reasonLabel')}</legend>
          {RESTORE_REASONS.map((r, i) => (
            <label key={r} className="radio">
              <input
                type="radio"
                name="restore-reason"
                value={r}
                checked={reason === r}
                data-autofocus={i === 0 ? '' : undefined}
                onChange={() => setReason(r)}
              />
              <span>{t(`restore.reason.${r}`)}</span>
            </label>
          ))}
        </fieldset>
        <InlineNotice />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={deskActions.closeDialog}>
            {t('dialog.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" aria-disabled={pending || undefined}>
            {t('restore.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
