import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useOffice } from '../../stores/office.js';
import { Dialog } from '../../ui/Dialog.js';
import { pairingLink } from './deviceView.js';
import { deviceActions, type Pairing } from './devicesStore.js';
import { dateTime } from './format.js';
import { useQrCode } from '../../ui/useQrCode.js';
import { useStaffLanguage } from './useStaffLanguage.js';

/**
 * A device's one-time pairing code, shown once: typed on the device, or its link opened there
 * (scanning the QR code with a tablet's camera opens it). The code works once, within a day.
 */
export function PairingDialog({ pairing }: { pairing: Pairing }) {
  const { t } = useTranslation('admin');
  const language = useStaffLanguage();
  const timeZone = useOffice((s) => s.office?.config.timeZone ?? 'Europe/Stockholm');
  const link = pairingLink(location.origin, pairing.code);
  const qr = useQrCode(link);
  const introId = useId();
  return (
    <Dialog
      title={t('devices.pairing.title', { name: pairing.deviceName })}
      describedBy={introId}
      onClose={deviceActions.closeDialog}
      returnFocus={() => document.getElementById('adm-add-device')}
      wide
    >
      <p id={introId}>{t('devices.pairing.intro')}</p>
      <div className="adm-pairing">
        <div>
          <p className="adm-label">{t('devices.pairing.code')}</p>
          <p className="adm-code" lang="en">
            {pairing.code}
          </p>
          <p className="adm-label">{t('devices.pairing.link')}</p>
          <p className="adm-link">
            <code>{link}</code>
          </p>
          {pairing.expires !== null && (
            <p className="adm-muted">
              {t('devices.pairing.expires', { time: dateTime(pairing.expires, language, timeZone) })}
            </p>
          )}
          <p className="adm-muted">{t('devices.pairing.once')}</p>
          {pairing.repair && (
            <p className="alert adm-alert-warn">
              <span aria-hidden="true">⚠ </span>
              {t('devices.pairing.repair', { name: pairing.deviceName })}
            </p>
          )}
        </div>
        <div className="adm-qr">
          {qr ? (
            <img src={qr} width={220} height={220} alt={t('devices.pairing.qrAlt', { link })} />
          ) : (
            <p className="adm-muted">{t('devices.pairing.qrLoading')}</p>
          )}
        </div>
      </div>
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" data-autofocus onClick={deviceActions.closeDialog}>
          {t('devices.pairing.done')}
        </button>
      </div>
    </Dialog>
  );
}
