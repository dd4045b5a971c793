import { randomUUID } from 'node:crypto';
import { apply } from '../../shared/apply.js';
import type { Command } from '../../shared/commands.js';
import { officeDay } from '../../shared/day.js';
import { decide, decideStartDay, type DecideContext } from '../../shared/decide/index.js';
import { domainError, type DomainError } from '../../shared/errors.js';
import { SYSTEM_ACTOR, type Actor, type DomainEvent, type EventEnvelope } from '../../shared/events.js';
import type { OfficeConfig } from '../../shared/office.js';
import type { AckResult } from '../../shared/protocol.js';
import type { OfficeState } from '../../shared/state.js';
import { arrivalInfo } from '../../shared/views.js';
import type { Clock } from '../clock.js';
import { newStatusToken } from '../devices/credentials.js';
import { loggableError, type Logger } from '../log.js';
import { isStorageFault } from '../store/faults.js';
import type { CommandStore, CommitBatch, StoredCommand } from '../store/commandStore.js';

/** Events committed together, with the state after them: what the broadcaster sends on. */
export interface Committed {
  readonly envelopes: readonly EventEnvelope[];
  readonly state: OfficeState;
}

type StorageListener = (healthy: boolean) => void;
/** `here`: committed by this engine; `elsewhere`: read from the log, written by another node. */
export type CommitOrigin = 'here' | 'elsewhere';
type CommitListener = (committed: readonly Committed[], origin: CommitOrigin) => void;
export type DayTurn = { ok: true } | { ok: false; error: DomainError };

/** A command waiting for its turn, and where its answer goes. */
interface Submission {
  readonly command: Command;
  readonly commandId: string;
  readonly actor: Actor;
  readonly reply: (ack: AckResult<unknown>) => void;
  /** Set when its write failed once (a bug, not the disk): it is answered with this, undecided. */
  readonly refusal?: DomainError;
}

/** A group committed (or refused) and waiting for the sync that makes it durable. */
interface Settled {
  readonly group: readonly Submission[];
  readonly waiters: readonly ((turn: DayTurn) => void)[];
  readonly acks: AckResult<unknown>[];
  readonly wrote: boolean[];
  readonly committed: Committed[];
  readonly started: number;
  /** The state and head after the group, once committed. */
  after?: { state: OfficeState; seq: number };
  /** Why the whole group was refused, if it was. */
  refusal?: DomainError;
}

/** A command's write, and what it commits once written. */
interface ToWrite {
  readonly batch: CommitBatch;
  readonly committed: Committed;
}

type Decided = { ack: AckResult<unknown>; written?: ToWrite };

/** Marks the day's turn among a plan's writes. */
const DAY_TURN = -1;

/** A group decided in memory: its writes (and whose each is), answers, and the state after. */
interface Plan {
  readonly batches: CommitBatch[];
  /** For each batch, the index of its command in the group, or DAY_TURN. */
  readonly owners: number[];
  readonly acks: AckResult<unknown>[];
  readonly wrote: boolean[];
  readonly committed: Committed[];
  state: OfficeState;
  seq: number;
}

/** A refusal of the whole group (its day's turn could not be stored): nothing of it is kept. */
class GroupAborted extends Error {
  constructor(readonly error: DomainError) {
    super(error.code);
  }
}

const STORAGE_UNAVAILABLE = () =>
  domainError('STORAGE_UNAVAILABLE', 'the office database cannot be written; nothing was changed');

/**
 * The office's single writer. It holds the current state and runs commands one after another:
 * validate (done at the edge) → decide → append and project → commit → ack → broadcast.
 *
 * Group commit: the commands that arrived in one turn of the event loop are decided in memory
 * one after another against the state their predecessors left, and handed to the store, which
 * writes them in one transaction (commandStore.ts). A command whose decision throws is refused
 * alone; a command whose write fails (a bug) is refused, and the others decided and written
 * again; a fault of the database refuses the whole group, and nothing of it is kept. The sync
 * (SQLite's WAL, off the event loop) lets commands keep arriving, and be decided and written,
 * while it runs; one sync covers every group written before it began. Acks go out
 * in order, strictly after the sync that makes their command durable, and only then the group
 * is broadcast; queries and screens see only what is durable. Two desks still never call the
 * same visit: the second is decided against the state the first one left.
 */
