import type pg from 'pg';
import { OfficeConfigSchema } from '../../../shared/office.js';
import { openDatabase } from '../db.js';
import {
  APPOINTMENT_COLUMNS,
  COMMAND_COLUMNS,
  EVENT_COLUMNS,
  INTERPRETER_COLUMNS,
  NOTE_COLUMNS,
  OFFICE_ID,
  OfficeExistsError,
  PRIVATE_COLUMNS,
  SESSION_COLUMNS,
  STEP_COLUMNS,
  VISIT_COLUMNS,
} from './officeStore.js';
import { arraysOf, rowsInsert, type Columns } from './sql.js';

const DEVICE_COLUMNS: Columns = [
  ['id', 'text'],
  ['name', 'text'],
  ['role', 'text'],
  ['desk_id', 'text'],
  ['token_hash', 'text'],
  ['pairing_hash', 'text'],
  ['pairing_expires', 'bigint'],
  ['created_at', 'bigint'],
  ['paired_at', 'bigint'],
  ['revoked_at', 'bigint'],
  ['last_seen_at', 'bigint'],
];
const OFFICER_COLUMNS: Columns = [
  ['name', 'text'],
  ['pin_hash', 'text'],
  ['created_at', 'bigint'],
];
const AUDIT_COLUMNS: Columns = [
  ['id', 'bigint'],
  ['at', 'bigint'],
  ['device_id', 'text'],
  ['officer', 'text'],
  ['visit_id', 'text'],
  ['action', 'text'],
];
const ERASURE_COLUMNS: Columns = [
  ['id', 'bigint'],
  ['at', 'bigint'],
  ['data_class', 'text'],
  ['agency', 'text'],
  ['before_day', 'text'],
  ['visits', 'integer'],
];
const META_COLUMNS: Columns = [
  ['key', 'text'],
  ['value', 'text'],
];

/**
 * What is copied, in an order that the foreign keys allow, and how each is read from SQLite.
 * The statistics' daily rollups are not: they are a cache of what the visits and steps hold,
 * and are summed again on demand.
 */
const TABLES: readonly { table: string; columns: Columns; select?: string }[] = [
  { table: 'events', columns: EVENT_COLUMNS, select: 'SELECT * FROM events ORDER BY seq' },
  { table: 'commands', columns: COMMAND_COLUMNS },
  { table: 'visits', columns: VISIT_COLUMNS },
  { table: 'visit_steps', columns: STEP_COLUMNS },
  { table: 'visit_private', columns: PRIVATE_COLUMNS },
  { table: 'notes', columns: NOTE_COLUMNS },
  { table: 'appointments', columns: APPOINTMENT_COLUMNS },
  { table: 'interpreters', columns: INTERPRETER_COLUMNS },
  { table: 'desk_sessions', columns: SESSION_COLUMNS },
  { table: 'devices', columns: DEVICE_COLUMNS, select: 'SELECT * FROM devices ORDER BY rowid' },
  { table: 'officers', columns: OFFICER_COLUMNS },
  { table: 'audit', columns: AUDIT_COLUMNS },
  { table: 'erasures', columns: ERASURE_COLUMNS },
  {
    table: 'office_meta',
    columns: META_COLUMNS,
    // The office day lives on the office's row; the storage probe's mark means nothing elsewhere.
    select: `SELECT * FROM meta WHERE key NOT IN ('office_day', 'storage_probe')`,
  },
];

/** Rows per INSERT: large enough that a year of events takes a few hundred statements. */
const CHUNK = 5000;

export interface CopyReport {
  readonly rows: Readonly<Record<string, number>>;
  readonly head: number;
  readonly ms: number;
}

/**
 * Copies one office's whole history from its SQLite file into the PostgreSQL database, as the
 * office `officeId`: config, day and head, the event log, the command records, the projection,
 * devices (their tokens go on working), officers, audit and erasures. One transaction on each
 * side: SQLite's read is one snapshot (a server may go on writing the file meanwhile; what it
 * writes after the snapshot is not copied), and PostgreSQL holds either the whole office or none
 * of it. An office of that id already in the database is refused.
 */
export async function copyOfficeFromSqlite(
  file: string,
  pool: pg.Pool,
  officeId: string,
): Promise<CopyReport> {
  if (!OFFICE_ID.test(officeId))
    throw new Error(`an office id is lower-case letters, digits and dashes: "${officeId}"`);
  const started = performance.now();
  const db = openDatabase(file, { readonly: true });
  let connected: pg.PoolClient | undefined;
  try {
    const client = (connected = await pool.connect());
    db.exec('BEGIN');
    const office = db
      .prepare<[], { config: string; updated_at: number }>(
        `SELECT config, updated_at FROM office_config WHERE id = 1`,
      )
      .get();
    if (!office) throw new Error(`${file} holds no office (it was never started)`);
    const config = OfficeConfigSchema.parse(JSON.parse(office.config));
    const day = db.prepare<[], string>(`SELECT value FROM meta WHERE key = 'office_day'`).pluck().get() ?? '';
    const head = db.prepare<[], number | null>(`SELECT max(seq) FROM events`).pluck().get() ?? 0;
    const created =
      db.prepare<[], number | null>(`SELECT min(at) FROM events`).pluck().get() ?? office.updated_at;

    await client.query('BEGIN');
    const added = await client.query(
      `INSERT INTO offices (id, config, config_updated_at, day, head, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO NOTHING`,
      [officeId, JSON.stringify(config), office.updated_at, day, head, created],
    );
    if (added.rowCount === 0) throw new OfficeExistsError(officeId);
    const rows: Record<string, number> = {};
    for (const { table, columns, select } of TABLES) {
      const insert = rowsInsert(table, columns);
      let chunk: object[] = [];
      let count = 0;
      const flush = async () => {
        if (chunk.length === 0) return;
        await client.query(insert, [officeId, ...arraysOf(columns, chunk)]);
        count += chunk.length;
        chunk = [];
      };
      for (const row of db.prepare<[], object>(select ?? `SELECT * FROM ${table}`).iterate()) {
        chunk.push(row);
        if (chunk.length === CHUNK) await flush();
      }
      await flush();
      rows[table] = count;
    }
    // The office's next audit and erasure records are numbered after the ones it brought.
    for (const [sequence, table] of [
      ['audit_ids', 'audit'],
      ['erasure_ids', 'erasures'],
    ])
      await client.query(
        `SELECT setval('${sequence}', greatest((SELECT last_value FROM ${sequence}),
           (SELECT coalesce(max(id), 1) FROM ${table} WHERE office_id = $1)))`,
        [officeId],
      );
    await client.query('COMMIT');
    // A year of rows arriving at once leaves the planner without statistics and every page's
    // visibility unset until autovacuum comes round: the server's first reads (its start, the
    // statistics) would pay for it, or pick a poor plan. Part of the move, so part of its time.
    await client.query(
      `VACUUM (ANALYZE) ${[...new Set(['offices', ...TABLES.map((t) => t.table)])].join(', ')}`,
    );
    return { rows, head, ms: performance.now() - started };
  } catch (error) {
    await connected?.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    connected?.release();
    if (db.inTransaction) db.exec('COMMIT');
    db.close();
  }
}
