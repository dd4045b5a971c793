import type { Db } from './db.js';

export interface AuditEntry {
  readonly at: number;
  readonly deviceId: string;
  readonly officer: string | null;
  readonly visitId: string | null;
  /** What was done, e.g. `visit:open`; never what was seen. */
  readonly action: string;
}

/** Who read which visit. Changes are in the event log already, with device and officer. */
export class Audit {
  private readonly insert;

  constructor(db: Db) {
    this.insert = db.prepare<[number, string, string | null, string | null, string]>(
      `INSERT INTO audit (at, device_id, officer, visit_id, action) VALUES (?, ?, ?, ?, ?)`,
    );
  }

  record(e: AuditEntry): void {
    this.insert.run(e.at, e.deviceId, e.officer, e.visitId, e.action);
  }
}
