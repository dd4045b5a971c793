import type { EventEnvelope, Role } from '../../shared/events.js';
import type { OfficeConfig } from '../../shared/office.js';
import type { AuditEntry as AuditLine, ErasureRecord, QueryPayload } from '../../shared/protocol.js';
import type { PinVerdict } from '../devices/pinGuard.js';
import type { Logger } from '../log.js';
import type { Erasure } from '../office/retention.js';
import type { RollupStore } from '../stats/rollupStore.js';
import type { AuditEntry } from './audit.js';
import type { CommandStore } from './commandStore.js';
import type { DeviceRecord } from './devices.js';

/**
 * What SQLite answers at once and PostgreSQL over the network: callers always `await` it, so
 * that one caller serves both stores, and SQLite's answers cost no extra turn of the loop where
 * the caller does not need one.
 */
export type Awaitable<T> = T | Promise<T>;

/**
 * A change the admin makes is recorded in the audit in the same transaction, or not at all
 * (admin.ts); `audit` is that record, written only when the change happened.
 */
export interface DeviceStore {
  create(
    input: { name: string; role: Role; deskId: string | null },
    now: number,
    audit?: AuditEntry,
  ): Awaitable<{ device: DeviceRecord; code: string }>;
  renewCode(id: string, now: number, audit?: AuditEntry): Awaitable<string | undefined>;
  pair(code: string, now: number): Awaitable<{ device: DeviceRecord; token: string } | undefined>;
  authenticate(token: string): Awaitable<DeviceRecord | undefined>;
  /**
   * Asked at every request, so answered from memory: whether a connection made with this token
   * may still act for the device (not once it is revoked or paired anew, from anywhere).
   */
  holdsToken(id: string, tokenHash: string): boolean;
  /**
   * Whether some device of the office may hold this token, from memory: a node serving many
   * offices asks each this before it asks the database whose the token is.
   */
  mayHold?(tokenHash: string): boolean;
  touch(id: string, now: number): Awaitable<void>;
  get(id: string): Awaitable<DeviceRecord | undefined>;
  list(): Awaitable<DeviceRecord[]>;
  rename(id: string, name: string, audit?: AuditEntry): Awaitable<boolean>;
  revoke(id: string, now: number, audit?: AuditEntry): Awaitable<boolean>;
}

export interface OfficerStore {
  setPin(name: string, pin: string, now: number, audit?: AuditEntry): Awaitable<void>;
  /** Lifts a PIN lock; called once a new PIN is committed. */
  unlock(name: string): void;
  check(name: string, pin: string | undefined, deviceId?: string): Awaitable<PinVerdict>;
  list(): Awaitable<string[]>;
}

export interface AuditLog {
  record(entry: AuditEntry): Awaitable<void>;
  /** Who read or changed what, newest first (admin.ts's `audit:list`). */
  list(filter: QueryPayload<'audit:list'>, now: number): Awaitable<AuditLine[]>;
  /** What retention erased, newest first. */
  erasures(): Awaitable<ErasureRecord[]>;
}

/** Where the statistics worker reads an office's rows: its own connection to the same store. */
export type StatsSource =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly officeId: string };

/**
 * The whole store of one office, as the server uses it: the command path (commandStore.ts) and
 * everything else it reads and writes. SQLite (store.ts) and PostgreSQL (postgres/officeStore.ts)
 * implement it; docs/ARCHITECTURE.md §4 describes the seam.
 */
export interface OfficeData extends CommandStore {
  /** Where the office's data lives, for the server's start-up lines and logs (no password). */
  readonly location: string;
  /** The version of the schema the store is at (migrations). */
  readonly schemaVersion: number;
  readonly devices: DeviceStore;
  readonly officers: OfficerStore;
  readonly audit: AuditLog;
  readonly rollups: RollupStore;
  readonly statsSource: StatsSource;
  /**
   * Events after `seq`, oldest first, at most `limit`, and none after `head`: the engine's
   * durable head, for the log may hold a group that is committed but not yet acked.
   */
  eventsSince(seq: number, limit: number, head?: number): Awaitable<EventEnvelope[]>;
  /** Erases the personal data whose retention has passed (office/retention.ts). */
  eraseExpired(config: OfficeConfig, now: number): Awaitable<Erasure[]>;
  /**
   * After an erasure: clears older copies of the erased data that the store keeps beside its
   * tables (SQLite's WAL, PostgreSQL's old row versions). Not done while something still holds
   * them (`heldBy`, for the log); the caller tries again later.
   */
  scrubAfterErasure(): Awaitable<Scrub>;
  /** Starts the store's own background upkeep (SQLite's checkpoints); the server calls it once. */
  startBackground(log: Logger): void;
  /** Waits for the background upkeep to end, before `close`. */
  stopBackground(): Promise<void>;
  close(): Awaitable<void>;
}

/**
 * Goes on with a store's answer: in the same turn when SQLite gave it at once (an order that
 * the caller relies on stays as it was), once it resolves when PostgreSQL gave a promise.
 */
export function withAnswer<T>(value: Awaitable<T>, next: (v: T) => void, failed: (e: unknown) => void): void {
  if (!(value instanceof Promise)) return next(value);
  // A throw of `next` is the caller's fault to hear of, as it is when SQLite answers at once.
  value.then(next).catch(failed);
}

/** Whether erased data has left the store's files; if not yet, what holds it there (no personal data). */
export type Scrub = { readonly done: true } | { readonly done: false; readonly heldBy: readonly string[] };
