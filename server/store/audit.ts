import type { AuditEntry as AuditLine, ErasureRecord, QueryPayload } from '../../shared/protocol.js';
import type { Db } from './db.js';
import type { AuditLog } from './seam.js';

export interface AuditEntry {
  readonly at: number;
  readonly deviceId: string;
  readonly officer: string | null;
  readonly visitId: string | null;
  /** What was done, e.g. `visit:open`; never what was seen. */
  readonly action: string;
}

/** How an audit page is asked for, with the defaults filled in (both stores read the same). */
export function auditQuery(filter: QueryPayload<'audit:list'>, now: number) {
  const narrowed = filter.visitId !== undefined || filter.deviceId !== undefined;
  return {
    visitId: filter.visitId ?? null,
    deviceId: filter.deviceId ?? null,
    // Without a visit or device to look for, the last week: the log is long.
    from: filter.from ?? (narrowed ? 0 : now - 7 * 86_400_000),
    to: filter.to ?? Number.MAX_SAFE_INTEGER,
    limit: filter.limit ?? 200,
  };
}

/** The most erasure records the admin's screen is sent. */
export const ERASURES_SHOWN = 500;

/**
 * Who read which visit. Changes are in the event log already, with device and officer. The
 * admin's page of it joins both (`list`).
 */
export class Audit implements AuditLog {
  private readonly insert;

  constructor(private readonly db: Db) {
    this.insert = db.prepare<[number, string, string | null, string | null, string]>(
      `INSERT INTO audit (at, device_id, officer, visit_id, action) VALUES (?, ?, ?, ?, ?)`,
    );
  }

  record(e: AuditEntry): void {
    this.insert.run(e.at, e.deviceId, e.officer, e.visitId, e.action);
  }

  /**
   * Who read or changed which visit: reads from the audit table, changes from the event log (its
   * device and officer columns), newest first. No payload is read, so no note text can appear.
   * What concerns no one visit counts too: reception's searches by name, the admin's changes to
   * devices and PINs (audit table), to the office config, the booking list and the interpreters
   * (event log) are exactly what an audit has to show. Entries of one millisecond come in a fixed
   * order (the log's first, each source newest first), so that a longer page ("show more") starts
   * with the shorter one.
   */
  list(filter: QueryPayload<'audit:list'>, now: number): AuditLine[] {
    const params = auditQuery(filter, now);
    const where = `(@visitId IS NULL OR visit_id = @visitId) AND (@deviceId IS NULL OR device_id = @deviceId)
                   AND at BETWEEN @from AND @to`;
    return this.db
      .prepare<typeof params, AuditLine>(
        `SELECT x.at, x.deviceId, d.name AS deviceName, x.officer, x.visitId, v.ticket, x.action FROM (
           SELECT at, 0 AS source, id AS n, device_id AS deviceId, officer, visit_id AS visitId, action
             FROM audit WHERE ${where}
           UNION ALL
           SELECT at, 1, seq, device_id, officer, visit_id, type FROM events
             WHERE ${where} AND (visit_id IS NOT NULL OR role = 'admin')
         ) x
         LEFT JOIN devices d ON d.id = x.deviceId
         LEFT JOIN visits v ON v.id = x.visitId
         ORDER BY x.at DESC, x.source DESC, x.n DESC LIMIT @limit`,
      )
      .all(params);
  }

  erasures(): ErasureRecord[] {
    return this.db
      .prepare<[number], ErasureRecord>(
        `SELECT at, data_class AS dataClass, agency, before_day AS beforeDay, visits
         FROM erasures ORDER BY at DESC, id DESC LIMIT ?`,
      )
      .all(ERASURES_SHOWN);
  }
}
