import type { EventEnvelope } from '../../shared/events.js';
import type { OfficeConfig } from '../../shared/office.js';
import type { OfficeState } from '../../shared/state.js';

/** A command's writes: its events, its record for idempotent retries, and the projection's rows. */
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

/** A command already committed: a retry of its id gets this answer again. */
export interface StoredCommand {
  readonly deviceId: string;
  readonly lastSeq: number;
  readonly result: unknown;
}

/**
 * How a group's write ended when the database was not at fault (a fault rejects): stored whole;
 * not at all because one batch could not be (a broken constraint, a bug); not at all because
 * another writer had gone on (`stale`: the engine catches up and decides the group again); or
 * not at all because one of the ids it was to check had been committed before (`repeated`: the
 * engine looks those up and decides the group again, answering them with their first results).
 */
/** A group decided in memory: its writes, in order, and what it was decided on. */
export interface GroupToWrite {
  readonly batches: readonly CommitBatch[];
  /** The log's head the group was decided on. */
  readonly head: number;
  /** The group's command ids the engine has not looked up (for a store that `checksRepeats`). */
  readonly unseen?: readonly string[];
}

export type GroupWrite =
  | { ok: true }
  | { ok: false; failed: number; error: unknown }
  | { ok: false; stale: true }
  | { ok: false; repeated: true };

/**
 * What the engine needs of a store: the command path's side of the store seam
 * (docs/ARCHITECTURE.md §4). The engine decides a group in memory and hands its batches over in
 * order; the store writes them in one transaction, all or nothing, and `sync` then makes every
 * group written before it durable. A store whose commit is durable by itself resolves `sync` at
 * once. Writes and syncs may overlap: the next group is written while the last one syncs.
 */
export interface CommandStore {
  head(): number;
  /** The office config, or undefined for a database that was never seeded. */
  config(): OfficeConfig | undefined;
  seed(config: OfficeConfig, day: string, at: number): OfficeState;
  loadState(config: OfficeConfig): OfficeState;
  /** The commands among `ids` that were committed before. */
  findCommands(ids: readonly string[]): Promise<ReadonlyMap<string, StoredCommand>>;
  /**
   * Whether `writeGroup` checks the ids it is given as part of its write, so that the engine
   * need not look them up first: a round trip less for a store across the network, where a
   * repeated id is rare (a screen's retry after a lost ack).
   */
  readonly checksRepeats?: boolean;
  /**
   * One group's batches, in order, in one transaction; one group at a time. A store that
   * `checksRepeats` writes nothing and answers `repeated` when one of `unseen` (the group's
   * command ids the engine has not looked up) was committed before, even with no batches. A
   * store that another writer may move on (`catchUp`) answers `stale` when its log is no longer
   * at `head`, the head the group was decided on, even with no batches: a refusal decided on a
   * state another node has since moved on ("this visit was not called") must not be answered.
   */
  writeGroup(group: GroupToWrite): Promise<GroupWrite>;
  /** Makes every group written so far durable. */
  sync(): Promise<void>;
  /** A small write of its own, to learn whether the database can be written (again). */
  probe(at: number): Promise<void>;
  /**
   * For a store that another writer may have moved on (a commit whose answer was lost with the
   * connection, another node): the events after `head` and `state` with them applied, or
   * undefined when the log still ends there. The engine asks after a storage fault or a stale
   * head, before it decides again, and when another node says it went on (`follow`).
   */
  catchUp?(head: number, state: OfficeState): Promise<CaughtUp | undefined>;
}

export interface CaughtUp {
  readonly state: OfficeState;
  readonly head: number;
  readonly envelopes: readonly EventEnvelope[];
}
