import { open, type FileHandle } from 'node:fs/promises';
import { OfficeConfigSchema, type OfficeConfig } from '../../shared/office.js';
import type { EventEnvelope } from '../../shared/events.js';
import type { OfficeState } from '../../shared/state.js';
import type { Logger } from '../log.js';
import { Audit } from './audit.js';
import { Checkpointer } from './checkpointer.js';
import { openDatabase, schemaVersion, type Db } from './db.js';
import { Devices } from './devices.js';
import type { CommitBatch, GroupToWrite, GroupWrite, StoredCommand } from './commandStore.js';
import { commandToRow, EventLog } from './eventLog.js';
import { isStorageFault } from './faults.js';
import { Officers, SqliteOfficerRows } from './officers.js';
import { Projection } from './projection.js';
import type { OfficeData, Scrub, StatsSource } from './seam.js';
import { SqliteRollups } from './statsDays.js';
import type { Erasure } from '../office/retention.js';
import { runRetention, truncateWal } from './retention.js';

/** SQLite's own checkpoint, at commit, should the background one fall behind: 32 MiB of WAL. */
const BACKSTOP_CHECKPOINT_PAGES = 8192;
const SQLITE_DEFAULT_CHECKPOINT_PAGES = 1000;

/**
 * The office's durable store on SQLite: one file, one writer. A command's events, its record
 * for idempotent retries and the projection's changes are committed together; the caller acks
 * only once `sync` has made them durable.
 */
export class OfficeStore implements OfficeData {
  readonly devices: Devices;
  readonly officers: Officers;
  readonly audit: Audit;
  readonly rollups: SqliteRollups;
  private readonly log: EventLog;
  private readonly projection: Projection;
  private readonly commitTx: (batch: CommitBatch) => void;
  private readonly syncNormal;
  private readonly syncFull;

  private constructor(readonly db: Db) {
    this.audit = new Audit(db);
    this.devices = new Devices(db, this.audit);
    this.officers = new Officers(new SqliteOfficerRows(db, this.audit));
    this.rollups = new SqliteRollups(db);
    this.log = new EventLog(db);
    this.projection = new Projection(db);
    this.syncNormal = db.prepare('PRAGMA synchronous = NORMAL');
    this.syncFull = db.prepare('PRAGMA synchronous = FULL');
    this.commitTx = db.transaction((batch: CommitBatch) => {
      if (batch.envelopes.length > 0) {
        this.log.append(batch.envelopes);
        this.log.recordCommand(commandToRow(batch));
      }
      this.projection.write(batch.states, batch.envelopes, batch.at);
    });
  }

  static open(file: string): OfficeStore {
    return new OfficeStore(openDatabase(file));
  }

  get location(): string {
    return this.db.name;
  }

  get statsSource(): StatsSource {
    return { kind: 'sqlite', file: this.db.name };
  }

  eraseExpired(config: OfficeConfig, now: number): Erasure[] {
    return runRetention(this.db, config, now);
  }

  /** Erased data is only gone from the disk once the WAL is emptied of older page images. */
  scrubAfterErasure(): Scrub {
    return truncateWal(this.db) ? { done: true } : { done: false, heldBy: ['a reader of the WAL'] };
  }

  startBackground(log: Logger): void {
    this.checkpointInBackground(log);
  }

  stopBackground(): Promise<void> {
    return this.stopBackgroundCheckpoints();
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

  /**
   * Writes a group's batches in one transaction (each batch's own, `commit`, nests in it as a
   * savepoint, which a failure rolls back with the rest). The commit writes the WAL but does not wait for the disk:
   * `sync` does, and the engine acks the group only after a sync that began once the group was
   * written. In WAL mode one sync of the WAL makes every commit before it durable, so groups
   * written while a sync runs share the next one, and the event loop never waits on the disk for
   * a command. Every other write (audit, devices, retention) stays `synchronous=FULL`: durable
   * when its transaction returns. A batch that cannot be written rolls the whole group back: the
   * batches after it were decided on the state it left.
   */
  writeGroup({ batches }: GroupToWrite): Promise<GroupWrite> {
    let failed: { index: number; error: unknown } | undefined;
    this.syncNormal.run();
    try {
      this.db.transaction(() => {
        batches.forEach((batch, index) => {
          try {
            this.commit(batch);
          } catch (error) {
            if (isStorageFault(error)) throw error;
            failed = { index, error };
            throw error;
          }
        });
      })();
    } catch (error) {
      if (!failed) return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    } finally {
      this.syncFull.run();
    }
    if (failed) return Promise.resolve({ ok: false, failed: failed.index, error: failed.error });
    this.checkpointer?.written();
    return Promise.resolve({ ok: true });
  }

  findCommands(ids: readonly string[]): Promise<ReadonlyMap<string, StoredCommand>> {
    const found = new Map<string, StoredCommand>();
    for (const id of ids) {
      const stored = this.log.findCommand(id);
      if (stored) found.set(id, stored);
    }
    return Promise.resolve(found);
  }

  /**
   * Hands the WAL's checkpoints to a thread of their own (checkpointer.ts), off the commands'
   * path; SQLite's own, at commit, is left as a backstop at a higher threshold. The server does
   * this at start; a store without it (the CLI, tests) checkpoints as SQLite does by default.
   */
  checkpointInBackground(log: Logger): void {
    if (this.db.memory || this.checkpointer) return;
    this.db.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
    this.checkpointer = new Checkpointer(this.db.name, log, () => {
      if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_CHECKPOINT_PAGES}`);
    });
  }

  private checkpointer: Checkpointer | undefined;

  /** Makes every commit so far durable: one `fdatasync` of the WAL, off the event loop. */
  async sync(): Promise<void> {
    if (this.db.memory) return;
    this.wal ??= await open(`${this.db.name}-wal`, 'r');
    await this.wal.datasync();
  }

  private wal: FileHandle | undefined;

  /** A command's events, its record and its projection: all or nothing. */
  commit(batch: CommitBatch): void {
    this.commitTx(batch);
  }

  /** A small write of its own, to learn whether the database can be written (again). */
  async probe(at: number): Promise<void> {
    this.db.prepare(`INSERT OR REPLACE INTO meta VALUES ('storage_probe', ?)`).run(String(at));
  }

  /**
   * Events after `seq`, oldest first, at most `limit`, and none after `head`: the engine's
   * durable head, for the log may hold a group that is committed but not yet acked.
   */
  eventsSince(seq: number, limit: number, head = Number.MAX_SAFE_INTEGER): EventEnvelope[] {
    return this.log.since(seq, head, limit);
  }

  /** Stops the background checkpoints (and waits for the thread to close its connection). */
  async stopBackgroundCheckpoints(): Promise<void> {
    const checkpointer = this.checkpointer;
    this.checkpointer = undefined;
    await checkpointer?.stop();
  }

  close(): void {
    void this.stopBackgroundCheckpoints();
    void this.wal?.close();
    this.wal = undefined;
    if (this.db.open) this.db.close();
  }
}
