import { officeDay } from '../../shared/day.js';
import { AGENCIES, type Agency, type DataClass, type OfficeConfig } from '../../shared/office.js';
import type { Db } from '../store/db.js';

const DAY_MS = 86_400_000;

export interface Erasure {
  readonly dataClass: DataClass;
  readonly agency: Agency | null;
  /** Visits of days before this one had this class erased. */
  readonly beforeDay: string;
  /** Visits that had data of this class erased in this run (a booking list's entries are no visit). */
  readonly visits: number;
}

/** The first day whose personal data of a class (and agency, for notes) is still kept. */
function keptFrom(config: OfficeConfig, now: number, dataClass: DataClass, agency: Agency | null): string {
  const { retention } = config;
  const days =
    retention.overrides.find((o) => o.dataClass === dataClass && o.agency === agency)?.days ??
    retention.overrides.find((o) => o.dataClass === dataClass && o.agency === null)?.days ??
    retention.days;
  return officeDay(now - days * DAY_MS, config.timeZone);
}

/**
 * Erases personal data once its retention period has passed: household members' names and birth
 * dates, booking references and note texts, in the projection and in the event log alike (the
 * log's one exception to append-only: the law's erasure comes first). Every statement runs on
 * every run, whatever the projection says: the log can hold data the projection no longer shows
 * (names later cleared), and a booking list holds references no visit ever took up. Statistics
 * do not change, since they use no personal field: neither do the finished days' rollups
 * (server/store/statsDays.ts), which are kept as they are. With `secure_delete` on, erased content is
 * zeroed in the file; the caller then empties the WAL of older copies with `truncateWal`. Each
 * erasure is recorded: class, number of visits, when; never what.
 */
export function runRetention(db: Db, config: OfficeConfig, now: number): Erasure[] {
  // Only the days that have turned old since the last run (with a week's slack for clock changes):
  // a daily run then touches one day of visits, not the whole year.
  const old = `SELECT id FROM visits WHERE day < @before AND day >= @since`;
  const lastRun = db.prepare<[string], string>(`SELECT value FROM meta WHERE key = ?`).pluck();
  const remember = db.prepare<[string, string]>(`INSERT OR REPLACE INTO meta VALUES (?, ?)`);
  const slack = (day: string) => officeDay(Date.parse(`${day}T12:00:00Z`) - 7 * DAY_MS, 'UTC');
  // Each statement returns the visit whose data it erased (null for a booking list's entry), so
  // that the record counts what was erased, not what the projection happened to show.
  const erase = (sql: string) => db.prepare(`${sql} RETURNING visit_id`).pluck();
  const householdEvents = erase(
    `UPDATE events SET payload = json_set(payload, '$.members', json('[]'))
     WHERE type = 'household_set' AND visit_id IN (${old}) AND json_array_length(payload, '$.members') > 0`,
  );
  const statements: Record<DataClass, ReturnType<typeof erase>[]> = {
    household: [
      erase(`UPDATE visit_private SET members = '[]' WHERE members != '[]' AND visit_id IN (${old})`),
      householdEvents,
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

  const erasures: Erasure[] = [];
  db.transaction(() => {
    const run = (dataClass: DataClass, agency: Agency | null) => {
      const key = `retention:${dataClass}:${agency ?? '*'}`;
      const previous = lastRun.get(key);
      const before = keptFrom(config, now, dataClass, agency);
      const params = { before, since: previous ? slack(previous) : '0000-00-00', ...(agency && { agency }) };
      remember.run(key, before);
      let rows = 0;
      const visits = new Set<string>();
      const count = (erased: (string | null)[]) => {
        for (const visitId of erased) if (visitId !== null) visits.add(visitId);
      };
      for (const statement of statements[dataClass]) {
        const erased = statement.all(params) as (string | null)[];
        rows += erased.length;
        count(erased);
      }
      if (rows === 0) return;
      record.run(now, dataClass, agency, before, visits.size);
      erasures.push({ dataClass, agency, beforeDay: before, visits: visits.size });
    };
    run('household', null);
    run('booking_refs', null);
    for (const agency of AGENCIES) run('notes', agency);
    // Not personal data, but secrets and traces with no use after the day: status-page tokens,
    // and the command results kept for idempotent retries.
    const today = officeDay(now, config.timeZone);
    const tokens = { before: today, since: slack(lastRun.get('retention:tokens') ?? '0001-01-08') };
    remember.run('retention:tokens', today);
    db.prepare(
      `UPDATE visit_private SET status_token = NULL WHERE status_token IS NOT NULL AND visit_id IN (${old})`,
    ).run(tokens);
    db.prepare(
      `UPDATE events SET payload = json_set(payload, '$.private.statusToken', '')
       WHERE type = 'checked_in' AND visit_id IN (${old}) AND json_extract(payload, '$.private.statusToken') != ''`,
    ).run(tokens);
    db.prepare(`DELETE FROM commands WHERE at < ?`).run(now - DAY_MS);
  })();
  return erasures;
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
