import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckInAck } from '../../../../shared/protocol.js';
import { useOffice } from '../../stores/office.js';
import { statusUrl } from './checkInForm.js';
import { receptionActions } from './receptionActions.js';
import { useQrCode } from '../../ui/useQrCode.js';

/** The new ticket: its number, where it goes first, and the visitor's status page. */
export function CheckInTicket({ ticket, onAnother }: { ticket: CheckInAck; onAnother: () => void }) {
  const { t } = useTranslation('reception');
  const station = useOffice((s) => s.office?.config.stations.find((x) => x.id === ticket.stationId)?.name);
  const url = statusUrl(location.origin, ticket.statusToken);
  const qr = useQrCode(url);
  const numberRef = useRef<HTMLParagraphElement>(null);
  // The form that had focus is gone: the new ticket number takes it, and is read out.
  useEffect(() => numberRef.current?.focus(), []);
  return (
    <div className="rcp-ticket">
      <div className="rcp-ticket-main">
        <p className="rcp-ticket-label">{t('checkIn.ticket')}</p>
        <p className="rcp-ticket-number" ref={numberRef} tabIndex={-1}>
          {ticket.ticket}
        </p>
        {station && (
          <p>
            {t('checkIn.firstStation', { station })}
            {ticket.ahead !== null && <> · {t('checkIn.ahead', { count: ticket.ahead })}</>}
            {ticket.estimatedWaitMinutes !== null && (
              <> · {t('aboutMinutes', { count: ticket.estimatedWaitMinutes })}</>
            )}
          </p>
        )}
        <p>
          <a href={url} target="_blank" rel="noreferrer noopener">
            {t('checkIn.statusLink', { ticket: ticket.ticket })}
          </a>
        </p>
        <p className="rcp-hint">{t('checkIn.statusHint')}</p>
      </div>
      <div className="rcp-qr">
        {qr ? (
          <img src={qr} width={180} height={180} alt={t('checkIn.qrAlt', { ticket: ticket.ticket })} />
        ) : (
          <span className="rcp-muted">…</span>
        )}
      </div>
      <div className="dialog-actions rcp-ticket-actions">
        <button
          type="button"
          className="btn"
          onClick={() => {
            void receptionActions.openVisit(ticket.visitId);
            // Closed only once the visit's dialog is up: it then returns focus to the visit's row
            // when it closes, rather than to a button of this dialog that is gone by then.
            setTimeout(receptionActions.closeCheckIn, 0);
          }}
        >
          {t('checkIn.openVisit')}
        </button>
        <button type="button" className="btn" onClick={onAnother}>
          {t('checkIn.another')}
        </button>
        <button type="button" className="btn btn-primary" onClick={receptionActions.closeCheckIn}>
          {t('checkIn.done')}
        </button>
      </div>
    </div>
  );
}