export class OfficeEngine {
  private storageHealthy = true;
  private readonly storageListeners = new Set<StorageListener>();
  private readonly commitListeners = new Set<CommitListener>();
  /** What queries and screens see: every change in it is durable. */
  private current: OfficeState;
  private seq: number;
  /** What the next group is decided against: committed, perhaps not yet durable. */
  private running: OfficeState;
  private runningSeq: number;
  private unsynced: Settled[] = [];
  private syncing = false;
  private queue: Submission[] = [];
  private dayWaiters: ((turn: DayTurn) => void)[] = [];
  private scheduled = false;
  /** A group is being written: the store takes one at a time. */
  private writing = false;
  /** A storage fault may have left the log ahead of the state here (commandStore.ts `catchUp`). */
  private mayBeBehind = false;
  /** Another node said the log went on: catch up even if no command is waiting. */
  private followWanted = false;
  private notDueIn: { minute: number; zone: string } | undefined;

  private constructor(
    private readonly store: CommandStore,
    private readonly clock: Clock,
    private readonly log: Logger,
    state: OfficeState,
  ) {
    this.current = this.running = state;
    this.seq = this.runningSeq = store.head();
  }

  /** Loads the office from its store, seeding a new database with `seed`. */
  static open(store: CommandStore, deps: { clock: Clock; log: Logger; seed: OfficeConfig }): OfficeEngine {
    const config = store.config();
    const state = config
      ? store.loadState(config)
      : store.seed(deps.seed, officeDay(deps.clock.now(), deps.seed.timeZone), deps.clock.now());
    return new OfficeEngine(store, deps.clock, deps.log, state);
  }

  get state(): OfficeState {
    return this.current;
  }

  get head(): number {
    return this.seq;
  }

  /**
   * What the next command is decided against: committed, perhaps not yet durable. Checks at the
   * edge that must agree with the decision (a PIN the office now requires, the languages a
   * booking list may use) look here, not at `state`.
   */
  get deciding(): OfficeState {
    return this.running;
  }

  get healthy(): boolean {
    return this.storageHealthy;
  }

  /**
   * A write outside the command path (an audit record, a device's last-seen time) failed: the
   * database is in trouble, and the desks should hear of it as for a failed commit.
   */
  storageFailed(error: unknown): void {
    this.setStorageHealthy(false, error);
  }

  /**
   * While the database cannot be written, a small write now and then shows when it can again
   * (space freed, the file writable), so that the desks hear it without anyone having to try a
   * command first, and /health turns back to ok. Cheap and silent while all is well.
   */
  async probeStorage(): Promise<void> {
    if (this.storageHealthy) return;
    try {
      await this.store.probe(this.clock.now());
    } catch {
      return;
    }
    this.setStorageHealthy(true);
  }

  onStorageChange(listener: StorageListener): () => void {
    this.storageListeners.add(listener);
    return () => this.storageListeners.delete(listener);
  }

  /** Called once per committed group, after its acks: the broadcaster listens here. */
  onCommit(listener: CommitListener): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  /**
   * Queues a validated command; `reply` gets its ack once the group holding it is committed (or
   * refused). A repeated command id gets the first result and changes nothing.
   */
  submit(command: Command, commandId: string, actor: Actor, reply: (ack: AckResult<unknown>) => void): void {
    this.queue.push({ command, commandId, actor, reply });
    this.schedule();
  }

  /** `submit`, as a promise of the ack. */
  execute(command: Command, commandId: string, actor: Actor): Promise<AckResult<unknown>> {
    return new Promise((resolve) => this.submit(command, commandId, actor, resolve));
  }

