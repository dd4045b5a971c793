import { randomUUID } from 'node:crypto';
import type { Role } from '../../shared/events.js';
import type { DeviceInfo } from '../../shared/protocol.js';
import { hashSecret, newDeviceToken, newPairingCode, normalizePairingCode } from '../devices/credentials.js';
import type { Statement } from 'better-sqlite3';
import type { Audit, AuditEntry } from './audit.js';
import type { Db } from './db.js';
import type { DeviceStore } from './seam.js';

export interface DeviceRow {
  id: string;
  name: string;
  role: string;
  desk_id: string | null;
  token_hash: string | null;
  pairing_hash: string | null;
  pairing_expires: number | null;
  created_at: number;
  paired_at: number | null;
  revoked_at: number | null;
  last_seen_at: number | null;
}

export interface DeviceRecord extends DeviceInfo {
  readonly createdAt: number;
  readonly pairedAt: number | null;
  readonly revokedAt: number | null;
  readonly lastSeenAt: number | null;
  /** A pairing code is waiting to be used (until this time). */
  readonly pairingExpires: number | null;
}

export const PAIRING_VALID_MS = 24 * 60 * 60 * 1000;

export function toRecord(r: DeviceRow): DeviceRecord {
  return {
    id: r.id,
    name: r.name,
    role: r.role as Role,
    deskId: r.desk_id,
    createdAt: r.created_at,
    pairedAt: r.paired_at,
    revokedAt: r.revoked_at,
    lastSeenAt: r.last_seen_at,
    pairingExpires: r.pairing_hash ? r.pairing_expires : null,
  };
}

/**
 * Paired devices. Pairing turns a one-time code into a long token; both are kept only as
 * hashes, so a copy of the database lets nobody in.
 */
export class Devices implements DeviceStore {
  constructor(
    private readonly db: Db,
    private readonly audit: Audit,
  ) {}

  /** A change and its audit record (when it happened) in one transaction. */
  private audited<T>(entry: AuditEntry | undefined, happened: (result: T) => boolean, change: () => T): T {
    if (!entry) return change();
    return this.db.transaction(() => {
      const result = change();
      if (happened(result)) this.audit.record(entry);
      return result;
    })();
  }

  /** Creates a device and returns it with its first pairing code. */
  create(
    input: { name: string; role: Role; deskId: string | null },
    now: number,
    audit?: AuditEntry,
  ): { device: DeviceRecord; code: string } {
    const id = randomUUID();
    const code = newPairingCode();
    this.audited(
      audit,
      () => true,
      () =>
        this.db
          .prepare(
            `INSERT INTO devices (id, name, role, desk_id, pairing_hash, pairing_expires, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(id, input.name, input.role, input.deskId, hashSecret(code), now + PAIRING_VALID_MS, now),
    );
    return { device: this.get(id)!, code };
  }

  /** A new pairing code for a device (to replace a lost code, or move the role to a new machine). */
  renewCode(id: string, now: number, audit?: AuditEntry): string | undefined {
    const code = newPairingCode();
    const changed = this.audited(
      audit,
      (n) => n === 1,
      () =>
        this.db
          .prepare(
            `UPDATE devices SET pairing_hash = ?, pairing_expires = ? WHERE id = ? AND revoked_at IS NULL`,
          )
          .run(hashSecret(code), now + PAIRING_VALID_MS, id).changes,
    );
    return changed === 1 ? code : undefined;
  }

  /** Redeems a pairing code: the code is spent, and the device gets a fresh token. */
  pair(code: string, now: number): { device: DeviceRecord; token: string } | undefined {
    const hash = hashSecret(normalizePairingCode(code));
    const row = this.db
      .prepare<[string, number], DeviceRow>(
        `SELECT * FROM devices WHERE pairing_hash = ? AND pairing_expires > ? AND revoked_at IS NULL`,
      )
      .get(hash, now);
    if (!row) return undefined;
    const token = newDeviceToken();
    this.db
      .prepare(
        `UPDATE devices SET token_hash = ?, pairing_hash = NULL, pairing_expires = NULL, paired_at = ? WHERE id = ?`,
      )
      .run(hashSecret(token), now, row.id);
    this.holders.delete(row.id);
    return { device: this.get(row.id)!, token };
  }

  /** The device a token belongs to, unless revoked. */
  authenticate(token: string): DeviceRecord | undefined {
    const row = this.db
      .prepare<[string], DeviceRow>(`SELECT * FROM devices WHERE token_hash = ? AND revoked_at IS NULL`)
      .get(hashSecret(token));
    return row && toRecord(row);
  }

  /**
   * Whether a connection made with this token may still act for the device: not once the device
   * is revoked, nor once it was paired anew (on another machine, with a new code), from the CLI
   * or the admin screen alike.
   */
  holdsToken(id: string, tokenHash: string): boolean {
    // Asked at every request: answered from memory while nothing else wrote to the database
    // (SQLite's data_version moves when another connection, such as the CLI's, commits; this
    // connection's own changes of a token clear the memory where they are made).
    this.statements ??= {
      holder: this.db.prepare<[string, string], { id: string }>(
        `SELECT id FROM devices WHERE id = ? AND token_hash = ? AND revoked_at IS NULL`,
      ),
      dataVersion: this.db.prepare<[], number>('PRAGMA data_version').pluck(),
    };
    const version = this.statements.dataVersion.get()!;
    if (version !== this.holdersAsOf) {
      this.holders.clear();
      this.holdersAsOf = version;
    }
    if (this.holders.get(id) === tokenHash) return true;
    const holds = this.statements.holder.get(id, tokenHash) !== undefined;
    if (holds) this.holders.set(id, tokenHash);
    return holds;
  }

  private statements:
    { holder: Statement<[string, string], { id: string }>; dataVersion: Statement<[], number> } | undefined;
  /** Device id → the token hash last found to hold it, valid while data_version stays at `holdersAsOf`. */
  private readonly holders = new Map<string, string>();
  private holdersAsOf = -1;

  touch(id: string, now: number): void {
    this.db.prepare(`UPDATE devices SET last_seen_at = ? WHERE id = ?`).run(now, id);
  }

  get(id: string): DeviceRecord | undefined {
    const row = this.db.prepare<[string], DeviceRow>(`SELECT * FROM devices WHERE id = ?`).get(id);
    return row && toRecord(row);
  }

  list(): DeviceRecord[] {
    return this.db
      .prepare<[], DeviceRow>(`SELECT * FROM devices ORDER BY created_at, rowid`)
      .all()
      .map(toRecord);
  }

  rename(id: string, name: string, audit?: AuditEntry): boolean {
    return this.audited(
      audit,
      (renamed) => renamed,
      () => this.db.prepare(`UPDATE devices SET name = ? WHERE id = ?`).run(name, id).changes === 1,
    );
  }

  /** A revoked device's token and code stop working at once. */
  revoke(id: string, now: number, audit?: AuditEntry): boolean {
    this.holders.delete(id);
    return this.audited(
      audit,
      (revoked) => revoked,
      () =>
        this.db
          .prepare(
            `UPDATE devices SET revoked_at = ?, token_hash = NULL, pairing_hash = NULL, pairing_expires = NULL
           WHERE id = ? AND revoked_at IS NULL`,
          )
          .run(now, id).changes === 1,
    );
  }
}
