import type { DesktopApi } from '../../../shared/desktop.js';
import type { DeviceInfo } from '../../../shared/protocol.js';
import type { RegionDeviceInfo, ScreenRole } from '../../../shared/region.js';

declare global {
  interface Window {
    /** Present only inside the Mötesplats desktop app (its preload). */
    motesplats?: DesktopApi;
  }
}

const KEY = 'motesplats.device';

export interface StoredDevice {
  readonly token: string;
  readonly role: ScreenRole;
  readonly deskId: string | null;
  readonly name: string;
}

/**
 * This device's pairing: the desktop app keeps the token in its user-data folder; a browser
 * keeps it in localStorage for the server's origin.
 */
export async function loadDevice(): Promise<{ token: string; device: StoredDevice | null } | null> {
  const stored = readStored();
  const desktopToken = await window.motesplats?.deviceToken();
  if (desktopToken) return { token: desktopToken, device: stored?.token === desktopToken ? stored : null };
  return stored ? { token: stored.token, device: stored } : null;
}

function readStored(): StoredDevice | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as StoredDevice) : null;
  } catch {
    return null;
  }
}

export function rememberDevice(token: string, info: DeviceInfo | RegionDeviceInfo): void {
  const device: StoredDevice = { token, role: info.role, deskId: info.deskId, name: info.name };
  localStorage.setItem(KEY, JSON.stringify(device));
}

export function forgetDevice(): void {
  localStorage.removeItem(KEY);
}

export type PairingOutcome = { ok: true; device: StoredDevice } | { ok: false; code: string };

/** Redeems a one-time pairing code for this device's long-lived token. */
export async function pairDevice(code: string): Promise<PairingOutcome> {
  try {
    const response = await fetch('/api/pair', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    const body = (await response.json()) as {
      token?: string;
      device?: DeviceInfo | RegionDeviceInfo;
      error?: { code: string };
    };
    if (!response.ok || !body.token || !body.device)
      return { ok: false, code: body.error?.code ?? 'INTERNAL' };
    rememberDevice(body.token, body.device);
    return { ok: true, device: readStored()! };
  } catch {
    return { ok: false, code: 'TIMEOUT' };
  }
}

/** Where each role's screen lives. */
export const ROLE_PATHS: Record<ScreenRole, string> = {
  kiosk: '/kiosk',
  desk: '/desk',
  display: '/display',
  reception: '/reception',
  admin: '/admin',
  region: '/region',
};
