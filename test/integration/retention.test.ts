import Database from 'better-sqlite3';
import pg from 'pg';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OfficeEngine } from '../../server/office/engine.js';
import { prepareCommand } from '../../server/office/prepare.js';
import { startRetention, TRUNCATE_RETRY_MS } from '../../server/office/retentionJob.js';
import { OfficeStore } from '../../server/store/store.js';
import {
  CommandSchemas,
  type CommandInput,
  type CommandName,
  type CommandPayload,
} from '../../shared/commands.js';
import type { Actor } from '../../shared/events.js';
import type { OfficeConfig } from '../../shared/office.js';
import { connectDevice } from '../helpers/client.js';
import { actors, MINUTE, T0, testConfig } from '../helpers/domain.js';
import { ok } from '../helpers/office.js';
import { ManualClock, startTestServer, type TestServer } from '../helpers/server.js';
import { storedValues } from '../helpers/storedBytes.js';
import { openTestStore, TEST_STORE } from '../helpers/testStore.js';

const DAY_MS = 86_400_000;
const HOUR = 3_600_000;
const FILE = 'motesplats.sqlite';

/** Every byte of the database as it lies on disk: the file, its WAL and its shared-memory index. */
function databaseBytes(dir: string): Buffer {
  const base = join(dir, FILE);
  return Buffer.concat([base, `${base}-wal`, `${base}-shm`].filter(existsSync).map((f) => readFileSync(f)));
}

function inFile(dir: string, values: readonly string[]): string[] {
  const bytes = databaseBytes(dir);
  return values.filter((v) => bytes.includes(Buffer.from(v, 'utf8')));
}

/** Runs a command through the real engine and store, as the socket handler would. */
function execOn(server: TestServer) {
  let commands = 0;
  return async <N extends CommandName>(
    actor: Actor,
    name: N,
    payload: Omit<CommandInput<N>, 'commandId'>,
  ) => {
    const schema = CommandSchemas[name] as unknown as { parse(x: unknown): CommandPayload<N> };
    const parsed = schema.parse({ commandId: `retention-${++commands}-command`, ...payload });
    const { engine } = server.server;
    const command = await prepareCommand(name, parsed, engine.state, server.store);
    if (!command.ok) throw new Error(`${name}: ${command.error.code}`);
    const ack = await engine.execute(command.value, parsed.commandId, actor);
    if (!ack.ok) throw new Error(`${name} refused: ${ack.error.code} ${ack.error.message}`);
    return ack.value as Record<string, unknown>;
  };
}

const bookingList = (refs: readonly string[]) =>
  ['time;reference;language;adults;children', ...refs.map((ref, i) => `${10 + i}:00;${ref};ar;1;1`)].join(
    '\n',
  );

/** No age rules: the tests decide themselves which steps a visit takes. */
function officeConfig(): OfficeConfig {
  const base = testConfig();
  return {
    ...base,
    stations: base.stations.map((s) => ({ ...s, rule: null })),
    // One agency keeps its notes for a year: the job must leave those alone.
    retention: { days: 30, overrides: [{ dataClass: 'notes', agency: 'AF', days: 365 }] },
  };
}

