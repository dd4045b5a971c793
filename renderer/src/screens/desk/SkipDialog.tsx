import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SKIP_REASONS, type SkipReason, type Visit } from '../../../../shared/visit.js';
import { Dialog } from '../../ui/Dialog.js';
import { run } from './deskCommands.js';
import { deskActions, useDesk } from './deskStore.js';
import { InlineNotice } from './InlineNotice.js';
import { useStationLabel } from './labels.js';

/**
 * Skips a step the household has still to pass, with a coded reason (free text belongs in a
 * note: reasons stay in the anonymous statistics, notes are erased with the visit).
 */
export function SkipDialog({ visit, stationId }: { visit: Visit; stationId: string }) {
  const { t } = useTranslation('desk');
  const pending = useDesk((s) => s.pending !== null);
  const stationLabel = useStationLabel();
  const [reason, setReason] = useState<SkipReason>('not_needed');
  const bodyId = useId();
  const station = stationLabel(stationId);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const ack = await run(
      'visit:skip_step',
      { visitId: visit.id, stationId, reason },
      { done: () => ({ key: 'done.skipped', values: { ticket: visit.ticket, station } }) },
    );
    if (ack.ok) deskActions.closeDialog();
  }

  return (
    <Dialog
      title={t('skip.title', { station })}
      describedBy={bodyId}
      onClose={deskActions.closeDialog}
      returnFocus={() => document.querySelector<HTMLElement>('#journey-title')}
    >
      <form className="dialog-form" onSubmit={(e) => void submit(e)}>
        <p id={bodyId}>{t('skip.body', { ticket: visit.ticket, station })}</p>
        <fieldset className="choice">
          <legend>{t('skip.reasonLabel')}</legend>
          {SKIP_REASONS.map((r) => (
            <label key={r} className="radio">
              <input
                type="radio"
                name="skip-reason"
                value={r}
                checked={reason === r}
                data-autofocus={r === 'not_needed' ? '' : undefined}
                onChange={() => setReason(r)}
              />
              <span>{t(`skip.reason.${r}`)}</span>
            </label>
          ))}
        </fieldset>
        <InlineNotice />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={deskActions.closeDialog}>
            {t('dialog.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" aria-disabled={pending || undefined}>
            {t('skip.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
