import type pg from 'pg';
import type { DataClass, OfficeConfig } from '../../../shared/office.js';
import { RETENTION_KEYS, retentionPlan, type Erasure } from '../../office/retention.js';
import { asStorageFault, isPgStorageFault } from './faults.js';
import type { Scrub } from '../seam.js';
import { inTransaction, type Queryable } from './tx.js';

/*
 * The retention policy (office/retention.ts) in PostgreSQL's SQL, for one office: $1 the office,
 * $2 the first day kept, $3 the first day not yet erased, $4 a note's agency. The event log's
 * payloads are JSON in text: read as jsonb, changed, written back as text.
 */
const OLD = `SELECT id FROM visits WHERE office_id = $1 AND day < $2 AND day >= $3`;
const STATEMENTS: Record<DataClass, readonly string[]> = {
  household: [
    `UPDATE visit_private SET members = '[]' WHERE office_id = $1 AND members != '[]' AND visit_id IN (${OLD})`,
    `UPDATE events SET payload = jsonb_set(payload::jsonb, '{members}', '[]')::text
     WHERE office_id = $1 AND type = 'household_set' AND visit_id IN (${OLD})
       AND jsonb_array_length(payload::jsonb -> 'members') > 0`,
    `UPDATE events SET payload = jsonb_set(payload::jsonb, '{private,members}', '[]')::text
     WHERE office_id = $1 AND type = 'checked_in' AND visit_id IN (${OLD})
       AND jsonb_array_length(payload::jsonb #> '{private,members}') > 0`,
  ],
  booking_refs: [
    `UPDATE visit_private SET booking_ref = NULL
     WHERE office_id = $1 AND booking_ref IS NOT NULL AND visit_id IN (${OLD})`,
    `UPDATE events SET payload = jsonb_set(payload::jsonb, '{private,bookingRef}', 'null')::text
     WHERE office_id = $1 AND type = 'checked_in' AND visit_id IN (${OLD})
       AND payload::jsonb #>> '{private,bookingRef}' IS NOT NULL`,
    `DELETE FROM appointments WHERE office_id = $1 AND day < $2`,
    `UPDATE events SET payload = (payload::jsonb - 'appointments')::text
     WHERE office_id = $1 AND type = 'appointments_imported' AND payload::jsonb ->> 'day' < $2
       AND payload::jsonb ? 'appointments'`,
  ],
  notes: [
    `UPDATE notes SET text = ''
     WHERE office_id = $1 AND text != '' AND agency = $4 AND visit_id IN (${OLD})`,
    `UPDATE events SET payload = jsonb_set(payload::jsonb, '{note,text}', '""')::text
     WHERE office_id = $1 AND type = 'note_added' AND visit_id IN (${OLD})
       AND payload::jsonb #>> '{note,agency}' = $4 AND payload::jsonb #>> '{note,text}' != ''`,
  ],
};

/** The parameters a statement names ($1 … $n, without gaps), of the four a run has. */
function valuesFor(sql: string, values: readonly unknown[]): unknown[] {
  const used = Math.max(...[...sql.matchAll(/\$(\d)/g)].map((m) => Number(m[1])));
  return values.slice(0, used);
}

/** The table a statement changes. */
const tableOf = (sql: string) => /^\s*(?:UPDATE|DELETE FROM) (\w+)/.exec(sql)![1]!;

export interface PgErasure {
  readonly erasures: Erasure[];
  /** The tables whose rows were changed: their old versions are still in the files (`scrub`). */
  readonly changed: ReadonlySet<string>;
  /** The erasing transaction's id (`pg_current_xact_id()`), when it changed anything. */
  readonly xid: string | undefined;
}

/** Erases an office's expired personal data in one transaction; see office/retention.ts. */
export function runPgRetention(
  pool: pg.Pool,
  officeId: string,
  config: OfficeConfig,
  now: number,
): Promise<PgErasure> {
  const changed = new Set<string>();
  const run = async (db: Queryable, sql: string, values: unknown[]) => {
    const result = await db.query<{ visit_id: string | null }>(sql, values);
    if ((result.rowCount ?? 0) > 0) changed.add(tableOf(sql));
    return result.rows;
  };
  return inTransaction(pool, async (client) => {
    // One run at a time per office, whichever node starts it; not the office's row lock, which
    // would hold up its commands for as long as a run takes.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('motesplats retention ' || $1))`, [officeId]);
    const marks = new Map(
      (
        await client.query<{ key: string; value: string }>(
          `SELECT key, value FROM office_meta WHERE office_id = $1 AND key = ANY ($2::text[])`,
          [officeId, RETENTION_KEYS],
        )
      ).rows.map((r) => [r.key, r.value]),
    );
    const plan = retentionPlan(config, now, (key) => marks.get(key));
    const remember = (db: Queryable, key: string, value: string) =>
      db.query(
        `INSERT INTO office_meta (office_id, key, value) VALUES ($1, $2, $3)
         ON CONFLICT (office_id, key) DO UPDATE SET value = excluded.value`,
        [officeId, key, value],
      );
    const erasures: Erasure[] = [];
    for (const { dataClass, agency, key, before, since } of plan.runs) {
      await remember(client, key, before);
      const visits = new Set<string>();
      let rows = 0;
      for (const sql of STATEMENTS[dataClass]) {
        const erased = await run(
          client,
          `${sql} RETURNING visit_id`,
          valuesFor(sql, [officeId, before, since, agency]),
        );
        rows += erased.length;
        for (const { visit_id } of erased) if (visit_id !== null) visits.add(visit_id);
      }
      if (rows === 0) continue;
      await client.query(
        `INSERT INTO erasures (office_id, at, data_class, agency, before_day, visits) VALUES ($1, $2, $3, $4, $5, $6)`,
        [officeId, now, dataClass, agency, before, visits.size],
      );
      erasures.push({ dataClass, agency, beforeDay: before, visits: visits.size });
    }
    const { tokens } = plan;
    await remember(client, tokens.key, tokens.before);
    const window = [officeId, tokens.before, tokens.since];
    await run(
      client,
      `UPDATE visit_private SET status_token = NULL
       WHERE office_id = $1 AND status_token IS NOT NULL AND visit_id IN (${OLD})`,
      window,
    );
    await run(
      client,
      `UPDATE events SET payload = jsonb_set(payload::jsonb, '{private,statusToken}', '""')::text
       WHERE office_id = $1 AND type = 'checked_in' AND visit_id IN (${OLD})
         AND payload::jsonb #>> '{private,statusToken}' != ''`,
      window,
    );
    await run(client, `DELETE FROM commands WHERE office_id = $1 AND at < $2`, [
      officeId,
      plan.commandsBefore,
    ]);
    const xid =
      changed.size === 0
        ? undefined
        : (await client.query<{ xid: string }>(`SELECT pg_current_xact_id()::text AS xid`)).rows[0]!.xid;
    return { erasures, changed, xid };
  });
}