describe('the retention job erases what the projection no longer shows', () => {
  // tmpfs where there is one, as in the month's test: the servers restart several times.
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'motesplats-retention-'));
  const clock = new ManualClock();
  const config = officeConfig();
  let server: TestServer;
  let statsBefore: unknown;

  // Day 1, Monday: an ordinary day. R1 is booked and comes, R2 is booked and never comes; a
  // walk-in's names stay, and it gets a note from MV and one from AF.
  const day1 = {
    came: 'QXREFCAME1',
    neverCame: 'QXREFNEVER1',
    name: 'Sentinelname Kept',
    birthDate: '1961-02-13',
    note: 'Sentinel note MV day one',
    afNote: 'Sentinel note AF kept a year',
  };
  // Day 2: R3 is booked and never comes; the only names of the day are set and then cleared.
  const day2 = { neverCame: 'QXREFNEVER2', name: 'Sentinelname Cleared', birthDate: '1972-03-14' };
  // Day 3: a booking list, then a mended one, and not a single visit.
  const day3 = { first: ['QXREFCLOSED4', 'QXREFCLOSED5'], mended: ['QXREFCLOSED4', 'QXREFCLOSED6'] };
  const tokens: string[] = [];

  async function statistics() {
    const admin = await connectDevice(server.url, await server.pair('admin'));
    try {
      return ok(await admin.query('stats:compute', { from: '2026-11-23', to: '2026-11-25' }));
    } finally {
      admin.close();
    }
  }

  /** Restarts the server at 09:00 on the given day after the first: the job runs at start. */
  async function restartOnDay(n: number) {
    await server.close();
    clock.advance(T0 + n * DAY_MS - clock.now());
    server = await startTestServer({ dir, clock, config });
  }

  beforeAll(async () => {
    server = await startTestServer({ dir, clock, config });
    const exec = execOn(server);
    const { engine } = server.server;
    const mv = actors.desk('mv-1', 'Officer MV');
    const af = actors.desk('af-1', 'Officer AF');
    const startDay = async (n: number) => {
      clock.advance(T0 + n * DAY_MS - 60 * MINUTE - clock.now());
      if (!(await engine.startDayIfDue()).ok) throw new Error('day start failed');
      await exec(mv, 'desk:sign_in', { officer: 'Officer MV' });
      await exec(af, 'desk:sign_in', { officer: 'Officer AF' });
    };
    const walkIn = async () => {
      const result = await exec(actors.kiosk, 'visit:check_in', {
        arrival: { kind: 'walk_in', adults: 1, children: 0 },
        language: 'ar',
        interpreterLanguage: null,
        consent: true,
      });
      tokens.push(result.statusToken as string);
      return result.visitId as string;
    };

    // Day 1.
    await exec(mv, 'desk:sign_in', { officer: 'Officer MV' });
    await exec(af, 'desk:sign_in', { officer: 'Officer AF' });
    await exec(actors.admin, 'appointments:import', {
      day: engine.state.day,
      csv: bookingList([day1.came, day1.neverCame]),
      dryRun: false,
    });
    clock.advance(5 * MINUTE);
    const booked = await exec(actors.kiosk, 'visit:check_in', {
      arrival: { kind: 'booked', bookingRef: day1.came },
      language: 'ar',
      interpreterLanguage: null,
      consent: true,
    });
    tokens.push(booked.statusToken as string);
    clock.advance(5 * MINUTE);
    const kept = await walkIn();
    await exec(actors.reception, 'visit:set_household', {
      visitId: kept,
      adults: 1,
      children: 0,
      members: [{ name: day1.name, birthDate: day1.birthDate, kind: 'adult' }],
    });
    clock.advance(5 * MINUTE);
    await exec(mv, 'visit:call', { visitId: kept });
    await exec(mv, 'visit:start', { visitId: kept });
    await exec(mv, 'visit:add_note', { visitId: kept, note: { text: day1.note, visibility: 'agency' } });
    clock.advance(10 * MINUTE);
    await exec(mv, 'visit:hand_over', { visitId: kept, to: { kind: 'next' }, outcome: 'done' });
    clock.advance(5 * MINUTE);
    await exec(af, 'visit:call', { visitId: kept });
    await exec(af, 'visit:start', { visitId: kept });
    await exec(af, 'visit:add_note', { visitId: kept, note: { text: day1.afNote, visibility: 'agency' } });

    // Day 2.
    await startDay(1);
    await exec(actors.admin, 'appointments:import', {
      day: engine.state.day,
      csv: bookingList([day2.neverCame]),
      dryRun: false,
    });
    clock.advance(20 * MINUTE);
    const cleared = await walkIn();
    await exec(actors.reception, 'visit:set_household', {
      visitId: cleared,
      adults: 1,
      children: 0,
      members: [{ name: day2.name, birthDate: day2.birthDate, kind: 'adult' }],
    });
    clock.advance(2 * MINUTE);
    await exec(actors.reception, 'visit:set_household', {
      visitId: cleared,
      adults: 1,
      children: 0,
      members: [],
    });
    clock.advance(5 * MINUTE);
    await exec(mv, 'visit:call', { visitId: cleared });

    // Day 3.
    await startDay(2);
    for (const refs of [day3.first, day3.mended])
      await exec(actors.admin, 'appointments:import', {
        day: engine.state.day,
        csv: bookingList(refs),
        dryRun: false,
      });

    // Day 4: what is still open is cancelled at the turn.
    await startDay(3);
    statsBefore = await statistics();
  }, 60_000);

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps everything before the period (the data is in the file to begin with)', async () => {
    const all = [
      day1.came,
      day1.neverCame,
      day1.name,
      day1.birthDate,
      day1.note,
      day1.afNote,
      day2.neverCame,
      day2.name,
      day2.birthDate,
      ...day3.first,
      ...day3.mended,
    ];
    expect(await storedValues(server, all)).toEqual(all);
    // Thirty days after day 1 its data is still within the period.
    await restartOnDay(30);
    expect(await storedValues(server, all)).toEqual(all);
  });

  it('booked but never checked in: the ref is gone after the period', async () => {
    await restartOnDay(31);
    expect(
      await storedValues(server, [day1.came, day1.neverCame, day1.name, day1.birthDate, day1.note]),
    ).toEqual([]);
    // Day 2's check-ins were all walk-ins: no visit of its window holds a booking reference.
    await restartOnDay(32);
    expect(await storedValues(server, [day2.neverCame])).toEqual([]);
  });

  it('names set, then cleared: the names are gone from the event log after the period', async () => {
    // The projection had `members: []` for the whole window; the first household_set had names.
    expect(await storedValues(server, [day2.name, day2.birthDate])).toEqual([]);
    const payloads = await server.rows<{ payload: string }>(
      `SELECT payload FROM events WHERE type = 'household_set' ORDER BY seq`,
    );
    expect(payloads.map((p) => (JSON.parse(p.payload) as { members?: unknown[] }).members)).toEqual([
      [],
      [],
      [],
    ]);
  });

  it('a window with no booked check-ins still erases imported refs', async () => {
    expect(await storedValues(server, [...day3.first, ...day3.mended])).toEqual(
      day3.first.concat(day3.mended),
    );
    // Day 3 had no visit at all, and two booking lists (the first one mended).
    await restartOnDay(33);
    expect(await storedValues(server, [...day3.first, ...day3.mended])).toEqual([]);
    // Nothing was written after the job at start: its checkpoint left the WAL empty.
    if (server.kind === 'sqlite') expect(statSync(join(dir, `${FILE}-wal`)).size).toBe(0);
    expect(await server.rows(`SELECT * FROM appointments`)).toEqual([]);
  });

  it('leaves the statistics of the period unchanged, and what is still within its period', async () => {
    expect(await statistics()).toEqual(statsBefore);
    // AF keeps its notes for a year; everything else of the three days is gone, tokens included.
    expect(await storedValues(server, [day1.afNote])).toEqual([day1.afNote]);
    expect(await storedValues(server, tokens)).toEqual([]);
  });

  it('records each erasure by class and number of visits, never what', async () => {
    const admin = await connectDevice(server.url, await server.pair('admin'));
    const { erasures } = ok(await admin.query('retention:list', {}));
    admin.close();
    const rows = erasures
      .map((e) => `${e.beforeDay} ${e.dataClass}:${e.agency ?? '*'} ${e.visits}`)
      .sort((a, b) => a.localeCompare(b));
    expect(rows).toEqual([
      // Day 1: the booked visit's reference, the walk-in's names, MV's note.
      '2026-11-24 booking_refs:* 1',
      '2026-11-24 household:* 1',
      '2026-11-24 notes:MV 1',
      // Day 2: a booking list's entry is no visit; the names were in the log only.
      '2026-11-25 booking_refs:* 0',
      '2026-11-25 household:* 1',
      // Day 3: two booking lists and no visit.
      '2026-11-26 booking_refs:* 0',
    ]);
    expect(JSON.stringify(erasures)).not.toContain('Sentinel');
    expect(JSON.stringify(erasures)).not.toContain('QXREF');
  });
});

