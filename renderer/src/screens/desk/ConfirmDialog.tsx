import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog.js';
import { run } from './deskCommands.js';
import { deskActions, useDesk, type DeskDialog } from './deskStore.js';

/** Calling a ticket ahead of the queue's order is possible, but never by a slip of the hand. */
export function ConfirmCallDialog({ dialog }: { dialog: Extract<DeskDialog, { kind: 'confirmCall' }> }) {
  const { t } = useTranslation('desk');
  const pending = useDesk((s) => s.pending !== null);
  const bodyId = useId();

  async function confirm() {
    if (pending) return;
    const ack = await run(
      'visit:call',
      { visitId: dialog.visitId },
      { done: (v) => ({ key: 'done.called', values: { ticket: v.ticket } }) },
    );
    if (ack.ok) deskActions.closeDialog();
  }

  return (
    <Dialog
      title={t('confirmCall.title', { ticket: dialog.ticket })}
      describedBy={bodyId}
      onClose={deskActions.closeDialog}
      returnFocus={() => document.querySelector<HTMLElement>('.call-next-button button')}
    >
      <p id={bodyId}>
        {dialog.nextTicket
          ? t('confirmCall.body', { ticket: dialog.ticket, next: dialog.nextTicket })
          : t('confirmCall.bodyNoNext', { ticket: dialog.ticket })}
      </p>
      <div className="dialog-actions">
        <button type="button" className="btn" data-autofocus onClick={deskActions.closeDialog}>
          {t('dialog.cancel')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          aria-disabled={pending || undefined}
          onClick={() => void confirm()}
        >
          {t('action.call')}
        </button>
      </div>
    </Dialog>
  );
}
