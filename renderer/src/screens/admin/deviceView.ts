import type { Role } from '../../../../shared/events.js';
import type { DeviceSummary } from '../../../../shared/protocol.js';

/** How the admin sees a device: paired, waiting for its code to be used, its code expired, or revoked. */
export type DeviceState = 'paired' | 'waiting' | 'expired' | 'revoked';

export function deviceState(device: DeviceSummary, now: number): DeviceState {
  if (device.revokedAt !== null) return 'revoked';
  if (device.pairedAt !== null) return 'paired';
  return device.pairingExpires !== null && device.pairingExpires > now ? 'waiting' : 'expired';
}

const ROLE_ORDER: readonly Role[] = ['admin', 'reception', 'kiosk', 'display', 'desk'];

/** Revoked devices last; then by role and name, so a desk's device is found by its desk's name. */
export function sortDevices(devices: readonly DeviceSummary[]): DeviceSummary[] {
  return [...devices].sort(
    (a, b) =>
      Number(a.revokedAt !== null) - Number(b.revokedAt !== null) ||
      ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) ||
      a.name.localeCompare(b.name, 'sv'),
  );
}

/** The link a device opens to pair itself (the server prints the same). */
export function pairingLink(origin: string, code: string): string {
  return `${origin}/pair?code=${encodeURIComponent(code)}`;
}

/** A device's default name from its role and desk, for the "add device" form. */
export function suggestedName(role: Role, deskName: string | null, roleName: string): string {
  if (role === 'desk' && deskName) return deskName;
  return roleName.charAt(0).toLocaleUpperCase('sv') + roleName.slice(1);
}