/** A database as the last server left it: one walk-in whose names were set and kept. */
async function plantHousehold(dir: string, clock: ManualClock, name: string): Promise<void> {
  const server = await startTestServer({ dir, clock, config: officeConfig() });
  try {
    const exec = execOn(server);
    const visitId = (
      await exec(actors.kiosk, 'visit:check_in', {
        arrival: { kind: 'walk_in', adults: 1, children: 0 },
        language: 'ar',
        interpreterLanguage: null,
        consent: true,
      })
    ).visitId as string;
    await exec(actors.reception, 'visit:set_household', {
      visitId,
      adults: 1,
      children: 0,
      members: [{ name, birthDate: null, kind: 'adult' }],
    });
  } finally {
    await server.close();
  }
}

// SQLite's WAL held up by the statistics worker's read snapshot; PostgreSQL's like of it below.
describe.runIf(TEST_STORE === 'sqlite')('the retention job and a busy reader', () => {
  let dir: string;
  let store: OfficeStore;
  let reader: Database.Database;
  let job: { stop(): void } | undefined;
  const name = 'Sentinelname Busy';
  const lines: string[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });

  async function setUp() {
    dir = mkdtempSync(join(tmpdir(), 'motesplats-retention-'));
    const clock = new ManualClock();
    await plantHousehold(dir, clock, name);
    clock.advance(40 * DAY_MS);
    store = OfficeStore.open(join(dir, FILE));
    // The statistics worker in the middle of a query: a read transaction on an older snapshot.
    reader = new Database(join(dir, FILE), { readonly: true });
    reader.prepare('BEGIN').run();
    reader.prepare('SELECT count(*) FROM events').get();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const engine = { state: { config: officeConfig() } } as unknown as OfficeEngine;
    job = await startRetention(store, engine, clock, log);
  }

  afterEach(() => {
    void job?.stop();
    vi.useRealTimers();
    if (reader.inTransaction) reader.prepare('COMMIT').run();
    reader.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
    lines.length = 0;
  });

  it('tries the checkpoint again after a short wait, and the names are then gone from the file', async () => {
    await setUp();
    // Erased in the WAL, but the checkpoint could not copy the erasure into the file.
    expect(inFile(dir, [name])).toEqual([name]);
    reader.prepare('COMMIT').run();
    await vi.advanceTimersByTimeAsync(TRUNCATE_RETRY_MS[0]!);
    expect(inFile(dir, [name])).toEqual([]);
    expect(statSync(join(dir, `${FILE}-wal`)).size).toBe(0);
    expect(lines.filter((l) => l.includes('"level":40'))).toEqual([]);
  });

  it('says so (without personal data) when a reader outlasts the waits, and tries again the next hour', async () => {
    await setUp();
    await vi.advanceTimersByTimeAsync(TRUNCATE_RETRY_MS.reduce((a, b) => a + b, 0));
    expect(inFile(dir, [name])).toEqual([name]);
    const warnings = lines.filter((l) => l.includes('"level":40'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('WAL busy');
    expect(lines.join('\n')).not.toContain('Sentinel');

    reader.prepare('COMMIT').run();
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(inFile(dir, [name])).toEqual([]);
    expect(statSync(join(dir, `${FILE}-wal`)).size).toBe(0);
  });
});

describe.runIf(TEST_STORE === 'postgres')(
  'the retention job and a transaction older than the erasure',
  () => {
    it('waits to rewrite the tables while an older snapshot could see the erased rows, then rewrites them', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'motesplats-retention-'));
      const clock = new ManualClock();
      const name = 'Sentinelname Snapshot';
      await plantHousehold(dir, clock, name);
      clock.advance(40 * DAY_MS);
      const opened = await openTestStore(dir, officeConfig(), clock.now());
      const { store } = opened;
      const seen = { kind: 'postgres' as const, dir, rows: opened.rows };
      // A report (or a pg_dump) that began before the erasure, on its own connection.
      const reader = new pg.Client({ connectionString: opened.url });
      await reader.connect();
      try {
        await reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
        // A table that is not rewritten: its lock must not be what holds the rewrite up.
        await reader.query('SELECT count(*) FROM offices');
        const erased = await store.eraseExpired(officeConfig(), clock.now());
        expect(erased.map((e) => e.dataClass)).toContain('household');
        // Gone from the rows, but the old version must stay for the reader: no rewrite yet.
        // And the log can say who holds it up, without what it runs.
        expect(await store.scrubAfterErasure()).toEqual({
          done: false,
          heldBy: [
            expect.stringMatching(
              /^snapshot: client backend, .*idle in transaction, this database, transaction of \d+ s$/,
            ),
          ],
        });
        expect(await storedValues(seen, [name])).toEqual([name]);
        await reader.query('COMMIT');
        expect(await store.scrubAfterErasure()).toEqual({ done: true });
        expect(await storedValues(seen, [name])).toEqual([]);
      } finally {
        await reader.end();
        await store.close();
        await opened.release();
        rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);
  },
);
