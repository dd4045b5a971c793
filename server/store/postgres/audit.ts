import type pg from 'pg';
import type { AuditEntry as AuditLine, ErasureRecord, QueryPayload } from '../../../shared/protocol.js';
import { auditQuery, ERASURES_SHOWN, type AuditEntry } from '../audit.js';
import type { AuditLog } from '../seam.js';
import { rowsOf, type Queryable } from './tx.js';

/** The audit of one office on PostgreSQL: the SQLite store's (../audit.ts), keyed by the office. */
export class PgAudit implements AuditLog {
  constructor(
    private readonly pool: pg.Pool,
    private readonly officeId: string,
  ) {}

  /** Records an entry on `db`: the pool, or the client of a change's own transaction. */
  async record(e: AuditEntry, db: Queryable = this.pool): Promise<void> {
    await rowsOf(
      db,
      `INSERT INTO audit (office_id, at, device_id, officer, visit_id, action) VALUES ($1, $2, $3, $4, $5, $6)`,
      [this.officeId, e.at, e.deviceId, e.officer, e.visitId, e.action],
    );
  }

  list(filter: QueryPayload<'audit:list'>, now: number): Promise<AuditLine[]> {
    const q = auditQuery(filter, now);
    const where = `office_id = $1 AND ($2::text IS NULL OR visit_id = $2) AND ($3::text IS NULL OR device_id = $3)
                   AND at BETWEEN $4 AND $5`;
    return rowsOf<AuditLine>(
      this.pool,
      `SELECT x.at, x.device_id AS "deviceId", d.name AS "deviceName", x.officer, x.visit_id AS "visitId",
              v.ticket, x.action FROM (
         SELECT at, 0 AS source, id AS n, device_id, officer, visit_id, action FROM audit WHERE ${where}
         UNION ALL
         SELECT at, 1, seq, device_id, officer, visit_id, type FROM events
           WHERE ${where} AND (visit_id IS NOT NULL OR role = 'admin')
       ) x
       LEFT JOIN devices d ON d.office_id = $1 AND d.id = x.device_id
       LEFT JOIN visits v ON v.office_id = $1 AND v.id = x.visit_id
       ORDER BY x.at DESC, x.source DESC, x.n DESC LIMIT $6`,
      [this.officeId, q.visitId, q.deviceId, q.from, q.to, q.limit],
    );
  }

  erasures(): Promise<ErasureRecord[]> {
    return rowsOf<ErasureRecord>(
      this.pool,
      `SELECT at, data_class AS "dataClass", agency, before_day AS "beforeDay", visits
       FROM erasures WHERE office_id = $1 ORDER BY at DESC, id DESC LIMIT $2`,
      [this.officeId, ERASURES_SHOWN],
    );
  }
}
