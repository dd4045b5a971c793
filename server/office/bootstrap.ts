import type { Role } from '../../shared/events.js';
import type { OfficeConfig } from '../../shared/office.js';
import type { OfficeData } from '../store/seam.js';

export interface PairingInvite {
  readonly name: string;
  readonly role: Role;
  readonly code: string;
}

/**
 * A new office needs a way in: an admin device to pair first. The demo office gets one device
 * of every role (and one per desk) so that each screen can be tried at once. Devices not yet
 * paired get a fresh code at each start, since the old one may have been lost with the terminal.
 */
export async function pairingInvites(
  store: Pick<OfficeData, 'devices'>,
  config: OfficeConfig,
  demo: boolean,
  now: number,
): Promise<PairingInvite[]> {
  const wanted: { name: string; role: Role; deskId: string | null }[] = [
    { name: 'Admin', role: 'admin', deskId: null },
  ];
  if (demo)
    wanted.push(
      { name: 'Reception', role: 'reception', deskId: null },
      { name: 'Kiosk', role: 'kiosk', deskId: null },
      { name: 'Display', role: 'display', deskId: null },
      ...config.desks.map((d) => ({ name: d.name, role: 'desk' as const, deskId: d.id })),
    );
  const existing = await store.devices.list();
  if (existing.length === 0) for (const w of wanted) await store.devices.create(w, now);
  const invites: PairingInvite[] = [];
  for (const device of await store.devices.list()) {
    if (device.pairedAt !== null || device.revokedAt !== null) continue;
    const code = await store.devices.renewCode(device.id, now);
    if (code) invites.push({ name: device.name, role: device.role, code });
  }
  return invites;
}

export function pairingUrl(base: string, code: string): string {
  return `${base}/pair?code=${encodeURIComponent(code)}`;
}
