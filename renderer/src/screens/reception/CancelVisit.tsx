import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CANCEL_REASONS, type CancelReason, type Visit } from '../../../../shared/visit.js';
import { Dialog } from '../../ui/Dialog.js';
import { Feedback } from './Feedback.js';
import { receptionActions } from './receptionActions.js';
import { useCommand } from './useCommand.js';
import { SelectField } from './Fields.js';

/** Ending a visit for good: a reason, then a confirmation in a dialog of its own. */
export function CancelVisit({ visit }: { visit: Visit }) {
  const { t } = useTranslation('reception');
  const [confirming, setConfirming] = useState(false);
  return (
    <section className="rcp-form rcp-danger-zone" aria-labelledby="rcp-cancel-heading">
      <h3 id="rcp-cancel-heading" className="rcp-subtitle">
        {t('cancel.title')}
      </h3>
      <p className="rcp-muted">{t('cancel.explain')}</p>
      <button type="button" className="btn btn-danger" onClick={() => setConfirming(true)}>
        {t('cancel.open')}
      </button>
      {confirming && <ConfirmCancel visit={visit} onClose={() => setConfirming(false)} />}
    </section>
  );
}

function ConfirmCancel({ visit, onClose }: { visit: Visit; onClose: () => void }) {
  const { t } = useTranslation('reception');
  const [reason, setReason] = useState<CancelReason | ''>('');
  const command = useCommand();

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!reason) return;
    void command
      .run(() => receptionActions.cancel(visit.id, reason))
      .then((o) => {
        if (o.ok) onClose();
      });
  }

  return (
    <Dialog
      title={t('cancel.confirmTitle', { ticket: visit.ticket })}
      onClose={onClose}
      describedBy="rcp-cancel-body"
      returnFocus={() => document.querySelector<HTMLElement>('.rcp-dialog-close')}
    >
      <form onSubmit={onSubmit}>
        <p id="rcp-cancel-body">{t('cancel.confirmBody')}</p>
        <SelectField
          label={t('cancel.reason')}
          value={reason}
          required
          data-autofocus
          onChange={(e) => setReason(e.target.value as CancelReason | '')}
        >
          <option value="" disabled>
            {t('chooseReason')}
          </option>
          {CANCEL_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`cancelReason.${r}`)}
            </option>
          ))}
        </SelectField>
        <Feedback error={command.error} done={false} doneText="" />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('cancel.keep')}
          </button>
          <button type="submit" className="btn btn-danger" disabled={!reason || command.busy}>
            {t('cancel.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
