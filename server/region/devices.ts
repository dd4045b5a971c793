import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { RegionDeviceInfo } from '../../shared/region.js';
import { hashSecret, newDeviceToken, newPairingCode, normalizePairingCode } from '../devices/credentials.js';
import { PAIRING_VALID_MS } from '../store/devices.js';
import { rowsOf } from '../store/postgres/tx.js';

interface RegionDeviceRow {
  id: string;
  name: string;
  token_hash: string | null;
  pairing_expires: number | null;
  created_at: number;
  paired_at: number | null;
  revoked_at: number | null;
  last_seen_at: number | null;
}

export interface RegionDevice extends RegionDeviceInfo {
  readonly createdAt: number;
  readonly pairedAt: number | null;
  readonly revokedAt: number | null;
  readonly lastSeenAt: number | null;
  readonly pairingExpires: number | null;
}

const toDevice = (r: RegionDeviceRow): RegionDevice => ({
  id: r.id,
  role: 'region',
  name: r.name,
  deskId: null,
  createdAt: r.created_at,
  pairedAt: r.paired_at,
  revokedAt: r.revoked_at,
  lastSeenAt: r.last_seen_at,
  pairingExpires: r.pairing_expires,
});

export const toRegionInfo = (d: RegionDeviceInfo): RegionDeviceInfo => ({
  id: d.id,
  role: 'region',
  name: d.name,
  deskId: null,
});

/**
 * The region's devices, in the region's PostgreSQL database and in no office. Their codes and
 * tokens come from the same helpers and are kept as the same hashes as an office device's, so
 * that a code typed on /pair is looked up the same way whichever kind it names. Unlike an
 * office's devices there is no map in memory to keep fresh: a region screen asks a few
 * questions a minute, and each asks the database whether its token still holds, so that a
 * revoke from the CLI takes effect at the next request on every server of the region.
 */
export class RegionDevices {
  constructor(private readonly pool: pg.Pool) {}

  async create(name: string, now: number): Promise<{ device: RegionDevice; code: string }> {
    const code = newPairingCode();
    const [row] = await rowsOf<RegionDeviceRow>(
      this.pool,
      `INSERT INTO region_devices (id, name, pairing_hash, pairing_expires, created_at)
       VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [randomUUID(), name, hashSecret(code), now + PAIRING_VALID_MS, now],
    );
    return { device: toDevice(row!), code };
  }

  /** A one-time code, for a device not yet paired or to be paired anew (its old token stops). */
  async renewCode(id: string, now: number): Promise<string | undefined> {
    const code = newPairingCode();
    const rows = await rowsOf(
      this.pool,
      `UPDATE region_devices SET pairing_hash = $2, pairing_expires = $3
       WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
      [id, hashSecret(code), now + PAIRING_VALID_MS],
    );
    return rows.length === 1 ? code : undefined;
  }

  /** The code's device with a new token, once; undefined for an unknown, used or expired code. */
  async pair(code: string, now: number): Promise<{ device: RegionDevice; token: string } | undefined> {
    const token = newDeviceToken();
    const [row] = await rowsOf<RegionDeviceRow>(
      this.pool,
      `UPDATE region_devices SET token_hash = $3, pairing_hash = NULL, pairing_expires = NULL, paired_at = $2
       WHERE pairing_hash = $1 AND pairing_expires > $2 AND revoked_at IS NULL RETURNING *`,
      [hashSecret(normalizePairingCode(code)), now, hashSecret(token)],
    );
    return row && { device: toDevice(row), token };
  }

  async authenticate(token: string): Promise<RegionDevice | undefined> {
    const [row] = await rowsOf<RegionDeviceRow>(
      this.pool,
      `SELECT * FROM region_devices WHERE token_hash = $1 AND revoked_at IS NULL`,
      [hashSecret(token)],
    );
    return row && toDevice(row);
  }

  /** Whether the device still holds the token of this hash: not revoked, not paired anew since. */
  async holdsToken(id: string, tokenHash: string): Promise<boolean> {
    const rows = await rowsOf(
      this.pool,
      `SELECT 1 FROM region_devices WHERE id = $1 AND token_hash = $2 AND revoked_at IS NULL`,
      [id, tokenHash],
    );
    return rows.length === 1;
  }

  async touch(id: string, now: number): Promise<void> {
    await rowsOf(this.pool, `UPDATE region_devices SET last_seen_at = $2 WHERE id = $1`, [id, now]);
  }

  async list(): Promise<RegionDevice[]> {
    const rows = await rowsOf<RegionDeviceRow>(
      this.pool,
      `SELECT * FROM region_devices ORDER BY created_at, n`,
    );
    return rows.map(toDevice);
  }

  async revoke(id: string, now: number): Promise<boolean> {
    const rows = await rowsOf(
      this.pool,
      `UPDATE region_devices SET revoked_at = $2, token_hash = NULL, pairing_hash = NULL, pairing_expires = NULL
       WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
      [id, now],
    );
    return rows.length === 1;
  }
}
