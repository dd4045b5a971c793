import type { Db } from '../../../server/store/db.js';
import { EventLog } from '../../../server/store/eventLog.js';
import {
  appointmentToRow,
  interpreterToRow,
  noteToRow,
  privateToRow,
  stepToRow,
  visitToRow,
} from '../../../server/store/visitRows.js';
import { visitIdOf, type DomainEvent, type EventEnvelope } from '../../../shared/events.js';
import { AGENCIES } from '../../../shared/office.js';
import type { DayBatch, Devices, FinalVisit } from './simulate.js';

/** Where the history's personal data stands, as the daily retention job would have left it. */
export interface Erasure {
  /** Personal data of visits before this day is erased (names, birth dates, references, notes). */
  readonly personalBefore: string;
  /** Status-page tokens of visits before this day are erased. */
  readonly tokensBefore: string;
  /** Command records are kept only from this day on (for idempotent retries). */
  readonly commandsFrom: string;
}

/** The event as the retention job's json_set and json_remove would have left it. */
function erasedEvent(event: DomainEvent, day: string, erase: Erasure): DomainEvent {
  const personal = day < erase.personalBefore;
  const token = day < erase.tokensBefore;
  switch (event.type) {
    case 'checked_in':
      if (!event.private || (!personal && !token)) return event;
      return {
        ...event,
        private: {
          ...event.private,
          ...(personal && event.private.bookingRef !== null && { bookingRef: null }),
          ...(token && { statusToken: '' }),
        },
      };
    case 'household_set':
      return personal && event.members && event.members.length > 0 ? { ...event, members: [] } : event;
    case 'note_added':
      return personal && event.note && event.note.text !== ''
        ? { ...event, note: { ...event.note, text: '' } }
        : event;
    case 'appointments_imported': {
      if (!(event.day < erase.personalBefore) || !event.appointments) return event;
      const { appointments: _gone, ...rest } = event;
      return rest;
    }
    default:
      return event;
  }
}

/**
 * Writes a simulated day as the engine would have, over its months: the event log's rows as
 * EventLog.append writes them (its commands through EventLog itself), the projection's final rows through the store's own row mappers, the
 * audit trail of visits opened, and the erasures of the daily retention job. One transaction
 * per day; the statements mirror server/store/projection.ts.
 */
export class HistoryWriter {
  private readonly log: EventLog;
  private seq: number;
  private readonly st;
  events = 0;
  visits = 0;

