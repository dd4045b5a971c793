import { ticketNumber } from '../../shared/ticket.js';
import { visitIdOf, type DomainEvent, type EventEnvelope } from '../../shared/events.js';
import type { OfficeConfig } from '../../shared/office.js';
import { fromData, initialState, toData, type OfficeState } from '../../shared/state.js';
import { normalizeBookingRef, type Visit } from '../../shared/visit.js';
import type { Db } from './db.js';
import {
  appointmentToRow,
  interpreterToRow,
  noteToRow,
  privateToRow,
  rowToAppointment,
  rowToInterpreter,
  rowToNote,
  rowToPrivate,
  rowToVisit,
  stepToRow,
  visitRowChanged,
  visitToRow,
  type AppointmentRow,
  type InterpreterRow,
  type NoteRow,
  type PrivateRow,
  type StepRow,
  type VisitRow,
} from './visitRows.js';

/**
 * The projection tables, kept in step with the in-memory state. `apply` shares every object
 * it did not change, so what a command changed is exactly what is no longer identical between
 * the state before and after it; that is what gets written. The projection logic thus lives
 * once, in `apply`, and never again in SQL.
 */
export class Projection {
  private readonly upsertVisit;
  private readonly upsertStep;
  private readonly upsertPrivate;
  private readonly insertNote;
  private readonly deleteOpenAppointments;
  private readonly upsertAppointment;
  private readonly upsertInterpreter;
  private readonly deleteInterpreter;
  private readonly upsertSession;
  private readonly deleteSession;
  private readonly setConfig;
  private readonly setMeta;

  constructor(private readonly db: Db) {
    this.upsertVisit = db.prepare<VisitRow>(
      `INSERT INTO visits VALUES (@id, @day, @ticket, @kind, @language, @interpreter_language, @adults, @children,
         @consent, @appointment_at, @created_at, @status, @ended_at, @cancel_reason, @current_step, @interpreter_id,
         @interpreter_used)
       ON CONFLICT (id) DO UPDATE SET language = excluded.language, interpreter_language = excluded.interpreter_language,
         adults = excluded.adults, children = excluded.children, consent = excluded.consent, status = excluded.status,
         ended_at = excluded.ended_at, cancel_reason = excluded.cancel_reason, current_step = excluded.current_step,
         interpreter_id = excluded.interpreter_id, interpreter_used = excluded.interpreter_used`,
    );
    this.upsertStep = db.prepare<StepRow>(
      `INSERT OR REPLACE INTO visit_steps VALUES (@visit_id, @idx, @station_id, @status, @queued_at, @came_from,
         @target_desk_id, @desk_id, @called_at, @last_called_at, @started_at, @ended_at, @recalls, @outcome,
         @skip_reason, @checklist, @rule_override, @day)`,
    );
    this.upsertPrivate = db.prepare<PrivateRow>(
      `INSERT OR REPLACE INTO visit_private VALUES (@visit_id, @booking_ref, @members, @status_token)`,
    );
    this.insertNote = db.prepare<NoteRow>(
      `INSERT OR IGNORE INTO notes VALUES (@id, @visit_id, @at, @visibility, @agency, @station_id, @desk_id, @officer, @text)`,
    );
    this.deleteOpenAppointments = db.prepare<[string]>(
      `DELETE FROM appointments WHERE day = ? AND visit_id IS NULL`,
    );
    this.upsertAppointment = db.prepare<AppointmentRow>(
      `INSERT OR REPLACE INTO appointments VALUES (@day, @ref, @at, @language, @interpreter_language, @adults,
         @children, @visit_id)`,
    );
    this.upsertInterpreter = db.prepare<InterpreterRow>(
      `INSERT OR REPLACE INTO interpreters VALUES (@id, @day, @language, @mode, @name, @visit_id)`,
    );
    this.deleteInterpreter = db.prepare<[string]>(`DELETE FROM interpreters WHERE id = ?`);
    this.upsertSession = db.prepare<[string, string, number]>(
      `INSERT OR REPLACE INTO desk_sessions VALUES (?, ?, ?)`,
    );
    this.deleteSession = db.prepare<[string]>(`DELETE FROM desk_sessions WHERE desk_id = ?`);
    this.setConfig = db.prepare<[string, number]>(`INSERT OR REPLACE INTO office_config VALUES (1, ?, ?)`);
    this.setMeta = db.prepare<[string, string]>(`INSERT OR REPLACE INTO meta VALUES (?, ?)`);
  }

  /**
   * Writes what each event changed, inside the command's transaction. `states[i + 1]` is the state
   * after `envelopes[i]`. Event by event, because the day's turn evicts the day's visits from the
   * live state right after closing them, and the closing must still reach the tables.
   */
  write(states: readonly OfficeState[], envelopes: readonly EventEnvelope[], at: number): void {
    envelopes.forEach((envelope, i) => {
      const after = states[i + 1]!;
      // The eviction lives in memory only: the tables keep the history (until retention).
      if (envelope.event.type === 'day_started') this.setMeta.run('office_day', after.day);
      else this.writeChange(states[i]!, after, envelope.event, at);
    });
  }

