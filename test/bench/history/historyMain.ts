import { openDatabase } from '../../../server/store/db.js';
import { OfficeStore } from '../../../server/store/store.js';
import { emit } from '../lib/child.js';
import { benchOffice } from '../office/benchOffice.js';
import { addDays, at } from './calendar.js';
import { rng } from '../../helpers/rng.js';
import { OfficeSimulator, type Devices } from './simulate.js';
import { HistoryWriter, type Erasure } from './writer.js';

/**
 * Writes days of an office's history into a database, as fast as SQLite takes them. Three jobs:
 * `days` writes a run of office days (two such run side by side into separate files, without
 * secondary indexes); `merge` appends the second file to the first, records the retention job's
 * runs and builds the indexes; `tail` writes the last days with checkpoints off and then waits to
 * be killed, leaving the database as a crashed server does: those days only in a large WAL.
 */
export type HistoryJob =
  | {
      readonly job: 'days' | 'tail';
      readonly file: string;
      /** Office days to write, oldest first; the office stands at day `from` when the job starts. */
      readonly days: readonly string[];
      readonly from: string;
      readonly visitsPerDay: number;
      readonly seed: number;
      readonly devices: Devices;
      readonly erase: Erasure;
    }
  | {
      readonly job: 'merge';
      readonly file: string;
      readonly parts: readonly string[];
      readonly erase: Erasure;
      readonly visitsPerDay: Readonly<Record<string, number>>;
    };

const job = JSON.parse(process.argv[2]!) as HistoryJob;
const started = Date.now();
const config = benchOffice();
const store = OfficeStore.open(job.file);
const { db } = store;
// A bulk load: nothing here needs to survive a power cut.
db.pragma('synchronous = OFF');

const secondaryIndexes = () =>
  db
    .prepare<[], { name: string; sql: string }>(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`,
    )
    .all();

function writeDays(j: Extract<HistoryJob, { job: 'days' | 'tail' }>) {
  const first = j.days[0]!;
  if (store.config() === undefined) store.seed(config, j.from, at(j.from, '00:00'));
  const writer = new HistoryWriter(db, j.erase);
  if (j.job === 'days') {
    // Built once, after the merge: the same indexes, in fewer pages than a year of inserts leaves.
    for (const index of secondaryIndexes()) db.exec(`DROP INDEX ${index.name}`);
    writer.writeDevices(j.devices, at(first, '07:00'));
  } else {
    // From here on nothing is checkpointed: these days stay in the WAL.
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('wal_autocheckpoint = 0');
  }
  const r = rng(j.seed);
  const sim = new OfficeSimulator(config, j.devices, r, j.from);
  const perDay: Record<string, number> = {};
  let k = 0;
  for (let day = j.from; k < j.days.length; day = addDays(day, 1)) {
    if (day !== sim.state.day) sim.turnDay(day, at(day, '00:00') + 30_000);
    if (day !== j.days[k]) continue;
    const visits = Math.round(j.visitsPerDay * (0.9 + 0.2 * r.next()));
    writer.writeDay(sim.runDay(day, visits));
    perDay[day] = visits;
    k += 1;
    if (k % 25 === 0) emit('progress', { days: k });
  }
  return { visits: writer.visits, events: writer.events, perDay };
}

/** Appends the parts to this database, renumbering their log after its own. */
function merge(j: Extract<HistoryJob, { job: 'merge' }>) {
  const columns = (table: string, without: string[] = []) =>
    db
      .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
      .all()
      .map((c) => c.name)
      .filter((c) => !without.includes(c));
  for (const part of j.parts) {
    db.exec(`ATTACH DATABASE '${part.replace(/'/g, "''")}' AS part`);
    const offset = (db.prepare(`SELECT coalesce(max(seq), 0) FROM main.events`).pluck().get() as number) ?? 0;
    db.transaction(() => {
      const events = columns('events').map((c) => (c === 'seq' ? `seq + ${offset}` : c));
      db.exec(`INSERT INTO main.events SELECT ${events.join(', ')} FROM part.events ORDER BY seq`);
      const commands = columns('commands').map((c) => (c.endsWith('_seq') ? `${c} + ${offset}` : c));
      db.exec(`INSERT INTO main.commands SELECT ${commands.join(', ')} FROM part.commands`);
      for (const table of ['visits', 'visit_steps', 'visit_private', 'notes', 'appointments', 'interpreters'])
        db.exec(`INSERT OR REPLACE INTO main.${table} SELECT * FROM part.${table}`);
      const audit = columns('audit', ['id']).join(', ');
      db.exec(`INSERT INTO main.audit (${audit}) SELECT ${audit} FROM part.audit ORDER BY id`);
      db.exec(`DELETE FROM main.desk_sessions`);
      db.exec(`INSERT INTO main.desk_sessions SELECT * FROM part.desk_sessions`);
      db.exec(`INSERT OR REPLACE INTO main.meta SELECT * FROM part.meta WHERE key = 'office_day'`);
    })();
    db.exec(`DETACH DATABASE part`);
  }
  const writer = new HistoryWriter(db, j.erase);
  writer.writeRetention(
    Object.entries(j.visitsPerDay)
      .filter(([day]) => day < j.erase.personalBefore)
      .map(([day, visits]) => ({
        at: at(addDays(day, 31), '00:00') + 30_000,
        beforeDay: addDays(day, 1),
        visits,
      })),
    { before: j.erase.personalBefore, today: j.erase.tokensBefore },
  );
  // The indexes the migrations make, taken from a fresh database.
  const reference = openDatabase(':memory:');
  const indexes = reference
    .prepare<[], { sql: string }>(`SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`)
    .all();
  reference.close();
  for (const index of indexes) db.exec(index.sql);
  return { indexes: indexes.length };
}

if (job.job === 'merge') {
  emit('done', { ...merge(job), seconds: (Date.now() - started) / 1000 });
  store.close();
  process.exit(0);
} else {
  const result = writeDays(job);
  emit('done', { ...result, seconds: (Date.now() - started) / 1000 });
  if (job.job === 'days') {
    store.close();
    process.exit(0);
  }
  // The tail: killed by the orchestrator with SIGKILL, no checkpoint, no clean close.
  setInterval(() => undefined, 60_000);
}
