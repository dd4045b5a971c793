import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../../shared/events.js';
import { useOffice } from '../../stores/office.js';
import { useShallow } from 'zustand/react/shallow';
import { Dialog } from '../../ui/Dialog.js';
import { errorText } from '../../ui/errors.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { suggestedName } from './deviceView.js';
import { deviceActions, useDevices } from './devicesStore.js';
import { PairingDialog } from './PairingDialog.js';

/** The one device dialog open now, if any. */
export function DeviceDialogs() {
  const dialog = useDevices((s) => s.dialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'add':
      return <AddDeviceDialog />;
    case 'rename':
      return <RenameDialog deviceId={dialog.deviceId} />;
    case 'revoke':
      return <RevokeDialog deviceId={dialog.deviceId} />;
    case 'pairing':
      return <PairingDialog pairing={dialog.pairing} />;
  }
}

function AddDeviceDialog() {
  const { t } = useTranslation('admin');
  const desks = useOffice(
    useShallow((s) => s.office?.config.desks.map((d) => `${d.id}\u0000${d.name}`) ?? []),
  );
  const deskOptions = desks.map((d) => d.split('\u0000') as [string, string]);
  const [role, setRole] = useState<Role>('desk');
  const [deskId, setDeskId] = useState(deskOptions[0]?.[0] ?? '');
  const [name, setName] = useState('');
  const [nameTouched, setNameTouched] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const deskName = deskOptions.find(([id]) => id === deskId)?.[1] ?? null;
  // A desk usually has one screen: say so when it already has a device.
  const deskHasDevice = useDevices(
    (s) => role === 'desk' && (s.devices ?? []).some((d) => d.deskId === deskId && d.revokedAt === null),
  );
  const shownName = nameTouched ? name : suggestedName(role, deskName, t(`role.${role}`));
  const nameMissing = nameTouched && !name.trim();

  async function submit() {
    if (busy || !shownName.trim()) {
      setNameTouched(true);
      return;
    }
    setBusy(true);
    setError(null);
    const result = await deviceActions.create({
      name: shownName.trim(),
      role,
      deskId: role === 'desk' ? deskId : null,
    });
    setBusy(false);
    if (!result.ok) setError(errorText(t, result.error));
  }

  return (
    <Dialog title={t('devices.addTitle')} onClose={deviceActions.closeDialog}>
      <form
        className="adm-stack-sm"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="field">
          <label htmlFor="dev-role">{t('devices.column.role')}</label>
          <select id="dev-role" value={role} data-autofocus onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        {role === 'desk' && (
          <div className="field">
            <label htmlFor="dev-desk">{t('devices.desk')}</label>
            <select
              id="dev-desk"
              value={deskId}
              aria-describedby={deskHasDevice ? 'dev-desk-note' : undefined}
              onChange={(e) => setDeskId(e.target.value)}
            >
              {deskOptions.map(([id, deskLabel]) => (
                <option key={id} value={id}>
                  {deskLabel}
                </option>
              ))}
            </select>
            {deskHasDevice && (
              <p id="dev-desk-note" className="adm-hint">
                {t('devices.deskHasDevice', { desk: deskName ?? deskId })}
              </p>
            )}
          </div>
        )}
        <div className="field">
          <label htmlFor="dev-name">{t('devices.column.name')}</label>
          <input
            id="dev-name"
            type="text"
            value={shownName}
            maxLength={60}
            aria-invalid={nameMissing || undefined}
            aria-describedby={nameMissing ? 'dev-name-error' : undefined}
            onChange={(e) => {
              setNameTouched(true);
              setName(e.target.value);
            }}
          />
          {nameMissing && (
            <p id="dev-name-error" className="adm-field-error">
              <span aria-hidden="true">⚠ </span>
              {t('validation.required')}
            </p>
          )}
        </div>
        {error && (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={deviceActions.closeDialog}>
            {t('action.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" aria-disabled={busy || undefined}>
            {t('devices.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function useDevice(deviceId: string) {
  return useDevices((s) => s.devices?.find((d) => d.id === deviceId) ?? null);
}

function RenameDialog({ deviceId }: { deviceId: string }) {
  const { t } = useTranslation('admin');
  const device = useDevice(deviceId);
  const [name, setName] = useState(device?.name ?? '');
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const missing = !name.trim();
  async function submit() {
    if (missing) return setError(t('validation.required'));
    const result = await deviceActions.rename(deviceId, name.trim());
    if (!result.ok) setError(errorText(t, result.error));
  }
  return (
    <Dialog
      title={t('devices.renameTitle', { name: device?.name ?? '' })}
      onClose={deviceActions.closeDialog}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="field">
          <label htmlFor={inputId}>{t('devices.column.name')}</label>
          <input
            id={inputId}
            type="text"
            value={name}
            maxLength={60}
            data-autofocus
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${inputId}-error` : undefined}
            onChange={(e) => {
              setName(e.target.value);
              setError(null);
            }}
          />
          {error && (
            <p id={`${inputId}-error`} className="adm-field-error">
              <span aria-hidden="true">⚠ </span>
              {error}
            </p>
          )}
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={deviceActions.closeDialog}>
            {t('action.cancel')}
          </button>
          <button type="submit" className="btn btn-primary">
            {t('action.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function RevokeDialog({ deviceId }: { deviceId: string }) {
  const { t } = useTranslation('admin');
  const device = useDevice(deviceId);
  const [error, setError] = useState<string | null>(null);
  return (
    <ConfirmDialog
      title={t('devices.revokeTitle', { name: device?.name ?? '' })}
      confirmLabel={t('devices.revokeConfirm')}
      danger
      error={error}
      returnFocus={() => document.getElementById('adm-add-device')}
      onClose={deviceActions.closeDialog}
      onConfirm={async () => {
        const result = await deviceActions.revoke(deviceId);
        if (!result.ok) setError(errorText(t, result.error));
      }}
    >
      <p>{t('devices.revokeBody')}</p>
    </ConfirmDialog>
  );
}
