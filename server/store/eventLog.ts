import { DomainEventSchema, type EventEnvelope } from '../../shared/events.js';
import { visitIdOf } from '../../shared/events.js';
import type { CommitBatch, StoredCommand } from './commandStore.js';
import type { Db } from './db.js';

export interface EventRow {
  seq: number;
  command_id: string;
  at: number;
  type: string;
  visit_id: string | null;
  device_id: string;
  role: string;
  desk_id: string | null;
  officer: string | null;
  payload: string;
}

/** The append-only event log and the record of committed commands (for idempotent retries). */
export class EventLog {
  private readonly insertEvent;
  private readonly insertCommand;
  private readonly selectCommand;
  private readonly selectSince;
  private readonly selectHead;

  constructor(db: Db) {
    this.insertEvent = db.prepare<EventRow>(
      `INSERT INTO events VALUES (@seq, @command_id, @at, @type, @visit_id, @device_id, @role, @desk_id, @officer, @payload)`,
    );
    this.insertCommand = db.prepare<CommandRow>(
      `INSERT INTO commands VALUES (@command_id, @device_id, @name, @at, @first_seq, @last_seq, @result)`,
    );
    this.selectCommand = db.prepare<[string], { device_id: string; last_seq: number; result: string }>(
      `SELECT device_id, last_seq, result FROM commands WHERE command_id = ?`,
    );
    this.selectSince = db.prepare<[number, number, number], EventRow>(
      `SELECT * FROM events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?`,
    );
    this.selectHead = db.prepare<[], number | null>(`SELECT max(seq) FROM events`).pluck();
  }

  head(): number {
    return this.selectHead.get() ?? 0;
  }

  append(envelopes: readonly EventEnvelope[]): void {
    for (const e of envelopes) this.insertEvent.run(envelopeToRow(e));
  }

  recordCommand(row: CommandRow): void {
    this.insertCommand.run(row);
  }

  findCommand(commandId: string): StoredCommand | undefined {
    const row = this.selectCommand.get(commandId);
    return (
      row && { deviceId: row.device_id, lastSeq: row.last_seq, result: JSON.parse(row.result) as unknown }
    );
  }

  /** Events after `seq` up to `head`, oldest first, at most `limit`. */
  since(seq: number, head: number, limit: number): EventEnvelope[] {
    return this.selectSince.all(seq, head, limit).map(rowToEnvelope);
  }
}

/**
 * A stored event that this version's schema does not accept: a bug (the schema narrowed after
 * the event was written), never a reason to cut a screen off. The caller logs it and serves the
 * screen from the state in memory instead.
 */
export class UnreadableEventError extends Error {
  override name = 'UnreadableEventError';
  constructor(
    readonly seq: number,
    readonly type: string,
    /** Field paths that failed, never their values. */
    readonly paths: readonly string[],
  ) {
    super(`stored event ${seq} (${type}) does not match the schema`);
  }
}

/** A command's record, as both stores keep it: a retry of its id gets `result` again. */
export interface CommandRow {
  command_id: string;
  device_id: string;
  name: string;
  at: number;
  first_seq: number;
  last_seq: number;
  result: string;
}

/** The record of a batch that wrote events. */
export function commandToRow(b: CommitBatch): CommandRow {
  return {
    command_id: b.commandId,
    device_id: b.deviceId,
    name: b.name,
    at: b.at,
    first_seq: b.envelopes[0]!.seq,
    last_seq: b.envelopes[b.envelopes.length - 1]!.seq,
    result: JSON.stringify(b.result),
  };
}

export function envelopeToRow(e: EventEnvelope): EventRow {
  return {
    seq: e.seq,
    command_id: e.commandId,
    at: e.at,
    type: e.event.type,
    visit_id: visitIdOf(e.event),
    device_id: e.actor.deviceId,
    role: e.actor.role,
    desk_id: e.actor.deskId,
    officer: e.actor.officer,
    payload: JSON.stringify(e.event),
  };
}

export function rowToEnvelope(r: EventRow): EventEnvelope {
  // Parsed, not trusted: a log written by an older version must still mean what it says.
  const event = DomainEventSchema.safeParse(JSON.parse(r.payload));
  if (!event.success)
    throw new UnreadableEventError(
      r.seq,
      r.type,
      event.error.issues.slice(0, 5).map((i) => i.path.map(String).join('.')),
    );
  return {
    seq: r.seq,
    at: r.at,
    commandId: r.command_id,
    actor: {
      deviceId: r.device_id,
      role: r.role as EventEnvelope['actor']['role'],
      deskId: r.desk_id,
      officer: r.officer,
    },
    event: event.data,
  };
}
