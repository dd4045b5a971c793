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
import type { OfficeStore } from '../store/store.js';

/** Events committed together, with the state after them: what the broadcaster sends on. */
export interface Committed {
  readonly envelopes: readonly EventEnvelope[];
  readonly state: OfficeState;
}

export interface Execution {
  readonly ack: AckResult<unknown>;
  /** To publish once the ack is on its way: commit → ack → broadcast. */
  readonly committed: readonly Committed[];
}

type StorageListener = (healthy: boolean) => void;

/**
 * The office's single writer. It holds the current state, and runs each command to the end
 * before the next: validate (done at the edge) → decide → append and project in one
 * transaction → commit → then the caller acks and broadcasts. Node runs one command at a time
 * and better-sqlite3 is synchronous, so two desks can never call the same visit.
 */
export class OfficeEngine {
  private current: OfficeState;
  private seq: number;
  private storageHealthy = true;
  private readonly storageListeners = new Set<StorageListener>();

  private constructor(
    private readonly store: OfficeStore,
    private readonly clock: Clock,
    private readonly log: Logger,
    state: OfficeState,
  ) {
    this.current = state;
    this.seq = store.head();
  }

  /** Loads the office from its store, seeding a new database with `seed`. */
  static open(store: OfficeStore, deps: { clock: Clock; log: Logger; seed: OfficeConfig }): OfficeEngine {
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
  probeStorage(): void {
    if (this.storageHealthy) return;
    try {
      this.store.probe(this.clock.now());
    } catch {
      return;
    }
    this.setStorageHealthy(true);
  }

  onStorageChange(listener: StorageListener): () => void {
    this.storageListeners.add(listener);
    return () => this.storageListeners.delete(listener);
  }

  /**
   * Runs a validated command. A repeated command id returns the first result and changes
   * nothing; a refusal changes nothing; a failed commit changes nothing and is not acked as done.
   */
  execute(command: Command, commandId: string, actor: Actor): Execution {
    const started = performance.now();
    const stored = this.store.findCommand(commandId);
    if (stored) {
      if (stored.deviceId !== actor.deviceId)
        return this.refuse(domainError('DUPLICATE_COMMAND_ID', 'this command id was used by another device'));
      return { ack: { ok: true, seq: stored.lastSeq, value: stored.result }, committed: [] };
    }

    const committed: Committed[] = [];
    const turned = this.startDayIfDue();
    if (!turned.ok) return this.refuse(turned.error);
    if (turned.value) committed.push(turned.value);

    const now = this.clock.now();
    const ctx: DecideContext = { now, actor, newId: randomUUID, newToken: newStatusToken };
    const decision = decide(this.current, command, ctx);
    if (!decision.ok) return this.refuse(decision.error, committed);

    const { events, result } = decision.value;
    if (events.length === 0) return { ack: { ok: true, seq: this.seq, value: result }, committed };

    const outcome = this.commit(commandId, command.name, actor, events, now, (after) =>
      command.name === 'visit:check_in'
        ? { ...(result as object), ...arrivalInfo(after, (result as { visitId: string }).visitId, now) }
        : result,
    );
    if (!outcome.ok) return this.refuse(outcome.error, committed);
    committed.push(outcome.value.committed);
    this.log.info(
      {
        command: command.name,
        device: actor.deviceId,
        seq: this.seq,
        ms: +(performance.now() - started).toFixed(2),
      },
      'command committed',
    );
    return { ack: { ok: true, seq: this.seq, value: outcome.value.result }, committed };
  }

  /**
   * The office day turns at midnight (office time zone): open visits are closed and ticket
   * numbers start again. Run before every command and by the server's timer.
   */
  startDayIfDue(): { ok: true; value: Committed | undefined } | { ok: false; error: DomainError } {
    const now = this.clock.now();
    // Days turn on a whole minute in every time zone, so one look per minute (and zone) is
    // enough; formatting the day in a zone costs more than the rest of a small command.
    const minute = Math.floor(now / 60_000);
    const zone = this.current.config.timeZone;
    if (this.notDueIn?.minute === minute && this.notDueIn.zone === zone)
      return { ok: true, value: undefined };
    const today = officeDay(now, zone);
    if (today <= this.current.day) {
      this.notDueIn = { minute, zone };
      return { ok: true, value: undefined };
    }
    const events = decideStartDay(this.current, today);
    const outcome = this.commit(
      // Outside the grammar of client command ids, so that no device can take the turn's id.
      `system:day-start:${today}`,
      'office:start_day',
      SYSTEM_ACTOR,
      events,
      now,
      () => ({}),
    );
    if (!outcome.ok) return outcome;
    this.log.info({ day: today, events: events.length }, 'office day started');
    return { ok: true, value: outcome.value.committed };
  }

  private notDueIn: { minute: number; zone: string } | undefined;

  private commit(
    commandId: string,
    name: string,
    actor: Actor,
    events: readonly DomainEvent[],
    at: number,
    resultOf: (after: OfficeState) => unknown,
  ): { ok: true; value: { committed: Committed; result: unknown } } | { ok: false; error: DomainError } {
    const envelopes = events.map((event, i) => ({ seq: this.seq + 1 + i, at, commandId, actor, event }));
    const states = envelopes.reduce((all, e) => [...all, apply(all[all.length - 1]!, e)], [this.current]);
    const after = states[states.length - 1]!;
    const result = resultOf(after);
    try {
      this.store.commit({ commandId, deviceId: actor.deviceId, name, at, envelopes, result, states });
    } catch (error) {
      if (!isStorageFault(error)) {
        this.log.error({ command: name, ...loggableError(error) }, 'commit refused');
        return {
          ok: false,
          error: domainError('INTERNAL', 'the command could not be stored; nothing was changed'),
        };
      }
      this.setStorageHealthy(false, error);
      return {
        ok: false,
        error: domainError(
          'STORAGE_UNAVAILABLE',
          'the office database cannot be written; nothing was changed',
        ),
      };
    }
    this.setStorageHealthy(true);
    this.current = after;
    this.seq += envelopes.length;
    return { ok: true, value: { committed: { envelopes, state: after }, result } };
  }

  private setStorageHealthy(healthy: boolean, error?: unknown): void {
    if (!healthy)
      this.log.error({ code: (error as { code?: string }).code ?? 'unknown' }, 'database write failed');
    if (healthy === this.storageHealthy) return;
    this.storageHealthy = healthy;
    if (healthy) this.log.warn('the database accepts writes again');
    for (const listener of this.storageListeners) listener(healthy);
  }

  private refuse(error: DomainError, committed: readonly Committed[] = []): Execution {
    return { ack: { ok: false, error }, committed };
  }
}
