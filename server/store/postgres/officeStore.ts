import { createHash } from 'node:crypto';
import pg from 'pg';
import { applyAll } from '../../../shared/apply.js';
import type { EventEnvelope } from '../../../shared/events.js';
import { OfficeConfigSchema, type OfficeConfig } from '../../../shared/office.js';
import { initialState, type OfficeState } from '../../../shared/state.js';
import type { CaughtUp, CommitBatch, GroupToWrite, GroupWrite, StoredCommand } from '../commandStore.js';
import { commandToRow, envelopeToRow, rowToEnvelope, type EventRow } from '../eventLog.js';
import {
  projectionChanges,
  stateFromRows,
  type ProjectionRows,
  type RowChange,
} from '../projectionChanges.js';
import { asStorageFault, isPgStorageFault } from './faults.js';
import { arraysOf, GroupStatement, upsert, type Columns } from './sql.js';
import { inSnapshot, rowsOf, type Queryable } from './tx.js';
import type { Logger } from '../../log.js';
import type { Erasure } from '../../office/retention.js';
import { Officers } from '../officers.js';
import type { OfficeData, Scrub, StatsSource } from '../seam.js';
import { PgAudit } from './audit.js';
import { connect, migrate } from './connect.js';
import { DEVICES_CHANNEL, PgDevices } from './devices.js';
import { PgListener } from './listener.js';
import { PgOfficerRows } from './officers.js';
import { runPgRetention, scrubTables } from './retention.js';
import { PgRollups } from './rollups.js';
import { PG_SCHEMA_VERSION } from './schema.js';

/** An office id as the CLI and the URL take it: `borlange`, `ludvika`. */
export const OFFICE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

export class UnknownOfficeError extends Error {
  override name = 'UnknownOfficeError';
  constructor(readonly officeId: string) {
    super(
      `no office "${officeId}" in this database: add it with \`office add --id ${officeId} --config <file>\``,
    );
  }
}

export class OfficeExistsError extends Error {
  override name = 'OfficeExistsError';
  constructor(readonly officeId: string) {
    super(`the database already holds an office "${officeId}"`);
  }
}

/**
 * Another writer moved the office's log on (another node): what this store's engine decided
 * rests on a state that is no longer the latest, and nothing of the group was written.
 */
export class StaleOfficeError extends Error {
  override name = 'StaleOfficeError';
  readonly code = 'MOTESPLATS_STALE_OFFICE';
  constructor(
    readonly officeId: string,
    readonly expected: number,
    readonly found: number,
  ) {
    super(`office "${officeId}" is at sequence ${found}, not ${expected}: another writer got there first`);
  }
}

/** One of the ids the write was to check had been committed before: nothing was written. */
class RepeatedCommandError extends Error {
  override name = 'RepeatedCommandError';
  constructor() {
    super('a command of the group was committed before');
  }
}

/**
 * The connection failed while the group's commit was on its way (see `resolveCommit`), on the
 * connection of the backend `pid`.
 */
class CommitUnknownError extends Error {
  override name = 'CommitUnknownError';
  constructor(
    override readonly cause: unknown,
    readonly pid: number | undefined,
  ) {
    super('the commit may or may not have been made');
  }
}

/** How long a group whose commit is unknown waits for the database to say (the engine waits). */
const RESOLVE_COMMIT_MS = 10_000;