  /**
   * The office day turns at midnight (office time zone): open visits are closed and ticket
   * numbers start again. Looked at before every group and by the server's timer; resolves
   * whether the day is now current.
   */
  startDayIfDue(): Promise<DayTurn> {
    if (!this.dayDue()) return Promise.resolve({ ok: true });
    return new Promise((resolve) => {
      this.dayWaiters.push(resolve);
      this.schedule();
    });
  }

  /**
   * After the current turn of the event loop, so that whatever else arrived in it joins the
   * group. A sync in flight does not hold the next group back: it is decided and written while
   * the disk works (the CPU and the disk overlap), and made durable by the sync after. A write in
   * flight does: the store writes one group at a time, in order.
   */
  private schedule(): void {
    if (this.scheduled || this.writing) return;
    this.scheduled = true;
    setImmediate(() => this.drain());
  }

  private dayDue(): boolean {
    const now = this.clock.now();
    // Days turn on a whole minute in every time zone, so one look per minute (and zone) is
    // enough; formatting the day in a zone costs more than the rest of a small command.
    const minute = Math.floor(now / 60_000);
    const zone = this.running.config.timeZone;
    if (this.notDueIn?.minute === minute && this.notDueIn.zone === zone) return false;
    if (officeDay(now, zone) > this.running.day) return true;
    this.notDueIn = { minute, zone };
    return false;
  }

  /**
   * Another node committed up to `head` (or may have, when undefined): the log is read from this
   * engine's head on, applied, and broadcast here as if committed here, in order, before the
   * next group is decided. Reads nothing when the engine is already there.
   */
  follow(head?: number): void {
    if (head !== undefined && head <= this.runningSeq) return;
    this.mayBeBehind = true;
    this.followWanted = true;
    this.schedule();
  }

  private catchUpAlone(): void {
    this.followWanted = false;
    if (!this.mayBeBehind) return;
    this.writing = true;
    this.catchUp()
      .catch((error: unknown) => {
        // Read again before the next decision; a database that is down is heard of there.
        this.mayBeBehind = true;
        this.log.debug({ code: (error as { code?: string }).code ?? 'unknown' }, 'could not follow the log');
      })
      .finally(() => {
        this.writing = false;
        if (this.queue.length > 0 || this.dayWaiters.length > 0 || this.followWanted) this.schedule();
      });
  }

  /** Takes everything queued as one group; the next waits until this one is written. */
  private drain(): void {
    this.scheduled = false;
    const group = this.queue;
    const waiters = this.dayWaiters;
    this.queue = [];
    this.dayWaiters = [];
    if (group.length === 0 && waiters.length === 0) {
      if (this.followWanted) this.catchUpAlone();
      return;
    }
    this.writing = true;
    void this.writeGroup(group, waiters).finally(() => {
      this.writing = false;
      if (this.queue.length > 0 || this.dayWaiters.length > 0 || this.followWanted) this.schedule();
    });
  }

