import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Role } from '../../../shared/events.js';
import {
  hashSecret,
  newDeviceToken,
  newPairingCode,
  normalizePairingCode,
} from '../../devices/credentials.js';
import type { Logger } from '../../log.js';
import type { AuditEntry } from '../audit.js';
import { PAIRING_VALID_MS, toRecord, type DeviceRecord, type DeviceRow } from '../devices.js';
import type { DeviceStore } from '../seam.js';
import type { PgAudit } from './audit.js';
import type { PgListener } from './listener.js';
import { inTransaction, rowsOf, type Queryable } from './tx.js';

/** The channel on which a change of any device's token is announced, with its office's id. */
export const DEVICES_CHANNEL = 'motesplats_devices';

/**
 * Paired devices of one office on PostgreSQL (the SQLite store's are ../devices.ts). Every
 * request asks whether its token still holds: that is answered from memory, a map of the
 * office's paired devices to their token hashes. A change of a token made anywhere (this
 * server, the CLI, another node) sends a NOTIFY on `DEVICES_CHANNEL` in its own transaction;
 * the server LISTENs (listener.ts), and reads the map again when its office's id comes, and
 * again whenever the listening connection is back after a loss.
 */
export class PgDevices implements DeviceStore {
  private holders = new Map<string, string>();
  private hashes = new Set<string>();
  private readonly reloaded = new Set<() => void>();
  /** Reads of the map in flight: a newer change must not be overwritten by an older read. */
  private generation = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly officeId: string,
    private readonly audit: PgAudit,
  ) {}

  /** Reads the office's token holders; the store calls it when it opens. */
  async load(): Promise<void> {
    const generation = ++this.generation;
    const rows = await rowsOf<{ id: string; token_hash: string }>(
      this.pool,
      `SELECT id, token_hash FROM devices WHERE office_id = $1 AND token_hash IS NOT NULL AND revoked_at IS NULL`,
      [this.officeId],
    );
    if (generation !== this.generation) return;
    this.holders = new Map(rows.map((r) => [r.id, r.token_hash]));
    this.hashes = new Set(this.holders.values());
    for (const fn of this.reloaded) fn();
  }

  /**
   * Reads the map again whenever a token of this office changed anywhere, and whenever the
   * listening connection is back (what changed while nobody listened). Returns the unsubscription.
   */
  follow(listener: PgListener, log: Logger): () => void {
    const reload = () =>
      this.load().catch((error: unknown) => log.warn({ error: String(error) }, 'devices not read again'));
    const off = listener.subscribe(DEVICES_CHANNEL, this.officeId, () => void reload());
    const offBack = listener.onListening(reload);
    // A change between the store's first read and this subscription would go unheard.
    void reload();
    return () => {
      off();
      offBack();
    };
  }

  /** Calls `fn` after every read of the map: a revoke made elsewhere can then cut its sockets off. */
  onReload(fn: () => void): () => void {
    this.reloaded.add(fn);
    return () => this.reloaded.delete(fn);
  }

  /** Whether a device of this office holds this token: a node asks each office in memory first. */
  mayHold(tokenHash: string): boolean {
    return this.hashes.has(tokenHash);
  }

  holdsToken(id: string, tokenHash: string): boolean {
    return this.holders.get(id) === tokenHash;
  }

  /** A change and, when it happened, its audit record and the news of a token changed. */
  private change<T>(
    work: (client: pg.PoolClient) => Promise<T>,
    happened: (result: T) => boolean,
    audit: AuditEntry | undefined,
    tokens: boolean,
  ): Promise<T> {
    return inTransaction(this.pool, async (client) => {
      const result = await work(client);
      if (happened(result)) {
        if (audit) await this.audit.record(audit, client);
        if (tokens) await client.query(`SELECT pg_notify($1, $2)`, [DEVICES_CHANNEL, this.officeId]);
      }
      return result;
    });
  }

  async create(
    input: { name: string; role: Role; deskId: string | null },
    now: number,
    audit?: AuditEntry,
  ): Promise<{ device: DeviceRecord; code: string }> {
    const id = randomUUID();
    const code = newPairingCode();
    const [row] = await this.change(
      (client) =>
        rowsOf<DeviceRow>(
          client,
          `INSERT INTO devices (office_id, id, name, role, desk_id, pairing_hash, pairing_expires, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
          [
            this.officeId,
            id,
            input.name,
            input.role,
            input.deskId,
            hashSecret(code),
            now + PAIRING_VALID_MS,
            now,
          ],
        ),
      () => true,
      audit,
      false,
    );
    return { device: toRecord(row!), code };
  }

  async renewCode(id: string, now: number, audit?: AuditEntry): Promise<string | undefined> {
    const code = newPairingCode();
    const changed = await this.change(
      (client) =>
        this.changes(
          client,
          `UPDATE devices SET pairing_hash = $3, pairing_expires = $4
           WHERE office_id = $1 AND id = $2 AND revoked_at IS NULL`,
          [this.officeId, id, hashSecret(code), now + PAIRING_VALID_MS],
        ),
      (n) => n === 1,
      audit,
      false,
    );
    return changed === 1 ? code : undefined;
  }

  /**
   * A pairing code names its device over the whole database (codes are long random secrets, kept
   * as unique hashes), but only this office's devices are looked at: a code of another office's
   * device is unknown here.
   */
  async pair(code: string, now: number): Promise<{ device: DeviceRecord; token: string } | undefined> {
    const token = newDeviceToken();
    const [row] = await this.change(
      (client) =>
        rowsOf<DeviceRow>(
          client,
          `UPDATE devices SET token_hash = $4, pairing_hash = NULL, pairing_expires = NULL, paired_at = $3
           WHERE office_id = $1 AND pairing_hash = $2 AND pairing_expires > $3 AND revoked_at IS NULL
           RETURNING *`,
          [this.officeId, hashSecret(normalizePairingCode(code)), now, hashSecret(token)],
        ),
      (rows) => rows.length === 1,
      undefined,
      true,
    );
    if (!row) return undefined;
    // A read of the map begun before this commit must not put the old token back.
    this.generation++;
    this.holders.set(row.id, row.token_hash!);
    return { device: toRecord(row), token };
  }

  async authenticate(token: string): Promise<DeviceRecord | undefined> {
    const generation = this.generation;
    const [row] = await rowsOf<DeviceRow>(
      this.pool,
      `SELECT * FROM devices WHERE office_id = $1 AND token_hash = $2 AND revoked_at IS NULL`,
      [this.officeId, hashSecret(token)],
    );
    if (!row || row.token_hash === null) return undefined;
    if (this.holders.get(row.id) === row.token_hash) return toRecord(row);
    // Paired on another node a moment ago, before its news came here: the database is the
    // truth, unless the map was read again meanwhile (a revoke's news may have come after this
    // read): then the map is read once more, and it decides.
    if (generation === this.generation) {
      this.holders.set(row.id, row.token_hash);
      this.hashes.add(row.token_hash);
      return toRecord(row);
    }
    await this.load();
    return this.holders.get(row.id) === row.token_hash ? toRecord(row) : undefined;
  }

  async touch(id: string, now: number): Promise<void> {
    await rowsOf(this.pool, `UPDATE devices SET last_seen_at = $3 WHERE office_id = $1 AND id = $2`, [
      this.officeId,
      id,
      now,
    ]);
  }

  async get(id: string): Promise<DeviceRecord | undefined> {
    const [row] = await rowsOf<DeviceRow>(
      this.pool,
      `SELECT * FROM devices WHERE office_id = $1 AND id = $2`,
      [this.officeId, id],
    );
    return row && toRecord(row);
  }

  async list(): Promise<DeviceRecord[]> {
    const rows = await rowsOf<DeviceRow>(
      this.pool,
      `SELECT * FROM devices WHERE office_id = $1 ORDER BY created_at, n`,
      [this.officeId],
    );
    return rows.map(toRecord);
  }

  async rename(id: string, name: string, audit?: AuditEntry): Promise<boolean> {
    return this.change(
      async (client) =>
        (await this.changes(client, `UPDATE devices SET name = $3 WHERE office_id = $1 AND id = $2`, [
          this.officeId,
          id,
          name,
        ])) === 1,
      (renamed) => renamed,
      audit,
      false,
    );
  }

  async revoke(id: string, now: number, audit?: AuditEntry): Promise<boolean> {
    const revoked = await this.change(
      async (client) =>
        (await this.changes(
          client,
          `UPDATE devices SET revoked_at = $3, token_hash = NULL, pairing_hash = NULL, pairing_expires = NULL
           WHERE office_id = $1 AND id = $2 AND revoked_at IS NULL`,
          [this.officeId, id, now],
        )) === 1,
      (happened) => happened,
      audit,
      true,
    );
    // Cut off here at once, before the news comes back from the database.
    if (revoked) {
      this.generation++;
      this.holders.delete(id);
    }
    return revoked;
  }

  private async changes(db: Queryable, text: string, values: unknown[]): Promise<number> {
    return (await db.query(text, values)).rowCount ?? 0;
  }
}