  constructor(
    private readonly db: Db,
    private readonly erase: Erasure,
  ) {
    this.log = new EventLog(db);
    this.seq = this.log.head();
    this.st = {
      // EventLog.append's row, bound by position: the same columns and the same JSON, faster.
      event: db.prepare(`INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      visit: db.prepare(
        `INSERT OR REPLACE INTO visits VALUES (@id, @day, @ticket, @kind, @language, @interpreter_language, @adults,
           @children, @consent, @appointment_at, @created_at, @status, @ended_at, @cancel_reason, @current_step,
           @interpreter_id, @interpreter_used)`,
      ),
      step: db.prepare(
        `INSERT OR REPLACE INTO visit_steps VALUES (@visit_id, @idx, @station_id, @status, @queued_at, @came_from,
           @target_desk_id, @desk_id, @called_at, @last_called_at, @started_at, @ended_at, @recalls, @outcome,
           @skip_reason, @checklist, @rule_override, @day)`,
      ),
      secret: db.prepare(
        `INSERT OR REPLACE INTO visit_private VALUES (@visit_id, @booking_ref, @members, @status_token)`,
      ),
      note: db.prepare(
        `INSERT OR IGNORE INTO notes VALUES (@id, @visit_id, @at, @visibility, @agency, @station_id, @desk_id, @officer, @text)`,
      ),
      appointment: db.prepare(
        `INSERT OR REPLACE INTO appointments VALUES (@day, @ref, @at, @language, @interpreter_language, @adults, @children, @visit_id)`,
      ),
      interpreter: db.prepare(
        `INSERT OR REPLACE INTO interpreters VALUES (@id, @day, @language, @mode, @name, @visit_id)`,
      ),
      session: db.prepare(`INSERT OR REPLACE INTO desk_sessions VALUES (?, ?, ?)`),
      clearSessions: db.prepare(`DELETE FROM desk_sessions`),
      audit: db.prepare(
        `INSERT INTO audit (at, device_id, officer, visit_id, action) VALUES (?, ?, ?, ?, 'visit:open')`,
      ),
      erasure: db.prepare(
        `INSERT INTO erasures (at, data_class, agency, before_day, visits) VALUES (?, ?, ?, ?, ?)`,
      ),
      meta: db.prepare(`INSERT OR REPLACE INTO meta VALUES (?, ?)`),
      device: db.prepare(
        `INSERT OR IGNORE INTO devices (id, name, role, desk_id, created_at) VALUES (?, ?, ?, ?, ?)`,
      ),
    };
  }

  /** The screens the simulated commands come from, as the admin would have added them. */
  writeDevices(devices: Devices, at: number): void {
    this.db.transaction(() => {
      this.st.device.run(devices.kiosk, 'Kiosk', 'kiosk', null, at);
      this.st.device.run(devices.reception, 'Reception', 'reception', null, at);
      this.st.device.run(devices.admin, 'Admin', 'admin', null, at);
      for (const [deskId, id] of Object.entries(devices.desks))
        this.st.device.run(id, deskId, 'desk', deskId, at);
    })();
  }

  writeDay(batch: DayBatch): void {
    this.db.transaction(() => {
      this.writeLog(batch);
      for (const final of batch.visits) this.writeVisit(final);
      const { state } = batch;
      if (batch.day >= this.erase.personalBefore)
        for (const a of [...state.appointments.values()]) this.st.appointment.run(appointmentToRow(a));
      for (const i of Object.values(state.interpreters))
        this.st.interpreter.run(interpreterToRow(batch.day, i));
      this.st.clearSessions.run();
      for (const s of Object.values(state.desks)) this.st.session.run(s.deskId, s.officer, s.since);
      for (const a of batch.audit) this.st.audit.run(a.at, a.deviceId, a.officer, a.visitId);
      this.st.meta.run('office_day', state.day);
    })();
  }

  private writeLog(batch: DayBatch): void {
    // The households' days overlap in time: the log is in the order things happened.
    const commands = [...batch.commands].sort((a, b) => a.at - b.at);
    for (const c of commands) {
      const day = batch.day;
      const envelopes: EventEnvelope[] = c.events.map((event) => ({
        seq: ++this.seq,
        at: c.at,
        commandId: c.commandId,
        actor: c.actor,
        event: erasedEvent(event, day, this.erase),
      }));
      for (const e of envelopes)
        this.st.event.run(
          e.seq,
          e.commandId,
          e.at,
          e.event.type,
          visitIdOf(e.event),
          e.actor.deviceId,
          e.actor.role,
          e.actor.deskId,
          e.actor.officer,
          JSON.stringify(e.event),
        );
      this.events += envelopes.length;
      if (day >= this.erase.commandsFrom)
        this.log.recordCommand({
          command_id: c.commandId,
          device_id: c.actor.deviceId,
          name: c.name,
          at: c.at,
          first_seq: envelopes[0]!.seq,
          last_seq: envelopes[envelopes.length - 1]!.seq,
          result: JSON.stringify(c.result),
        });
    }
  }

  private writeVisit({ visit, secret, notes }: FinalVisit): void {
    const personal = visit.day < this.erase.personalBefore;
    this.st.visit.run(visitToRow(visit));
    visit.steps.forEach((step, idx) => this.st.step.run(stepToRow(visit, idx, step)));
    if (secret) {
      const row = privateToRow(visit.id, {
        bookingRef: personal ? null : secret.bookingRef,
        members: personal ? [] : secret.members,
        statusToken: secret.statusToken,
      });
      this.st.secret.run({
        ...row,
        status_token: visit.day < this.erase.tokensBefore ? null : row.status_token,
      });
    }
    for (const note of notes) this.st.note.run(noteToRow(personal ? { ...note, text: '' } : note));
    this.visits += 1;
  }

  /**
   * The retention job's records and bookmarks: one run a day, each erasing the day that had
   * turned 30 days old, the last one this morning.
   */
  writeRetention(
    runs: readonly { at: number; beforeDay: string; visits: number }[],
    lastRun: { before: string; today: string },
  ) {
    this.db.transaction(() => {
      for (const run of runs) {
        if (run.visits === 0) continue;
        this.st.erasure.run(run.at, 'household', null, run.beforeDay, run.visits);
        this.st.erasure.run(run.at, 'booking_refs', null, run.beforeDay, Math.round(run.visits / 4));
        for (const agency of AGENCIES.slice(0, 4))
          this.st.erasure.run(run.at, 'notes', agency, run.beforeDay, Math.round(run.visits / 8));
      }
      this.st.meta.run('retention:household:*', lastRun.before);
      this.st.meta.run('retention:booking_refs:*', lastRun.before);
      for (const agency of AGENCIES) this.st.meta.run(`retention:notes:${agency}`, lastRun.before);
      this.st.meta.run('retention:tokens', lastRun.today);
    })();
  }
}
