import type pg from 'pg';
import type { AuditEntry } from '../audit.js';
import type { OfficerRows } from '../officers.js';
import type { PgAudit } from './audit.js';
import { inTransaction, rowsOf } from './tx.js';

/** Officers' PIN hashes of one office; a name matches whatever its case (as SQLite's NOCASE). */
export class PgOfficerRows implements OfficerRows {
  constructor(
    private readonly pool: pg.Pool,
    private readonly officeId: string,
    private readonly audit: PgAudit,
  ) {}

  async pinHash(name: string): Promise<string | undefined> {
    const [row] = await rowsOf<{ pin_hash: string }>(
      this.pool,
      `SELECT pin_hash FROM officers WHERE office_id = $1 AND lower(name) = lower($2)`,
      [this.officeId, name],
    );
    return row?.pin_hash;
  }

  setPinHash(name: string, hash: string, now: number, audit?: AuditEntry): Promise<void> {
    return inTransaction(this.pool, async (client) => {
      await client.query(
        `INSERT INTO officers (office_id, name, pin_hash, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (office_id, lower(name)) DO UPDATE SET pin_hash = excluded.pin_hash`,
        [this.officeId, name, hash, now],
      );
      if (audit) await this.audit.record(audit, client);
    });
  }

  async names(): Promise<string[]> {
    const rows = await rowsOf<{ name: string }>(
      this.pool,
      `SELECT name FROM officers WHERE office_id = $1 ORDER BY lower(name), name`,
      [this.officeId],
    );
    return rows.map((r) => r.name);
  }
}