  /**
   * Decides a group against the state the groups before it left (written, perhaps not yet
   * durable), one command after another, and hands its writes to the store as one transaction;
   * the answers wait for the next sync.
   */
  private async writeGroup(group: readonly Submission[], waiters: readonly ((turn: DayTurn) => void)[]) {
    const settled: Settled = {
      group,
      waiters,
      acks: [],
      wrote: [],
      committed: [],
      started: performance.now(),
    };
    try {
      if (this.mayBeBehind) await this.catchUp();
      const ids = [...new Set(group.map((s) => s.commandId))];
      let known: ReadonlyMap<string, StoredCommand> = this.store.checksRepeats
        ? new Map()
        : await this.store.findCommands(ids);
      let plan = this.plan(group, known);
      const decidedOn = this.runningSeq;
      let written = await this.store.writeGroup({
        batches: plan.batches,
        head: decidedOn,
        unseen: unlooked(ids, known),
      });
      if (!written.ok && 'repeated' in written) {
        // A retry among them: decided again with the first answers of those already committed.
        known = await this.store.findCommands(ids);
        plan = this.plan(group, known);
        written = await this.store.writeGroup({
          batches: plan.batches,
          head: decidedOn,
          unseen: unlooked(ids, known),
        });
        // The look-up and the write disagree: a bug, not a state to decide the group again on.
        if (!written.ok && 'repeated' in written)
          throw new Error('a command the store had not found was found committed when written');
      }
      if (!written.ok && 'stale' in written) {
        // Another writer went on: nothing of this group was written, and nobody is refused. It
        // is decided again on the latest state, before what arrived meanwhile.
        this.mayBeBehind = true;
        this.queue = [...group, ...this.queue];
        this.dayWaiters = [...waiters, ...this.dayWaiters];
        return;
      }
      if (!written.ok) {
        // Not the disk (that throws): a broken constraint, a bug. The transaction was rolled
        // back whole, so that command is answered with a refusal and the rest decided again.
        const owner = plan.owners[written.failed]!;
        const name = owner === DAY_TURN ? 'office:start_day' : group[owner]!.command.name;
        this.log.error({ command: name, ...loggableError(written.error) }, 'command could not be stored');
        const error = domainError('INTERNAL', 'the command could not be stored; nothing was changed');
        if (owner === DAY_TURN) throw new GroupAborted(error);
        this.queue = [...group.map((s, i) => (i === owner ? { ...s, refusal: error } : s)), ...this.queue];
        this.dayWaiters = [...waiters, ...this.dayWaiters];
        return;
      }
      if (plan.owners[0] === DAY_TURN)
        this.log.info(
          { day: plan.state.day, events: plan.batches[0]!.envelopes.length },
          'office day started',
        );
      settled.acks.push(...plan.acks);
      settled.wrote.push(...plan.wrote);
      settled.committed.push(...plan.committed);
      this.running = plan.state;
      this.runningSeq = plan.seq;
      settled.after = { state: plan.state, seq: plan.seq };
    } catch (error) {
      // Nothing of the group was stored: every command in it is refused, the state stays.
      settled.refusal = error instanceof GroupAborted ? error.error : this.commitFailure(error);
    }
    if (settled.after) this.guard('storage listener', () => this.setStorageHealthy(true));
    this.unsynced.push(settled);
    this.syncAndAnswer();
  }

  /** The group decided in memory, in order: each command's answer and what is to be written. */
  private plan(group: readonly Submission[], known: ReadonlyMap<string, StoredCommand>): Plan {
    const plan: Plan = {
      batches: [],
      owners: [],
      acks: [],
      wrote: [],
      committed: [],
      state: this.running,
      seq: this.runningSeq,
    };
    const decided = new Map(known);
    const turn = this.turnDay(plan.state, plan.seq);
    if (turn) {
      plan.batches.push(turn.batch);
      plan.owners.push(DAY_TURN);
      plan.committed.push(turn.committed);
      plan.state = turn.committed.state;
      plan.seq = turn.committed.envelopes[turn.committed.envelopes.length - 1]?.seq ?? plan.seq;
    }
    group.forEach((submission, i) => {
      const outcome = submission.refusal
        ? { ack: refused(submission.refusal) }
        : this.decideAlone(submission, plan.state, plan.seq, decided);
      plan.acks.push(outcome.ack);
      plan.wrote.push(outcome.written !== undefined);
      if (!outcome.written) return;
      plan.batches.push(outcome.written.batch);
      plan.owners.push(i);
      plan.committed.push(outcome.written.committed);
      plan.state = outcome.written.committed.state;
      if (outcome.ack.ok) plan.seq = outcome.ack.seq;
    });
    return plan;
  }

