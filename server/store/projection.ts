import type { EventEnvelope } from '../../shared/events.js';
import type { OfficeConfig } from '../../shared/office.js';
import { initialState, type OfficeState } from '../../shared/state.js';
import type { Db } from './db.js';
import { projectionChanges, stateFromRows, type RowChange, type SessionRow } from './projectionChanges.js';
import type { AppointmentRow, InterpreterRow, NoteRow, PrivateRow, StepRow, VisitRow } from './visitRows.js';

/**
 * The projection tables on SQLite, kept in step with the in-memory state: the changes that
 * projectionChanges.ts works out, written with this store's statements.
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

  /** Writes what a command's events changed, inside the command's transaction. */
  write(states: readonly OfficeState[], envelopes: readonly EventEnvelope[], at: number): void {
    for (const change of projectionChanges(states, envelopes, at)) this.run(change);
  }

  private run(change: RowChange): void {
    switch (change.op) {
      case 'visit':
        return void this.upsertVisit.run(change.row);
      case 'step':
        return void this.upsertStep.run(change.row);
      case 'private':
        return void this.upsertPrivate.run(change.row);
      case 'note':
        return void this.insertNote.run(change.row);
      case 'clearOpenAppointments':
        return void this.deleteOpenAppointments.run(change.day);
      case 'appointment':
        return void this.upsertAppointment.run(change.row);
      case 'interpreter':
        return void this.upsertInterpreter.run(change.row);
      case 'removeInterpreter':
        return void this.deleteInterpreter.run(change.id);
      case 'session':
        return void this.upsertSession.run(change.row.desk_id, change.row.officer, change.row.since);
      case 'endSession':
        return void this.deleteSession.run(change.deskId);
      case 'config':
        return void this.setConfig.run(change.config, change.at);
      case 'day':
        return void this.setMeta.run('office_day', change.day);
    }
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
    const visits = this.db
      .prepare<[string], VisitRow>(`SELECT * FROM visits WHERE day = ? OR status = 'active'`)
      .all(day);
    const ids = JSON.stringify(visits.map((v) => v.id));
    const ofVisits = <R>(sql: string) => this.db.prepare<[string], R>(sql).all(ids);
    const inIds = `SELECT value FROM json_each(?)`;
    return stateFromRows(config, {
      day,
      visits,
      steps: ofVisits<StepRow>(`SELECT * FROM visit_steps WHERE visit_id IN (${inIds})`),
      notes: ofVisits<NoteRow>(`SELECT * FROM notes WHERE visit_id IN (${inIds}) ORDER BY at`),
      secrets: ofVisits<PrivateRow>(`SELECT * FROM visit_private WHERE visit_id IN (${inIds})`),
      appointments: this.db
        .prepare<[string], AppointmentRow>(`SELECT * FROM appointments WHERE day = ?`)
        .all(day),
      interpreters: this.db
        .prepare<[string], InterpreterRow>(`SELECT * FROM interpreters WHERE day = ?`)
        .all(day),
      sessions: this.db.prepare<[], SessionRow>(`SELECT * FROM desk_sessions`).all(),
    });
  }
}