  /**
   * An event changes at most one visit (visitIndex.ts `touchedVisit`; a test holds `apply` to
   * it), so only that visit's rows are compared and written: the cost of a command does not
   * grow with the day.
   */
  private writeChange(before: OfficeState, after: OfficeState, event: DomainEvent, at: number): void {
    if (before.config !== after.config) this.setConfig.run(JSON.stringify(after.config), at);

    const id = visitIdOf(event);
    if (id !== null) {
      const visit = after.visits.get(id);
      const old = before.visits.get(id);
      if (visit && old !== visit) {
        if (!old || visitRowChanged(old, visit)) this.upsertVisit.run(visitToRow(visit));
        visit.steps.forEach((step, idx) => {
          if (old?.steps[idx] !== step) this.upsertStep.run(stepToRow(visit, idx, step));
        });
      }
      const secret = after.privateData.get(id);
      if (secret && before.privateData.get(id) !== secret) this.upsertPrivate.run(privateToRow(id, secret));
      const notes = after.notes.get(id) ?? [];
      for (const note of notes.slice(before.notes.get(id)?.length ?? 0)) this.insertNote.run(noteToRow(note));
    }
    if (before.appointments !== after.appointments) {
      // A check-in claims its booking, and only that one changes; an import replaces the list.
      const ref =
        event.type === 'checked_in' && event.private?.bookingRef
          ? normalizeBookingRef(event.private.bookingRef)
          : undefined;
      const claimed = ref === undefined ? undefined : after.appointments.get(ref);
      if (claimed) this.upsertAppointment.run(appointmentToRow(claimed));
      else {
        this.deleteOpenAppointments.run(after.day);
        for (const a of after.appointments.values()) this.upsertAppointment.run(appointmentToRow(a));
      }
    }
    for (const [id, interpreter] of Object.entries(after.interpreters))
      if (before.interpreters[id] !== interpreter)
        this.upsertInterpreter.run(interpreterToRow(after.day, interpreter));
    for (const id of Object.keys(before.interpreters))
      if (!(id in after.interpreters)) this.deleteInterpreter.run(id);
    for (const [deskId, session] of Object.entries(after.desks))
      if (before.desks[deskId] !== session) this.upsertSession.run(deskId, session.officer, session.since);
    for (const deskId of Object.keys(before.desks))
      if (!(deskId in after.desks)) this.deleteSession.run(deskId);
  }

  /** The first state of a new database. */
  seed(config: OfficeConfig, day: string, at: number): OfficeState {
    this.setConfig.run(JSON.stringify(config), at);
    this.setMeta.run('office_day', day);
    return initialState(config, day);
  }

  /** Reads the live state back: the office day's visits and whatever is still open. */
  load(config: OfficeConfig): OfficeState {
    const day =
      (this.db.prepare(`SELECT value FROM meta WHERE key = 'office_day'`).pluck().get() as string) ?? '';
    const visitRows = this.db
      .prepare<[string], VisitRow>(`SELECT * FROM visits WHERE day = ? OR status = 'active'`)
      .all(day);
    const ids = visitRows.map((v) => v.id);
    const byVisit = <R extends { visit_id: string }>(rows: R[]) => {
      const map = new Map<string, R[]>();
      for (const r of rows) map.set(r.visit_id, [...(map.get(r.visit_id) ?? []), r]);
      return map;
    };
    const inIds = `SELECT value FROM json_each(?)`;
    const idsJson = JSON.stringify(ids);
    const steps = byVisit(
      this.db
        .prepare<[string], StepRow>(`SELECT * FROM visit_steps WHERE visit_id IN (${inIds})`)
        .all(idsJson),
    );
    const notes = byVisit(
      this.db
        .prepare<[string], NoteRow>(`SELECT * FROM notes WHERE visit_id IN (${inIds}) ORDER BY at`)
        .all(idsJson),
    );
    const secrets = this.db
      .prepare<[string], PrivateRow>(`SELECT * FROM visit_private WHERE visit_id IN (${inIds})`)
      .all(idsJson);

    const visits: Record<string, Visit> = {};
    for (const row of visitRows) visits[row.id] = rowToVisit(row, steps.get(row.id) ?? []);
    const counters: Record<string, number> = {};
    for (const v of Object.values(visits)) {
      if (v.day !== day) continue;
      const prefix = v.ticket[0]!;
      counters[prefix] = Math.max(counters[prefix] ?? 0, ticketNumber(v.ticket));
    }
    return fromData({
      ...toData(initialState(config, day)),
      visits,
      privateData: Object.fromEntries(secrets.map((r) => [r.visit_id, rowToPrivate(r)])),
      notes: Object.fromEntries([...notes].map(([id, rows]) => [id, rows.map(rowToNote)])),
      appointments: Object.fromEntries(
        this.db
          .prepare<[string], AppointmentRow>(`SELECT * FROM appointments WHERE day = ?`)
          .all(day)
          .map((r) => [r.ref, rowToAppointment(r)]),
      ),
      interpreters: Object.fromEntries(
        this.db
          .prepare<[string], InterpreterRow>(`SELECT * FROM interpreters WHERE day = ?`)
          .all(day)
          .map((r) => [r.id, rowToInterpreter(r)]),
      ),
      desks: Object.fromEntries(
        this.db
          .prepare<[], { desk_id: string; officer: string; since: number }>(`SELECT * FROM desk_sessions`)
          .all()
          .map((r) => [r.desk_id, { deskId: r.desk_id, officer: r.officer, since: r.since }]),
      ),
      ticketCounters: counters,
    });
  }
}
