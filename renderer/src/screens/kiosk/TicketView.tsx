import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePublicView } from '../../stores/views.js';
import { CheckIcon, PrinterIcon } from './icons.js';
import { statusUrl } from './kioskFormat.js';
import type { KioskTicket } from './kioskFlow.js';
import { kioskActions } from './kioskStore.js';
import { printTicket } from './printTicket.js';
import { Receipt } from './Receipt.js';
import { useQrCode } from '../../ui/useQrCode.js';

type PrintState = 'idle' | 'printing' | 'failed';

/**
 * The ticket: the number very large, the first meeting (the agency in the visitor's words and
 * the station as the Swedish signs name it), the wait, a QR code to the visitor's status page,
 * and the receipt. Nothing here but this visitor's own ticket.
 */
export function TicketView({ ticket, secondsLeft }: { ticket: KioskTicket; secondsLeft: number | null }) {
  const { t } = useTranslation('kiosk');
  const { t: tc } = useTranslation('common');
  const heading = useRef<HTMLHeadingElement>(null);
  const station = usePublicView((v) => v?.stations.find((s) => s.id === ticket.stationId) ?? null);
  const qr = useQrCode(statusUrl(location.origin, ticket.statusToken));
  const [printing, setPrinting] = useState<PrintState>('idle');
  const autoPrinted = useRef(false);

  useEffect(() => heading.current?.focus(), []);

  // Inside the desktop app the receipt prints by itself, once the QR code is on it.
  useEffect(() => {
    if (!qr || !window.motesplats || autoPrinted.current) return;
    autoPrinted.current = true;
    void printTicket().then((ok) => setPrinting(ok ? 'idle' : 'failed'));
  }, [qr]);

  async function print() {
    setPrinting('printing');
    setPrinting((await printTicket()) ? 'idle' : 'failed');
  }

  const agency = station ? tc(`agency.${station.agency}`) : '';
  const minutes = ticket.estimatedWaitMinutes;
  // "About 0 minutes" says nothing that "You are next" does not.
  const wait =
    minutes === null
      ? tc('waitUnknown')
      : minutes > 0
        ? t('ticket.waitAbout', { wait: tc('minutes', { count: minutes }) })
        : null;
  const ahead =
    ticket.ahead === null
      ? null
      : ticket.ahead === 0
        ? t('ticket.next')
        : t('ticket.ahead', { count: ticket.ahead });

  return (
    <>
      <section className="kiosk-step kiosk-ticket no-print" aria-labelledby="kiosk-step-title">
        <h1 id="kiosk-step-title" className="kiosk-title kiosk-ticket-title" tabIndex={-1} ref={heading}>
          <CheckIcon />
          {t('ticket.title')}
        </h1>
        <div className="kiosk-ticket-body">
          <div className="kiosk-ticket-number-card">
            <p className="kiosk-label">{t('ticket.number')}</p>
            <p className="kiosk-ticket-number" dir="ltr">
              {ticket.ticket}
            </p>
          </div>
          {station && (
            <div className="kiosk-ticket-station">
              <p className="kiosk-label">{t('ticket.firstStation')}</p>
              <p className="kiosk-ticket-agency">{agency}</p>
              {/* The signs in the room are Swedish: the station's own name, unless it says the same. */}
              {agency !== station.name && (
                <p className="kiosk-ticket-sign" lang="sv">
                  {station.name}
                </p>
              )}
              <p className="kiosk-ticket-wait">
                {wait && <span>{wait}</span>}
                {ahead && <span>{ahead}</span>}
              </p>
            </div>
          )}
        </div>
        <p className="kiosk-hint kiosk-ticket-watch">{t('ticket.watch')}</p>
        <div className="kiosk-ticket-bottom">
          <figure className="kiosk-qr">
            {qr ? (
              <img src={qr} alt={t('ticket.qrAlt')} width={220} height={220} />
            ) : (
              <span className="kiosk-qr-placeholder" />
            )}
            <figcaption>{t('ticket.qr')}</figcaption>
          </figure>
          <div className="kiosk-ticket-actions">
            <button
              type="button"
              className="kiosk-btn kiosk-btn-primary"
              onClick={() => void print()}
              disabled={printing === 'printing'}
            >
              <PrinterIcon />
              {t('ticket.print')}
            </button>
            <button type="button" className="kiosk-btn" onClick={kioskActions.reset}>
              {t('ticket.done')}
            </button>
            {printing === 'failed' && (
              <p className="kiosk-alert" role="alert">
                {t('ticket.printFailed')}
              </p>
            )}
            <p className="kiosk-countdown" aria-live="off">
              {secondsLeft !== null && t('ticket.closesIn', { count: secondsLeft })}
            </p>
          </div>
        </div>
      </section>
      <Receipt ticket={ticket} qr={qr} stationName={station?.name ?? null} />
    </>
  );
}