/** The tables retention may change, and so may have to rewrite. */
const SCRUBBED = new Set(['events', 'visit_private', 'notes', 'appointments', 'commands']);

/** How long a rewrite waits for its table before it gives way to the office and is tried later. */
const SCRUB_LOCK_TIMEOUT = '2s';

/**
 * Whatever may still see a row version that the erasing transaction `xid` replaced, and so makes
 * VACUUM keep it: a snapshot (`backend_xmin`) or a running transaction (`backend_xid`) as old as
 * the erasure or older, in any session of any role (a `pg_dump`, a long report, a session idle
 * in a transaction), a standby's feedback (walsenders, replication slots) or a prepared
 * transaction. Transaction ids are compared by their age, as PostgreSQL itself does. A snapshot
 * taken after the erasure is as old when a transaction older than it was still running then, in
 * any database of the server: that transaction is named too (`cause`), since it is the one to
 * look for. Each row says what it is, never what it runs: a query's text may quote personal data.
 */
const OLDER_THAN_ERASURE = `
  WITH erasure AS (SELECT (($1::bigint) % 4294967296)::text::xid AS xid),
  described AS (
    SELECT a.*, concat_ws(', ', a.backend_type, nullif(a.application_name, ''), a.state,
             CASE WHEN a.datname = current_database() THEN 'this database' ELSE 'another database' END,
             'transaction of ' || extract(epoch FROM now() - a.xact_start)::int || ' s') AS what
      FROM pg_stat_activity a WHERE a.pid <> pg_backend_pid())
  (SELECT 'snapshot: ' || what AS what FROM described, erasure
    WHERE (datname = current_database() OR datname IS NULL)
      AND (age(backend_xmin) >= age(erasure.xid) OR age(backend_xid) >= age(erasure.xid))
    LIMIT 3)
  UNION ALL
  (SELECT 'cause: ' || what FROM described, erasure
    WHERE age(backend_xid) >= age(erasure.xid) ORDER BY age(backend_xid) DESC LIMIT 1)
  UNION ALL
  (SELECT 'replication slot ' || slot_name FROM pg_replication_slots, erasure
    WHERE age(xmin) >= age(erasure.xid) LIMIT 1)
  UNION ALL
  (SELECT 'prepared transaction' FROM pg_prepared_xacts, erasure
    WHERE age(transaction) >= age(erasure.xid) LIMIT 1)`;

/**
 * An UPDATE leaves the row's old version in the table's file, and VACUUM only marks its space
 * free: the erased text stays on the disk until the space is reused. `VACUUM FULL` writes the
 * table anew, without it, and drops the old file; but it keeps the old version while anything
 * may still see it (`OLDER_THAN_ERASURE`): then this waits, false, and the caller tries again
 * later. The rewrite holds the table for as long as it takes (every office's commands wait on
 * `events`), so it waits for its lock only briefly, and gives way in the same way. What it
 * rewrote leaves `tables`.
 */
export async function scrubTables(
  pool: pg.Pool,
  tables: Set<string>,
  xid: string | undefined,
): Promise<Scrub> {
  if (tables.size === 0) return { done: true };
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw asStorageFault(error);
  }
  let broken = false;
  // A database restart during the rewrite fails the statement, which is what this answers;
  // unheard, the connection's error event would end the process.
  const lost = () => (broken = true);
  client.on('error', lost);
  try {
    if (xid !== undefined) {
      const held = await client.query<{ what: string }>(OLDER_THAN_ERASURE, [xid]);
      const heldBy = held.rows.map((row) => row.what);
      // A transaction older than the erasure alone (`cause`) holds nothing up, if no session of
      // this database took its snapshot while it ran.
      if (heldBy.some((what) => !what.startsWith('cause: '))) return { done: false, heldBy };
    }
    await client.query(`SET lock_timeout = '${SCRUB_LOCK_TIMEOUT}'`);
    for (const table of [...tables]) {
      if (!SCRUBBED.has(table)) throw new Error(`not a table retention changes: ${table}`);
      await client.query(`VACUUM (FULL) ${table}`);
      tables.delete(table);
    }
    return { done: true };
  } catch (error) {
    // The lock was not had in time.
    if ((error as { code?: string }).code === '55P03') return { done: false, heldBy: ['a lock on a table'] };
    broken = isPgStorageFault(error);
    throw isPgStorageFault(error) ? asStorageFault(error) : error;
  } finally {
    await client.query('RESET lock_timeout').catch(() => (broken = true));
    client.off('error', lost);
    client.release(broken);
  }
}