  /**
   * One sync of the WAL at a time; when it returns, every group committed before it began is
   * durable: answered in order, then broadcast. Groups committed meanwhile wait for the next.
   */
  private syncAndAnswer(): void {
    if (this.syncing || this.unsynced.length === 0) return;
    this.syncing = true;
    const groups = this.unsynced;
    this.unsynced = [];
    const durable = groups.some((g) => g.committed.length > 0) ? this.store.sync() : Promise.resolve();
    durable.then(
      () => {
        this.syncing = false;
        // One broadcast for everything this sync made durable: fewer, larger messages.
        const committed = groups.flatMap((g) => this.answer(g));
        if (committed.length > 0)
          for (const listener of this.commitListeners)
            this.guard('broadcast', () => listener(committed, 'here'));
        // The groups committed while this sync ran.
        this.syncAndAnswer();
      },
      (error: unknown) => {
        // The disk refused to make committed writes durable: what is on it is unknown, and only
        // a restart reads it back for sure. Every command here is unanswered, so retried.
        this.log.fatal({ code: (error as { code?: string }).code ?? 'unknown' }, 'WAL sync failed');
        setImmediate(() => {
          throw error;
        });
      },
    );
  }

  /** Answers a group's commands in order; returns what it committed, for the broadcast. */
  private answer(g: Settled): readonly Committed[] {
    if (g.refusal) {
      for (const submission of g.group)
        this.guard('ack', () => submission.reply({ ok: false, error: g.refusal! }));
      for (const resolve of g.waiters) resolve({ ok: false, error: g.refusal });
      return [];
    }
    if (g.after) {
      this.current = g.after.state;
      this.seq = g.after.seq;
    }
    g.group.forEach((submission, i) => {
      const ack = g.acks[i]!;
      const { name } = submission.command;
      const device = submission.actor.deviceId;
      // Refusals are logged where the request is answered (handlers.ts), with those of the edge.
      if (ack.ok && g.wrote[i]) this.log.info({ command: name, device, seq: ack.seq }, 'command committed');
      this.guard('ack', () => submission.reply(ack));
    });
    for (const resolve of g.waiters) resolve({ ok: true });
    if (g.committed.length > 0)
      this.log.debug(
        { commands: g.group.length, seq: this.seq, ms: +(performance.now() - g.started).toFixed(2) },
        'group committed',
      );
    return g.committed;
  }

  /**
   * A fault in one command's decision (a bug) refuses that command alone; nothing of it is to be
   * written, and the group goes on.
   */
  private decideAlone(...args: Parameters<OfficeEngine['decideOne']>): Decided {
    try {
      return this.decideOne(...args);
    } catch (error) {
      this.log.error({ command: args[0].command.name, ...loggableError(error) }, 'command failed');
      return { ack: refused(domainError('INTERNAL', 'the command failed; nothing was changed')) };
    }
  }