export const EVENT_COLUMNS: Columns = [
  ['seq', 'bigint'],
  ['command_id', 'text'],
  ['at', 'bigint'],
  ['type', 'text'],
  ['visit_id', 'text'],
  ['device_id', 'text'],
  ['role', 'text'],
  ['desk_id', 'text'],
  ['officer', 'text'],
  ['payload', 'text'],
];
export const COMMAND_COLUMNS: Columns = [
  ['command_id', 'text'],
  ['device_id', 'text'],
  ['name', 'text'],
  ['at', 'bigint'],
  ['first_seq', 'bigint'],
  ['last_seq', 'bigint'],
  ['result', 'text'],
];
export const VISIT_COLUMNS: Columns = [
  ['id', 'text'],
  ['day', 'text'],
  ['ticket', 'text'],
  ['kind', 'text'],
  ['language', 'text'],
  ['interpreter_language', 'text'],
  ['adults', 'integer'],
  ['children', 'integer'],
  ['consent', 'integer'],
  ['appointment_at', 'bigint'],
  ['created_at', 'bigint'],
  ['status', 'text'],
  ['ended_at', 'bigint'],
  ['cancel_reason', 'text'],
  ['current_step', 'integer'],
  ['interpreter_id', 'text'],
  ['interpreter_used', 'integer'],
];
export const STEP_COLUMNS: Columns = [
  ['visit_id', 'text'],
  ['idx', 'integer'],
  ['station_id', 'text'],
  ['status', 'text'],
  ['queued_at', 'bigint'],
  ['came_from', 'text'],
  ['target_desk_id', 'text'],
  ['desk_id', 'text'],
  ['called_at', 'bigint'],
  ['last_called_at', 'bigint'],
  ['started_at', 'bigint'],
  ['ended_at', 'bigint'],
  ['recalls', 'integer'],
  ['outcome', 'text'],
  ['skip_reason', 'text'],
  ['checklist', 'text'],
  ['rule_override', 'integer'],
  ['day', 'text'],
];
export const PRIVATE_COLUMNS: Columns = [
  ['visit_id', 'text'],
  ['booking_ref', 'text'],
  ['members', 'text'],
  ['status_token', 'text'],
];
export const NOTE_COLUMNS: Columns = [
  ['id', 'text'],
  ['visit_id', 'text'],
  ['at', 'bigint'],
  ['visibility', 'text'],
  ['agency', 'text'],
  ['station_id', 'text'],
  ['desk_id', 'text'],
  ['officer', 'text'],
  ['text', 'text'],
];
export const APPOINTMENT_COLUMNS: Columns = [
  ['day', 'text'],
  ['ref', 'text'],
  ['at', 'bigint'],
  ['language', 'text'],
  ['interpreter_language', 'text'],
  ['adults', 'integer'],
  ['children', 'integer'],
  ['visit_id', 'text'],
];
export const INTERPRETER_COLUMNS: Columns = [
  ['id', 'text'],
  ['day', 'text'],
  ['language', 'text'],
  ['mode', 'text'],
  ['name', 'text'],
  ['visit_id', 'text'],
];
export const SESSION_COLUMNS: Columns = [
  ['desk_id', 'text'],
  ['officer', 'text'],
  ['since', 'bigint'],
];

const UPSERT_APPOINTMENTS = upsert('appointments', APPOINTMENT_COLUMNS, ['day', 'ref']);

/**
 * One office's store on PostgreSQL: its rows among other offices' in one database, keyed by its
 * id. The engine's seam (commandStore.ts): a group is one transaction that takes the office's
 * row lock, checks that the log is where the engine believes it is, appends, projects, moves the
 * head and commits; with `synchronous_commit` on, a commit that returned is on the disk, so
 * `sync` has nothing left to do. The state, config and head are read when the store is opened.
 */
export class PostgresOfficeStore implements OfficeData {
  readonly audit: PgAudit;
  readonly devices: PgDevices;
  readonly officers: Officers;
  readonly rollups: PgRollups;
  readonly schemaVersion = PG_SCHEMA_VERSION;

  private constructor(
    private readonly pool: pg.Pool,
    readonly officeId: string,
    private readonly opened: { config: OfficeConfig; state: OfficeState; head: number },
    private readonly url: string | undefined,
    /** Whether `close` ends the pool: a store that `connectOffice` opened owns it. */
    private readonly ownsPool: boolean,
    /** A node's one listening connection for all its offices; else the store opens its own. */
    private readonly sharedListener: PgListener | undefined,
  ) {
    this.audit = new PgAudit(pool, officeId);
    this.devices = new PgDevices(pool, officeId, this.audit);
    this.officers = new Officers(new PgOfficerRows(pool, officeId, this.audit));
    this.rollups = new PgRollups(pool, officeId);
  }

