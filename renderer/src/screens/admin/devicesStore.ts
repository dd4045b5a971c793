import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { DomainError } from '../../../../shared/errors.js';
import type { Role } from '../../../../shared/events.js';
import type { DeviceSummary } from '../../../../shared/protocol.js';
import { query } from '../../net/socket.js';
import { outcome, type Outcome } from './outcome.js';

/**
 * Paired devices and officers: the office's security set-up, read and changed by requests
 * rather than events, so this store asks the server again after each change.
 */

/** A code just made: shown once, with its QR code, until the dialog is closed. */
export interface Pairing {
  readonly deviceName: string;
  readonly role: Role;
  readonly code: string;
  readonly expires: number | null;
  /** A new code for a device already paired: using it unpairs the computer that has it now. */
  readonly repair: boolean;
}

export type DeviceDialog =
  | { readonly kind: 'add' }
  | { readonly kind: 'rename'; readonly deviceId: string }
  | { readonly kind: 'revoke'; readonly deviceId: string }
  | { readonly kind: 'pairing'; readonly pairing: Pairing };

export interface DevicesState {
  readonly devices: readonly DeviceSummary[] | null;
  readonly loading: boolean;
  readonly loadError: DomainError | null;
  readonly dialog: DeviceDialog | null;
  readonly officers: readonly string[] | null;
  readonly officersError: DomainError | null;
}

export const devicesStore = createStore<DevicesState>()(() => ({
  devices: null,
  loading: false,
  loadError: null,
  dialog: null,
  officers: null,
  officersError: null,
}));

export const useDevices = <T>(selector: (s: DevicesState) => T): T => useStore(devicesStore, selector);

const set = devicesStore.setState;
const PAIRING_HOURS = 24;

export const deviceActions = {
  async load(): Promise<void> {
    set({ loading: true });
    const ack = await query('device:list', {});
    if (ack.ok) set({ devices: ack.value.devices, loading: false, loadError: null });
    else set({ loading: false, loadError: ack.error });
  },

  openDialog(dialog: DeviceDialog): void {
    set({ dialog });
  },
  closeDialog(): void {
    set({ dialog: null });
  },

  async create(input: { name: string; role: Role; deskId: string | null }): Promise<Outcome<Pairing>> {
    const result = outcome(await query('device:create', input));
    if (!result.ok) return result;
    const { device, code } = result.value;
    const pairing: Pairing = {
      deviceName: device.name,
      role: device.role,
      code,
      expires: device.pairingExpires,
      repair: false,
    };
    set({ dialog: { kind: 'pairing', pairing } });
    void deviceActions.load();
    return { ok: true, value: pairing };
  },

  async rename(deviceId: string, name: string): Promise<Outcome<unknown>> {
    const result = outcome(await query('device:rename', { deviceId, name }));
    if (result.ok) {
      set({ dialog: null });
      void deviceActions.load();
    }
    return result;
  },

  async renewCode(device: DeviceSummary, now: number): Promise<Outcome<Pairing>> {
    const result = outcome(await query('device:renew_code', { deviceId: device.id }));
    if (!result.ok) return result;
    const pairing: Pairing = {
      deviceName: device.name,
      role: device.role,
      code: result.value.code,
      // The server does not send the new expiry; a code is valid for a day from now.
      expires: now + PAIRING_HOURS * 3_600_000,
      repair: device.pairedAt !== null,
    };
    set({ dialog: { kind: 'pairing', pairing } });
    void deviceActions.load();
    return { ok: true, value: pairing };
  },

  async revoke(deviceId: string): Promise<Outcome<unknown>> {
    const result = outcome(await query('device:revoke', { deviceId }));
    if (result.ok) {
      // The list first: when the dialog closes, its opener (the row's button) is gone, and
      // focus goes to the dialog's fallback rather than to nothing.
      await deviceActions.load();
      set({ dialog: null });
    }
    return result;
  },

  async loadOfficers(): Promise<void> {
    const ack = await query('officer:list', {});
    if (ack.ok) set({ officers: ack.value.names, officersError: null });
    else set({ officersError: ack.error });
  },

  async setPin(name: string, pin: string): Promise<Outcome<unknown>> {
    const result = outcome(await query('officer:set_pin', { name, pin }));
    if (result.ok) void deviceActions.loadOfficers();
    return result;
  },
};