  /**
   * Acks and broadcasts run after the sync, outside any request's own guard: a fault in one
   * (a screen's socket, a view) is logged and costs that one, never the process or the others.
   */
  private guard(what: string, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.log.error({ what, ...loggableError(error) }, 'unexpected fault after a commit');
    }
  }

  /** One command of a group: its ack and, when it changed anything, what is to be written. */
  private decideOne(
    { command, commandId, actor: device }: Submission,
    state: OfficeState,
    seq: number,
    decided: Map<string, StoredCommand>,
  ): Decided {
    const stored = decided.get(commandId);
    if (stored) {
      if (stored.deviceId !== device.deviceId)
        return {
          ack: refused(domainError('DUPLICATE_COMMAND_ID', 'this command id was used by another device')),
        };
      return { ack: { ok: true, seq: stored.lastSeq, value: stored.result } };
    }
    // The officer signed in at the desk when the command is decided, not when it arrived.
    const actor: Actor =
      device.deskId === null ? device : { ...device, officer: state.desks[device.deskId]?.officer ?? null };
    const now = this.clock.now();
    const ctx: DecideContext = { now, actor, newId: randomUUID, newToken: newStatusToken };
    const decision = decide(state, command, ctx);
    if (!decision.ok) return { ack: refused(decision.error) };
    const { events, result } = decision.value;
    if (events.length === 0) return { ack: { ok: true, seq, value: result } };
    const written = this.toWrite(commandId, command.name, actor, events, now, state, seq, (after) =>
      command.name === 'visit:check_in'
        ? { ...(result as object), ...arrivalInfo(after, (result as { visitId: string }).visitId, now) }
        : result,
    );
    const last = written.committed.envelopes[written.committed.envelopes.length - 1]!.seq;
    decided.set(commandId, { deviceId: actor.deviceId, lastSeq: last, result: written.batch.result });
    return { ack: { ok: true, seq: last, value: written.batch.result }, written };
  }

  /** The day's turn, when due, as the group's first write. */
  private turnDay(state: OfficeState, seq: number): ToWrite | undefined {
    if (!this.dayDue()) return undefined;
    const now = this.clock.now();
    const today = officeDay(now, state.config.timeZone);
    const events = decideStartDay(state, today);
    // Outside the grammar of client command ids, so that no device can take the turn's id.
    return this.toWrite(
      `system:day-start:${today}`,
      'office:start_day',
      SYSTEM_ACTOR,
      events,
      now,
      state,
      seq,
      () => ({}),
    );
  }

  /** A command's events, numbered and applied: its batch for the store, and the state after. */
  private toWrite(
    commandId: string,
    name: string,
    actor: Actor,
    events: readonly DomainEvent[],
    at: number,
    before: OfficeState,
    seq: number,
    resultOf: (after: OfficeState) => unknown,
  ): ToWrite {
    const envelopes = events.map((event, i) => ({ seq: seq + 1 + i, at, commandId, actor, event }));
    const states = envelopes.reduce((all, e) => [...all, apply(all[all.length - 1]!, e)], [before]);
    const after = states[states.length - 1]!;
    const result = resultOf(after);
    return {
      batch: { commandId, deviceId: actor.deviceId, name, at, envelopes, result, states },
      committed: { envelopes, state: after },
    };
  }

  /**
   * After a storage fault, before deciding again: a commit whose answer was lost may have been
   * made after all, or another writer may have gone on. What the log holds beyond this engine's
   * head becomes its state, and the screens hear of it as of any commit.
   */
  private async catchUp(): Promise<void> {
    if (!this.store.catchUp) return void (this.mayBeBehind = false);
    // Cleared before the read: news of a commit that comes while it runs asks for another.
    this.mayBeBehind = false;
    let caught;
    try {
      caught = await this.store.catchUp(this.runningSeq, this.running);
    } catch (error) {
      this.mayBeBehind = true;
      throw error;
    }
    if (!caught) return;
    this.log.debug({ from: this.runningSeq, to: caught.head }, 'the office log had gone on: caught up');
    this.running = this.current = caught.state;
    this.runningSeq = this.seq = caught.head;
    const committed: Committed[] = [{ envelopes: caught.envelopes, state: caught.state }];
    for (const listener of this.commitListeners)
      this.guard('broadcast', () => listener(committed, 'elsewhere'));
  }

  private commitFailure(error: unknown): DomainError {
    if (isStorageFault(error)) {
      this.mayBeBehind = true;
      this.setStorageHealthy(false, error);
      return STORAGE_UNAVAILABLE();
    }
    this.log.error(loggableError(error), 'group commit failed');
    return domainError('INTERNAL', 'the command could not be stored; nothing was changed');
  }

  private setStorageHealthy(healthy: boolean, error?: unknown): void {
    if (!healthy)
      this.log.error({ code: (error as { code?: string }).code ?? 'unknown' }, 'database write failed');
    if (healthy === this.storageHealthy) return;
    this.storageHealthy = healthy;
    if (healthy) this.log.warn('the database accepts writes again');
    for (const listener of this.storageListeners) listener(healthy);
  }
}

const refused = (error: DomainError): AckResult<never> => ({ ok: false, error });

/** The ids a store that `checksRepeats` is to check in its write: those not looked up already. */
const unlooked = (ids: readonly string[], known: ReadonlyMap<string, StoredCommand>) =>
  ids.filter((id) => !known.has(id));