  /**
   * The server's way in: a pool of its own to `url`, the schema brought up to date (the first
   * node to start migrates, the others wait on its lock), and the office `officeId` opened.
   */
  static async connectOffice(
    url: string,
    officeId: string,
    options: { onIdleError?: (error: Error) => void } = {},
  ): Promise<PostgresOfficeStore> {
    const pool = connect(url, options);
    try {
      await migrate(pool);
      return await PostgresOfficeStore.open(pool, officeId, { url, ownsPool: true });
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  get location(): string {
    return this.url === undefined
      ? `PostgreSQL, office ${this.officeId}`
      : `${withoutPassword(this.url)}, office ${this.officeId}`;
  }

  get statsSource(): StatsSource {
    if (this.url === undefined)
      throw new Error('a store opened on a pool without its URL has no statistics worker');
    return { kind: 'postgres', url: this.url, officeId: this.officeId };
  }

  async eraseExpired(config: OfficeConfig, now: number): Promise<Erasure[]> {
    const { erasures, changed, xid } = await runPgRetention(this.pool, this.officeId, config, now);
    for (const table of changed) this.toScrub.add(table);
    // The latest erasure's: anything as old may see the rows of this one or of an earlier one.
    this.erasureXid = xid ?? this.erasureXid;
    return erasures;
  }

  /** The transaction id of the last erasure that changed anything. */
  private erasureXid: string | undefined;

  /** Tables that retention changed and that still hold the old rows in their files. */
  private readonly toScrub = new Set<string>();

  /** Rewrites the tables that retention changed, so that the erased text leaves the disk (retention.ts). */
  scrubAfterErasure(): Promise<Scrub> {
    return scrubTables(this.pool, this.toScrub, this.erasureXid);
  }

  /** The listener this store's devices follow: the node's, or one of its own (`connectOffice`). */
  private following: { listener: PgListener; own: boolean; off: () => void } | undefined;

  startBackground(log: Logger): void {
    if (this.following) return;
    const shared = this.sharedListener;
    const listener = shared ?? new PgListener(this.pool, [DEVICES_CHANNEL], log);
    this.following = { listener, own: !shared, off: this.devices.follow(listener, log) };
    if (!shared) void listener.start();
  }

  async stopBackground(): Promise<void> {
    const following = this.following;
    this.following = undefined;
    if (!following) return;
    following.off();
    if (following.own) await following.listener.stop();
  }

  async close(): Promise<void> {
    await this.stopBackground();
    if (this.ownsPool) await this.pool.end();
  }

  /** Adds an office to the database, with its config and its first day. */
  static async addOffice(
    pool: pg.Pool,
    id: string,
    config: OfficeConfig,
    day: string,
    at: number,
  ): Promise<void> {
    if (!OFFICE_ID.test(id))
      throw new Error(`an office id is lower-case letters, digits and dashes: "${id}"`);
    const added = await pool.query(
      `INSERT INTO offices (id, config, config_updated_at, day, head, created_at) VALUES ($1, $2, $3, $4, 0, $3)
       ON CONFLICT (id) DO NOTHING`,
      [id, JSON.stringify(OfficeConfigSchema.parse(config)), at, day],
    );
    if (added.rowCount === 0) throw new OfficeExistsError(id);
  }

  static async listOffices(
    pool: pg.Pool,
  ): Promise<{ id: string; name: string; day: string; head: number }[]> {
    const rows = (
      await pool.query<{ id: string; config: string; day: string; head: number }>(
        `SELECT id, config, day, head FROM offices ORDER BY id`,
      )
    ).rows;
    return rows.map((r) => ({
      id: r.id,
      name: (JSON.parse(r.config) as OfficeConfig).name,
      day: r.day,
      head: r.head,
    }));
  }

  /** Opens an office that `addOffice` added: its config, its live state and its head, read now. */
  static async open(
    pool: pg.Pool,
    officeId: string,
    options: { url?: string; ownsPool?: boolean; listener?: PgListener } = {},
  ): Promise<PostgresOfficeStore> {
    // The office's row and its tables in one snapshot: another node may be committing, and a
    // state read across its commit would never be repaired (the catch-up applies events to it).
    const read = await inSnapshot(pool, async (client) => {
      const [office] = await rowsOf<{ config: string; day: string; head: number }>(
        client,
        `SELECT config, day, head FROM offices WHERE id = $1`,
        [officeId],
      );
      if (!office) return undefined;
      const config = OfficeConfigSchema.parse(JSON.parse(office.config));
      return { config, head: office.head, state: await readState(client, officeId, config, office.day) };
    });
    if (!read) throw new UnknownOfficeError(officeId);
    const { config, state, head } = read;
    const store = new PostgresOfficeStore(
      pool,
      officeId,
      { config, state, head },
      options.url,
      options.ownsPool ?? false,
      options.listener,
    );
    await store.devices.load();
    return store;
  }

  head(): number {
    return this.opened.head;
  }

  config(): OfficeConfig {
    return this.opened.config;
  }

  seed(): OfficeState {
    // open() found the office, so there is a config and the engine never asks.
    throw new UnknownOfficeError(this.officeId);
  }

  loadState(config: OfficeConfig): OfficeState {
    return config === this.opened.config ? this.opened.state : { ...this.opened.state, config };
  }

  /** Reads the live state back from the tables, as a restart would, with the head it is at. */
  async readState(): Promise<{ state: OfficeState; head: number }> {
    return inSnapshot(this.pool, async (client) => {
      const [office] = await rowsOf<{ day: string; config: string; head: number }>(
        client,
        `SELECT day, config, head FROM offices WHERE id = $1`,
        [this.officeId],
      );
      const config = OfficeConfigSchema.parse(JSON.parse(office!.config));
      return { state: await readState(client, this.officeId, config, office!.day), head: office!.head };
    });
  }

  async catchUp(head: number, state: OfficeState): Promise<CaughtUp | undefined> {
    try {
      const [office] = await rowsOf<{ head: number }>(this.pool, `SELECT head FROM offices WHERE id = $1`, [
        this.officeId,
      ]);
      if (!office || office.head <= head) return undefined;
      const envelopes = await this.eventsSince(head, Number.MAX_SAFE_INTEGER, office.head);
      // The events are the truth the rows were projected from: applied here they give the state
      // the rows hold, at the cost of what changed rather than of the whole day.
      return { state: applyAll(state, envelopes), head: office.head, envelopes };
    } catch (error) {
      throw isPgStorageFault(error) ? asStorageFault(error) : error;
    }
  }

  async findCommands(ids: readonly string[]): Promise<ReadonlyMap<string, StoredCommand>> {
    const found = new Map<string, StoredCommand>();
    if (ids.length === 0) return found;
    const rows = await rowsOf<{
      command_id: string;
      device_id: string;
      last_seq: number;
      result: string;
    }>(
      this.pool,
      `SELECT command_id, device_id, last_seq, result FROM commands WHERE office_id = $1 AND command_id = ANY ($2)`,
      [this.officeId, ids],
    );
    for (const r of rows)
      found.set(r.command_id, {
        deviceId: r.device_id,
        lastSeq: r.last_seq,
        result: JSON.parse(r.result) as unknown,
      });
    return found;
  }

  /** The write checks the group's command ids itself: a command costs one round trip. */
  readonly checksRepeats = true;

  /**
   * The group in one statement, or one transaction where a booking list comes with it. A batch
   * that cannot be written (not a fault of the database: a broken constraint) leaves nothing
   * written; which one it was is found by writing the batches again one by one, a path taken
   * only for a bug.
   */
  async writeGroup({ batches, head, unseen = [] }: GroupToWrite): Promise<GroupWrite> {
    if (batches.length === 0) return this.checkDecided(head, unseen);
    try {
      await this.write(batches, unseen);
      return { ok: true };
    } catch (error) {
      if (error instanceof StaleOfficeError) return { ok: false, stale: true };
      if (error instanceof RepeatedCommandError) return { ok: false, repeated: true };
      if (error instanceof CommitUnknownError) return this.resolveCommit(batches, error);
      if (isPgStorageFault(error)) throw asStorageFault(error);
      if (batches.length === 1) return { ok: false, failed: 0, error };
      for (let i = 1; i <= batches.length; i++) {
        try {
          await this.write(batches.slice(0, i), [], { rollback: true });
        } catch (cause) {
          if (cause instanceof StaleOfficeError) return { ok: false, stale: true };
          if (isPgStorageFault(cause)) throw asStorageFault(cause);
          return { ok: false, failed: i - 1, error: cause };
        }
      }
      // No batch fails alone: not a bug of one command's, so none is blamed; the group is refused.
      throw asStorageFault(error);
    }
  }

  /**
   * A group with nothing to write (every command refused, or changing nothing) still answers a
   * retry's first result, and is answered only if the log is still where it was decided: another
   * node may have called the visit that this one, behind by a moment, would refuse to start.
   * One statement, so no round trip more than the repeat check alone.
   */
  private async checkDecided(head: number, unseen: readonly string[]): Promise<GroupWrite> {
    if (unseen.length === 0) return { ok: true };
    const [found] = await rowsOf<{ repeated: boolean; current: boolean }>(
      this.pool,
      `SELECT EXISTS (${COMMITTED_AMONG}) AS repeated,
              (SELECT head FROM offices WHERE id = $1) = $3 AS current`,
      [this.officeId, unseen, head],
    );
    if (found?.repeated) return { ok: false, repeated: true };
    return found?.current ? { ok: true } : { ok: false, stale: true };
  }

  /**
   * The connection failed while the commit was on its way: the group may be stored or not, and
   * its commands must not be told "nothing was changed" if it is. Once the backend that had the
   * group is gone (so it can no longer commit it), the first command's record says which (the
   * group is all or nothing): a record of this very attempt, at the sequence number and time it
   * was decided with, since a retry's id has a record of its first commit. If that takes too
   * long, the group is refused as a storage fault, and the catch-up that follows finds it should
   * it have been stored after all (and a retry of its command ids gets their answers).
   */
  private async resolveCommit(
    batches: readonly CommitBatch[],
    unknown: CommitUnknownError,
  ): Promise<GroupWrite> {
    const first = batches.find((b) => b.envelopes.length > 0)!;
    const deadline = Date.now() + RESOLVE_COMMIT_MS;
    // Two statements, the record read after the backend was seen gone: one statement's snapshot
    // could predate a commit made while it looked at pg_stat_activity.
    const gone = async () =>
      unknown.pid !== undefined &&
      (await rowsOf(this.pool, `SELECT 1 FROM pg_stat_activity WHERE pid = $1`, [unknown.pid])).length === 0;
    const stored = async () =>
      (
        await rowsOf(
          this.pool,
          `SELECT 1 FROM commands WHERE office_id = $1 AND command_id = $2 AND first_seq = $3 AND at = $4`,
          [this.officeId, first.commandId, first.envelopes[0]!.seq, first.at],
        )
      ).length === 1;
    for (;;) {
      // Undefined while the database does not answer.
      const answer = await (async () => ((await gone()) ? await stored() : undefined))().catch(
        () => undefined,
      );
      if (answer === true) return { ok: true };
      if (answer === false || Date.now() > deadline) throw asStorageFault(unknown.cause);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** A commit that returned is on the disk (`synchronous_commit` on). */
  sync(): Promise<void> {
    return Promise.resolve();
  }

  async probe(at: number): Promise<void> {
    await rowsOf(
      this.pool,
      `UPDATE offices SET config_updated_at = config_updated_at WHERE id = $1 AND $2::bigint > 0`,
      [this.officeId, at],
    );
  }

  /** Events after `seq` up to `head`, oldest first, at most `limit`. */
  async eventsSince(seq: number, limit: number, head = Number.MAX_SAFE_INTEGER): Promise<EventEnvelope[]> {
    const rows = await rowsOf<EventRow>(
      this.pool,
      `SELECT seq, command_id, at, type, visit_id, device_id, role, desk_id, officer, payload FROM events
       WHERE office_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4`,
      [this.officeId, seq, head, limit],
    );
    return rows.map(rowToEnvelope);
  }

  /**
   * Writes the group's rows in one statement (`GroupStatement`), which also takes the office's
   * row lock and checks its head and the group's `unseen` command ids. Alone, the statement is
   * its own transaction: one round trip for the whole group. A booking list's rows follow in
   * statements of their own, in order, under that lock, so a group with one is written in a
   * transaction, as is a trial write (`rollback`) while looking for the batch that fails.
   */
  private async write(
    batches: readonly CommitBatch[],
    unseen: readonly string[],
    options: { rollback?: boolean } = {},
  ): Promise<void> {
    const { statement, appointments, expected } = this.statement(batches, unseen);
    const alone = appointments.length === 0 && !options.rollback;
    const client = await this.pool.connect();
    const pid = (client as unknown as { processID?: number }).processID;
    // Whether the statement that commits was cut off on its way: then it may have been made.
    const committing = (error: unknown) => {
      throw outcomeUnknown(error) ? new CommitUnknownError(error, pid) : error;
    };
    let broken = false;
    // The connection may end between two statements (the server restarts): the next statement
    // then fails, which is what this write answers; unheard, the event would end the process.
    const lost = () => (broken = true);
    client.on('error', lost);
    try {
      if (!alone) await client.query('BEGIN');
      const written = await client.query<{ written: number }>(statement).catch(alone ? committing : rethrow);
      if (written.rows[0]?.written !== 1) await this.refused(client, expected, unseen);
      // A booking list is replaced in order: the open bookings go, then the list comes.
      for (const change of appointments)
        if (change.op === 'clearOpenAppointments')
          await client.query(
            `DELETE FROM appointments WHERE office_id = $1 AND day = $2 AND visit_id IS NULL`,
            [this.officeId, change.day],
          );
        else
          await client.query(UPSERT_APPOINTMENTS, [
            this.officeId,
            ...arraysOf(APPOINTMENT_COLUMNS, [change.row]),
          ]);
      if (options.rollback) await client.query('ROLLBACK');
      else if (!alone) await client.query('COMMIT').catch(committing);
    } catch (error) {
      // Our own refusals come from a healthy connection; a fault may not.
      broken ||=
        error instanceof CommitUnknownError ||
        (isPgStorageFault(error) && !(error instanceof StaleOfficeError));
      if (!alone) await client.query('ROLLBACK').catch(() => (broken = true));
      throw error;
    } finally {
      client.off('error', lost);
      // A connection that failed mid-transaction is not handed out again.
      client.release(broken);
    }
  }

  /** The group's statement, the booking-list changes that follow it, and the head it expects. */
  private statement(batches: readonly CommitBatch[], unseen: readonly string[]) {
    const envelopes = batches.flatMap((b) => b.envelopes);
    const changes = batches.flatMap((b) => projectionChanges(b.states, b.envelopes, b.at));
    const last = lastOfEach(changes);
    const group = new GroupStatement(this.officeId);
    group.upsert('events', EVENT_COLUMNS, envelopes.map(envelopeToRow));
    group.upsert(
      'commands',
      COMMAND_COLUMNS,
      batches.filter((b) => b.envelopes.length > 0).map(commandToRow),
    );
    group.upsert('visits', VISIT_COLUMNS, last.visits, ['id']);
    group.upsert('visit_steps', STEP_COLUMNS, last.steps, ['visit_id', 'idx']);
    group.upsert('visit_private', PRIVATE_COLUMNS, last.secrets, ['visit_id']);
    group.upsert('notes', NOTE_COLUMNS, last.notes, 'nothing');
    group.upsert('interpreters', INTERPRETER_COLUMNS, last.interpreters.upserts, ['id']);
    group.remove('interpreters', 'id', last.interpreters.removed);
    group.upsert('desk_sessions', SESSION_COLUMNS, last.sessions.upserts, ['desk_id']);
    group.remove('desk_sessions', 'desk_id', last.sessions.removed);
    const first = envelopes[0]?.seq;
    const expected = first === undefined ? null : first - 1;
    const text = group.text({
      head: envelopes[envelopes.length - 1]?.seq ?? null,
      expectedHead: expected,
      unseen,
      day: last.day ?? null,
      config: last.config?.config ?? null,
      configAt: last.config?.at ?? null,
    });
    // Named, so that each connection parses a shape of group once, not every time: a
    // group's text depends only on which tables it writes (its rows travel as arrays).
    const name = `group-${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
    return { statement: { name, text, values: group.values }, appointments: last.appointments, expected };
  }

  /** Why the group's statement wrote nothing: the head had moved on, or a command was a retry. */
  private async refused(db: Queryable, expected: number | null, unseen: readonly string[]): Promise<never> {
    const [found] = (
      await db.query<{ head: number; repeated: boolean }>(
        `SELECT head, EXISTS (${COMMITTED_AMONG}) AS repeated FROM offices WHERE id = $1`,
        [this.officeId, unseen],
      )
    ).rows;
    if (!found) throw new UnknownOfficeError(this.officeId);
    if ((expected === null || found.head === expected) && found.repeated) throw new RepeatedCommandError();
    throw new StaleOfficeError(this.officeId, expected ?? found.head, found.head);
  }
}

/** The office's commands ($1) committed among the ids $2. */
const COMMITTED_AMONG = `SELECT 1 FROM commands WHERE office_id = $1 AND command_id = ANY ($2::text[])`;

/**
 * Whether a committing statement that failed may have been made: it failed without the server's
 * answer (the connection ended on its way), or the server's answer was a fault of its disk or
 * itself (classes 53, 58, XX: a PANIC while the commit record was written may leave it there
 * after recovery). Any other error the server sent (a deadlock, a shutdown) was a rollback.
 */
const outcomeUnknown = (error: unknown) =>
  isPgStorageFault(error) && (!(error instanceof pg.DatabaseError) || /^(53|58|XX)/.test(error.code ?? ''));

const rethrow = (error: unknown): never => {
  throw error;
};

/** A group's projection changes, folded: the last row of each key, in the order the tables need. */
function lastOfEach(changes: readonly RowChange[]) {
  const visits = new Map<string, object>();
  const steps = new Map<string, object>();
  const secrets = new Map<string, object>();
  const notes = new Map<string, object>();
  const appointments: Extract<RowChange, { op: 'appointment' | 'clearOpenAppointments' }>[] = [];
  const interpreters = new Map<string, object | null>();
  const sessions = new Map<string, object | null>();
  let day: string | undefined;
  let config: { config: string; at: number } | undefined;
  for (const c of changes) {
    if (c.op === 'visit') visits.set(c.row.id, c.row);
    else if (c.op === 'step') steps.set(`${c.row.visit_id}/${c.row.idx}`, c.row);
    else if (c.op === 'private') secrets.set(c.row.visit_id, c.row);
    else if (c.op === 'note') notes.set(c.row.id, c.row);
    else if (c.op === 'appointment' || c.op === 'clearOpenAppointments') appointments.push(c);
    else if (c.op === 'interpreter') interpreters.set(c.row.id, c.row);
    else if (c.op === 'removeInterpreter') interpreters.set(c.id, null);
    else if (c.op === 'session') sessions.set(c.row.desk_id, c.row);
    else if (c.op === 'endSession') sessions.set(c.deskId, null);
    else if (c.op === 'day') day = c.day;
    else config = c;
  }
  const split = (map: Map<string, object | null>) => ({
    upserts: [...map.values()].filter((r): r is object => r !== null),
    removed: [...map].filter(([, r]) => r === null).map(([k]) => k),
  });
  return {
    visits: [...visits.values()],
    steps: [...steps.values()],
    secrets: [...secrets.values()],
    notes: [...notes.values()],
    appointments,
    interpreters: split(interpreters),
    sessions: split(sessions),
    day,
    config,
  };
}

async function readState(
  pool: Queryable,
  office: string,
  config: OfficeConfig,
  day: string,
): Promise<OfficeState> {
  const q = async <R extends pg.QueryResultRow>(text: string, values: unknown[]) =>
    (await pool.query<R>(text, values)).rows;
  const visits = await q<ProjectionRows['visits'][number]>(
    `SELECT * FROM visits WHERE office_id = $1 AND (day = $2 OR status = 'active')`,
    [office, day],
  );
  if (visits.length === 0 && day === '') return initialState(config, day);
  const ids = visits.map((v) => v.id);
  const ofVisits = <R extends pg.QueryResultRow>(table: string, order = '') =>
    q<R>(`SELECT * FROM ${table} WHERE office_id = $1 AND visit_id = ANY ($2) ${order}`, [office, ids]);
  return stateFromRows(config, {
    day,
    visits,
    steps: await ofVisits('visit_steps'),
    notes: await ofVisits('notes', 'ORDER BY at'),
    secrets: await ofVisits('visit_private'),
    appointments: await q(`SELECT * FROM appointments WHERE office_id = $1 AND day = $2`, [office, day]),
    interpreters: await q(`SELECT * FROM interpreters WHERE office_id = $1 AND day = $2`, [office, day]),
    sessions: await q(`SELECT * FROM desk_sessions WHERE office_id = $1`, [office]),
  });
}

/** A database URL fit for a log line or the console: its password left out. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    // The driver takes a password in the query too, and that one wins.
    for (const key of ['password', 'sslpassword'])
      if (parsed.searchParams.has(key)) parsed.searchParams.set(key, '***');
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}
