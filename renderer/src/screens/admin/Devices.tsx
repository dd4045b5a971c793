import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceSummary } from '../../../../shared/protocol.js';
import { useOffice } from '../../stores/office.js';
import { useSession } from '../../stores/session.js';
import { errorText } from '../../ui/errors.js';
import { useNow } from '../../ui/useNow.js';
import { DeviceDialogs } from './DeviceDialogs.js';
import { deviceState, sortDevices } from './deviceView.js';
import { deviceActions, useDevices } from './devicesStore.js';
import { clockTime, dateTime } from './format.js';
import { useStaffLanguage } from './useStaffLanguage.js';
import { ScrollArea } from './ScrollArea.js';

// Often enough that a device just paired shows as connected while the admin watches.
const REFRESH_MS = 5_000;

/** Every paired or waiting device: who it is, whether it is connected now, and its pairing. */
export function Devices() {
  const { t } = useTranslation('admin');
  const devices = useDevices((s) => s.devices);
  const loadError = useDevices((s) => s.loadError);
  const loading = useDevices((s) => s.loading);
  const [showRevoked, setShowRevoked] = useState(false);
  const now = useNow(REFRESH_MS);

  useEffect(() => {
    void deviceActions.load();
    // "Connected now" and "last seen" change without any event: ask again while this view is open.
    const timer = setInterval(() => void deviceActions.load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  const sorted = devices ? sortDevices(devices) : [];
  const revoked = sorted.filter((d) => d.revokedAt !== null).length;
  const shown = showRevoked ? sorted : sorted.filter((d) => d.revokedAt === null);

  return (
    <div className="adm-stack">
      <div className="adm-toolbar">
        <h2 className="adm-section-title">{t('devices.title')}</h2>
        <div className="adm-actions">
          <button
            type="button"
            className="btn"
            onClick={() => void deviceActions.load()}
            aria-disabled={loading || undefined}
          >
            {t('action.refresh')}
          </button>
          <button
            id="adm-add-device"
            type="button"
            className="btn btn-primary"
            onClick={() => deviceActions.openDialog({ kind: 'add' })}
          >
            <span aria-hidden="true">+</span> {t('devices.add')}
          </button>
        </div>
      </div>
      <p className="adm-muted">{t('devices.intro')}</p>
      {loadError && (
        <p className="alert alert-error" role="alert">
          {errorText(t, loadError)}
        </p>
      )}
      {devices === null && !loadError ? (
        <p>{t('loading')}</p>
      ) : (
        <ScrollArea className="adm-card" label={t('devices.title')}>
          <table className="adm-table">
            <caption className="visually-hidden">{t('devices.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('devices.column.name')}</th>
                <th scope="col">{t('devices.column.role')}</th>
                <th scope="col">{t('devices.column.pairing')}</th>
                <th scope="col">{t('devices.column.connection')}</th>
                <th scope="col">{t('devices.column.lastSeen')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('config.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((d) => (
                <DeviceRow key={d.id} device={d} now={now} />
              ))}
            </tbody>
          </table>
        </ScrollArea>
      )}
      {revoked > 0 && (
        <label className="adm-check-inline">
          <input type="checkbox" checked={showRevoked} onChange={(e) => setShowRevoked(e.target.checked)} />
          {t('devices.showRevoked', { count: revoked })}
        </label>
      )}
      <DeviceDialogs />
    </div>
  );
}

function DeviceRow({ device, now }: { device: DeviceSummary; now: number }) {
  const { t } = useTranslation('admin');
  const language = useStaffLanguage();
  const timeZone = useOffice((s) => s.office?.config.timeZone ?? 'Europe/Stockholm');
  const deskName = useOffice((s) =>
    device.deskId
      ? (s.office?.config.desks.find((d) => d.id === device.deskId)?.name ?? device.deskId)
      : null,
  );
  const self = useSession((s) => s.device?.id === device.id);
  const state = deviceState(device, now);
  const [renewError, setRenewError] = useState<string | null>(null);
  const active = state !== 'revoked';
  return (
    <tr className={active ? undefined : 'adm-row-muted'}>
      <th scope="row">
        {device.name}
        {self && <span className="adm-sub">{t('devices.thisDevice')}</span>}
      </th>
      <td>
        {t(`role.${device.role}`)}
        {deskName && <span className="adm-sub">{deskName}</span>}
      </td>
      <td>
        <span className={`adm-state adm-state-${state}`}>
          <span aria-hidden="true">{STATE_MARK[state]} </span>
          {t(`devices.state.${state}`)}
        </span>
        {state === 'waiting' && device.pairingExpires !== null && (
          <span className="adm-sub">
            {t('devices.codeExpires', { time: dateTime(device.pairingExpires, language, timeZone) })}
          </span>
        )}
        {state === 'paired' && device.pairedAt !== null && (
          <span className="adm-sub">{dateTime(device.pairedAt, language, timeZone)}</span>
        )}
        {renewError && (
          <span className="adm-field-error" role="alert">
            {renewError}
          </span>
        )}
      </td>
      <td>
        {active &&
          (device.connected ? (
            <span className="adm-state adm-state-online">
              <span aria-hidden="true">● </span>
              {t('devices.connected')}
            </span>
          ) : (
            <span className="adm-muted">
              <span aria-hidden="true">○ </span>
              {t('devices.notConnected')}
            </span>
          ))}
      </td>
      <td>
        {device.lastSeenAt === null
          ? t('devices.never')
          : now - device.lastSeenAt < 86_400_000
            ? clockTime(device.lastSeenAt, language, timeZone)
            : dateTime(device.lastSeenAt, language, timeZone)}
      </td>
      <td>
        {active && (
          <div className="adm-row-buttons">
            <button
              type="button"
              className="btn btn-small"
              aria-label={t('devices.renameOf', { name: device.name })}
              onClick={() => deviceActions.openDialog({ kind: 'rename', deviceId: device.id })}
            >
              {t('devices.rename')}
            </button>
            <button
              type="button"
              className="btn btn-small"
              aria-label={t('devices.newCodeOf', { name: device.name })}
              onClick={async () => {
                setRenewError(null);
                const result = await deviceActions.renewCode(device, now);
                if (!result.ok) setRenewError(errorText(t, result.error));
              }}
            >
              {t('devices.newCode')}
            </button>
            {!self && (
              <button
                type="button"
                className="btn btn-small btn-danger"
                aria-label={t('devices.revokeOf', { name: device.name })}
                onClick={() => deviceActions.openDialog({ kind: 'revoke', deviceId: device.id })}
              >
                {t('devices.revoke')}
              </button>
            )}
          </div>
        )}
      </td>
    </tr>
  );
}

const STATE_MARK = { paired: '✓', waiting: '…', expired: '!', revoked: '⛔' } as const;
