import { OfficeConfigSchema, type OfficeConfig } from '../../shared/office.js';
import type { EventEnvelope } from '../../shared/events.js';
import type { OfficeState } from '../../shared/state.js';
import { Audit } from './audit.js';
import { openDatabase, schemaVersion, type Db } from './db.js';
import { Devices } from './devices.js';
import { EventLog, type StoredCommand } from './eventLog.js';
import { Officers } from './officers.js';
import { Projection } from './projection.js';

export interface CommitBatch {
  readonly commandId: string;
  readonly deviceId: string;
  readonly name: string;
  readonly at: number;
  readonly envelopes: readonly EventEnvelope[];
  readonly result: unknown;
  /** The state before the command, then after each of its events. */
  readonly states: readonly OfficeState[];
}

/**
 * The office's durable store on SQLite: one file, one writer. A command's events, its record
 * for idempotent retries and the projection's changes are committed in one transaction; the
 * caller acks only after `commit` has returned.
 */
export class OfficeStore {
  readonly devices: Devices;
  readonly officers: Officers;
  readonly audit: Audit;
  private readonly log: EventLog;
  private readonly projection: Projection;
  private readonly commitTx: (batch: CommitBatch) => void;

  private constructor(readonly db: Db) {
    this.devices = new Devices(db);
    this.officers = new Officers(db);
    this.audit = new Audit(db);
    this.log = new EventLog(db);
    this.projection = new Projection(db);
    this.commitTx = db.transaction((batch: CommitBatch) => {
      if (batch.envelopes.length > 0) {
        this.log.append(batch.envelopes);
        this.log.recordCommand({
          commandId: batch.commandId,
          deviceId: batch.deviceId,
          name: batch.name,
          at: batch.at,
          firstSeq: batch.envelopes[0]!.seq,
          lastSeq: batch.envelopes[batch.envelopes.length - 1]!.seq,
          result: batch.result,
        });
      }
      this.projection.write(batch.states, batch.envelopes, batch.at);
    });
  }

  static open(file: string): OfficeStore {
    return new OfficeStore(openDatabase(file));
  }

  get schemaVersion(): number {
    return schemaVersion(this.db);
  }

  head(): number {
    return this.log.head();
  }

  /** The office config, or undefined for a database that was never seeded. */
  config(): OfficeConfig | undefined {
    const json = this.db.prepare<[], string>(`SELECT config FROM office_config WHERE id = 1`).pluck().get();
    return json === undefined ? undefined : OfficeConfigSchema.parse(JSON.parse(json));
  }

  seed(config: OfficeConfig, day: string, at: number): OfficeState {
    return this.db.transaction(() => this.projection.seed(config, day, at))();
  }

  loadState(config: OfficeConfig): OfficeState {
    return this.projection.load(config);
  }

  commit(batch: CommitBatch): void {
    this.commitTx(batch);
  }

  /** A small write of its own, to learn whether the database can be written (again). */
  probe(at: number): void {
    this.db.prepare(`INSERT OR REPLACE INTO meta VALUES ('storage_probe', ?)`).run(String(at));
  }

  findCommand(commandId: string): StoredCommand | undefined {
    return this.log.findCommand(commandId);
  }

  eventsSince(seq: number, limit: number): EventEnvelope[] {
    return this.log.since(seq, limit);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
