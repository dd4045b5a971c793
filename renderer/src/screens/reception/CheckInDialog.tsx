import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckInAck } from '../../../../shared/protocol.js';
import { Dialog } from '../../ui/Dialog.js';
import { CheckInFormView } from './CheckInFormView.js';
import { CheckInTicket } from './CheckInTicket.js';
import { receptionActions } from './receptionActions.js';

/** Checking a household in on its behalf, then its ticket and status-page link. */
export function CheckInDialog() {
  const { t } = useTranslation('reception');
  const [ticket, setTicket] = useState<CheckInAck | null>(null);
  const [round, setRound] = useState(0);
  return (
    <Dialog
      title={ticket ? t('checkIn.doneTitle') : t('checkIn.title')}
      onClose={receptionActions.closeCheckIn}
      wide
      returnFocus={() => document.querySelector<HTMLElement>('.rcp-checkin-btn')}
    >
      <button type="button" className="btn rcp-dialog-close" onClick={receptionActions.closeCheckIn}>
        {t('close')}
      </button>
      {ticket ? (
        <CheckInTicket
          ticket={ticket}
          onAnother={() => {
            setTicket(null);
            setRound((r) => r + 1);
          }}
        />
      ) : (
        <CheckInFormView key={round} onCheckedIn={setTicket} />
      )}
    </Dialog>
  );
}
