import type { DataClass, OfficeConfig } from '../../shared/office.js';
import { retentionPlan, type Erasure } from '../office/retention.js';
import type { Db } from './db.js';

/**
 * The retention policy (office/retention.ts) on SQLite. With `secure_delete` on, erased content
 * is zeroed in the file; the caller then empties the WAL of older copies with `truncateWal`.
 */
export function runRetention(db: Db, config: OfficeConfig, now: number): Erasure[] {
  const old = `SELECT id FROM visits WHERE day < @before AND day >= @since`;
  const lastRun = db.prepare<[string], string>(`SELECT value FROM meta WHERE key = ?`).pluck();
  const remember = db.prepare<[string, string]>(`INSERT OR REPLACE INTO meta VALUES (?, ?)`);
  // Each statement returns the visit whose data it erased (null for a booking list's entry), so
  // that the record counts what was erased, not what the projection happened to show.
  const erase = (sql: string) => db.prepare(`${sql} RETURNING visit_id`).pluck();
  const statements: Record<DataClass, ReturnType<typeof erase>[]> = {
    household: [
      erase(`UPDATE visit_private SET members = '[]' WHERE members != '[]' AND visit_id IN (${old})`),
      erase(
        `UPDATE events SET payload = json_set(payload, '$.members', json('[]'))
         WHERE type = 'household_set' AND visit_id IN (${old}) AND json_array_length(payload, '$.members') > 0`,
      ),
      // Check-in writes no members today; the schema allows them, so a log that has some is erased too.
      erase(
        `UPDATE events SET payload = json_set(payload, '$.private.members', json('[]'))
         WHERE type = 'checked_in' AND visit_id IN (${old}) AND json_array_length(payload, '$.private.members') > 0`,
      ),
    ],
    booking_refs: [
      erase(
        `UPDATE visit_private SET booking_ref = NULL WHERE booking_ref IS NOT NULL AND visit_id IN (${old})`,
      ),
      erase(
        `UPDATE events SET payload = json_set(payload, '$.private.bookingRef', NULL)
         WHERE type = 'checked_in' AND visit_id IN (${old}) AND json_extract(payload, '$.private.bookingRef') IS NOT NULL`,
      ),
      // By the appointment's day, not a visit's: most entries of a list never become a visit.
      erase(`DELETE FROM appointments WHERE day < @before`),
      erase(
        `UPDATE events SET payload = json_remove(payload, '$.appointments')
         WHERE type = 'appointments_imported' AND json_extract(payload, '$.day') < @before
           AND json_type(payload, '$.appointments') IS NOT NULL`,
      ),
    ],
    notes: [
      erase(`UPDATE notes SET text = '' WHERE text != '' AND agency = @agency AND visit_id IN (${old})`),
      erase(
        `UPDATE events SET payload = json_set(payload, '$.note.text', '')
         WHERE type = 'note_added' AND visit_id IN (${old}) AND json_extract(payload, '$.note.agency') = @agency
           AND json_extract(payload, '$.note.text') != ''`,
      ),
    ],
  };
  const record = db.prepare(
    `INSERT INTO erasures (at, data_class, agency, before_day, visits) VALUES (?, ?, ?, ?, ?)`,
  );

  return db.transaction(() => {
    const plan = retentionPlan(config, now, (key) => lastRun.get(key));
    const erasures: Erasure[] = [];
    for (const { dataClass, agency, key, before, since } of plan.runs) {
      remember.run(key, before);
      const visits = new Set<string>();
      let rows = 0;
      for (const statement of statements[dataClass]) {
        const erased = statement.all({ before, since, ...(agency && { agency }) }) as (string | null)[];
        rows += erased.length;
        for (const visitId of erased) if (visitId !== null) visits.add(visitId);
      }
      if (rows === 0) continue;
      record.run(now, dataClass, agency, before, visits.size);
      erasures.push({ dataClass, agency, beforeDay: before, visits: visits.size });
    }
    // Not personal data, but secrets and traces with no use after the day: status-page tokens,
    // and the command records kept for idempotent retries.
    const { tokens } = plan;
    remember.run(tokens.key, tokens.before);
    const window = { before: tokens.before, since: tokens.since };
    db.prepare(
      `UPDATE visit_private SET status_token = NULL WHERE status_token IS NOT NULL AND visit_id IN (${old})`,
    ).run(window);
    db.prepare(
      `UPDATE events SET payload = json_set(payload, '$.private.statusToken', '')
       WHERE type = 'checked_in' AND visit_id IN (${old}) AND json_extract(payload, '$.private.statusToken') != ''`,
    ).run(window);
    db.prepare(`DELETE FROM commands WHERE at < ?`).run(plan.commandsBefore);
    return erasures;
  })();
}

/**
 * Copies every page into the database file and empties the WAL, older page images included:
 * until then, what retention erased can still be read from the WAL, and a page the checkpoint
 * could not copy keeps its old content in the file. A reader on an older snapshot (the statistics
 * worker's connection) keeps the checkpoint from finishing; then this returns false, and the
 * caller tries again a little later. It never waits itself: the busy timeout would hold up every
 * desk's command on this thread for seconds.
 */
export function truncateWal(db: Db): boolean {
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return result !== undefined && result.busy === 0;
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}
