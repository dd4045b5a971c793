import { useTranslation } from 'react-i18next';
import { LANGUAGE_NATIVE_NAMES } from '../../../../shared/languages.js';
import { usePublicView } from '../../stores/views.js';
import { formatIssuedAt } from './kioskFormat.js';
import type { KioskTicket } from './kioskFlow.js';

/**
 * The printed ticket (80 mm receipt paper; only the print stylesheet shows it): number, first
 * station, time, language and the QR code. Never a name or a booking number.
 */
export function Receipt({
  ticket,
  qr,
  stationName,
}: {
  ticket: KioskTicket;
  qr: string | null;
  stationName: string | null;
}) {
  const { t } = useTranslation('kiosk');
  const office = usePublicView((v) => v?.office.name ?? '');
  return (
    <div className="kiosk-receipt" aria-hidden="true">
      <p className="kiosk-receipt-office">{office}</p>
      <p className="kiosk-receipt-label">{t('ticket.number')}</p>
      <p className="kiosk-receipt-number" dir="ltr">
        {ticket.ticket}
      </p>
      {stationName && (
        <p className="kiosk-receipt-station" lang="sv">
          {stationName}
        </p>
      )}
      <dl className="kiosk-receipt-facts">
        <div>
          <dt>{t('receipt.time')}</dt>
          <dd>{formatIssuedAt(ticket.issuedAt, ticket.language)}</dd>
        </div>
        <div>
          <dt>{t('receipt.language')}</dt>
          <dd>{LANGUAGE_NATIVE_NAMES[ticket.language]}</dd>
        </div>
      </dl>
      {qr && <img className="kiosk-receipt-qr" src={qr} alt="" />}
      <p className="kiosk-receipt-scan">{t('receipt.scan')}</p>
    </div>
  );
}
