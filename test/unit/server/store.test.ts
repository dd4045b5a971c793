import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseFromTheFutureError, openDatabase } from '../../../server/store/db.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../server/store/migrations/index.js';
import { OfficeEngine } from '../../../server/office/engine.js';
import { silentLogger } from '../../../server/log.js';
import { OfficeStore } from '../../../server/store/store.js';
import { CommandSchemas } from '../../../shared/commands.js';
import { apply, applyAll } from '../../../shared/apply.js';
import { initialState } from '../../../shared/state.js';
import { actors, DAY, DomainDriver, MINUTE, T0, testConfig } from '../../helpers/domain.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'motesplats-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the database', () => {
  it('is migrated to the latest version, with durable pragmas set explicitly', () => {
    const db = openDatabase(join(dir, 'a.sqlite'));
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db
      .prepare(
        `SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'`,
      )
      .all() as { name: string; strict: number }[];
    expect(tables.length).toBeGreaterThan(10);
    for (const t of tables) expect(t.strict, t.name).toBe(1);
    db.close();
  });

  it('runs each migration once: opening again changes nothing', () => {
    openDatabase(join(dir, 'a.sqlite')).close();
    const db = openDatabase(join(dir, 'a.sqlite'));
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('applies every migration from an empty file, in one transaction', () => {
    const db = new Database(join(dir, 'raw.sqlite'));
    for (const m of MIGRATIONS) expect(() => db.exec(m.sql)).not.toThrow();
    db.close();
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('migrations 2 and 5 keep the steps of a version-1 database, mark none as restored and give each its day', () => {
    const file = join(dir, 'v1.sqlite');
    const raw = new Database(file);
    raw.exec(MIGRATIONS[0]!.sql);
    raw.pragma('user_version = 1');
    raw.exec(`INSERT INTO visits (id, day, ticket, kind, language, adults, children, consent, created_at, status)
              VALUES ('v1', '${DAY}', 'W001', 'walk_in', 'ar', 1, 0, 1, ${T0}, 'active');
              INSERT INTO visit_steps (visit_id, idx, station_id, status, recalls, checklist)
              VALUES ('v1', 0, 'mv', 'waiting', 0, '{}');`);
    raw.close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare(`SELECT station_id, status, rule_override, day FROM visit_steps`).all()).toEqual([
      { station_id: 'mv', status: 'waiting', rule_override: 0, day: DAY },
    ]);
    db.close();
  });

  it('refuses a database from a newer version of Mötesplats', () => {
    const file = join(dir, 'future.sqlite');
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(DatabaseFromTheFutureError);
  });

  it('answers the hot queries from indexes, never by scanning', () => {
    const db = openDatabase(join(dir, 'a.sqlite'));
    const plan = (sql: string, ...args: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    // Replaying what a reconnecting screen missed.
    expect(plan(`SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?`, 1, 10)).toMatch(
      /SEARCH events USING INTEGER PRIMARY KEY/,
    );
    // An idempotent retry.
    expect(plan(`SELECT result FROM commands WHERE command_id = ?`, 'x')).toMatch(
      /SEARCH commands USING PRIMARY KEY/,
    );
    // Every handshake.
    expect(plan(`SELECT * FROM devices WHERE token_hash = ? AND revoked_at IS NULL`, 'x')).toMatch(
      /SEARCH devices USING INDEX/,
    );
    // Loading the live day at start.
    const load = plan(`SELECT * FROM visits WHERE day = ? OR status = 'active'`, DAY);
    expect(load).toMatch(/SEARCH visits USING INDEX .*\(day=\?\)/);
    expect(load).toMatch(/SEARCH visits USING INDEX visits_active/);
    expect(plan(`SELECT * FROM visit_steps WHERE visit_id = ?`, 'x')).toMatch(
      /SEARCH visit_steps USING PRIMARY KEY/,
    );
    // The statistics: a range of days is read from the index alone.
    expect(
      plan(
        `SELECT station_id, status, queued_at, called_at, started_at, ended_at FROM visit_steps WHERE day BETWEEN ? AND ?`,
        DAY,
        DAY,
      ),
    ).toMatch(/SEARCH visit_steps USING COVERING INDEX visit_steps_by_day/);
    db.close();
  });
});

describe('the projection', () => {
  it('reads back exactly the state that the commands produced', () => {
    const store = OfficeStore.open(join(dir, 'office.sqlite'));
    const config = testConfig();
    const seeded = store.seed(config, DAY, T0);
    expect(seeded).toEqual(initialState(config, DAY));

    // Drive a morning through the domain, committing each command's events as the engine does.
    const office = new DomainDriver(config);
    let before = office.state;
    let committed = 0;
    const commit = () => {
      const envelopes = office.log.slice(committed);
      committed = office.log.length;
      store.commit({
        commandId: `c${committed}`,
        deviceId: 'dev',
        name: 'test',
        at: office.now,
        envelopes,
        result: {},
        states: envelopes.reduce((all, e) => [...all, apply(all[all.length - 1]!, e)], [before]),
      });
      before = office.state;
    };
    office.signIn('mv-1');
    commit();
    office.run(actors.admin, 'interpreter:add', { language: 'ar', mode: 'onsite', name: 'Tolk Ett' });
    commit();
    const a = office.walkIn({ adults: 2, children: 3 });
    commit();
    const b = office.walkIn({ consent: false });
    commit();
    office.run(actors.desk('mv-1'), 'queue:call_next', {});
    office.run(actors.desk('mv-1'), 'visit:start', { visitId: a.visitId });
    office.run(actors.desk('mv-1'), 'visit:add_note', {
      visitId: a.visitId,
      note: { text: 'Delgivet', visibility: 'shared' },
    });
    office.run(actors.desk('mv-1'), 'visit:set_household', {
      visitId: a.visitId,
      adults: 2,
      children: 3,
      members: [{ name: 'Ayaan', birthDate: '1990-01-01', kind: 'adult' }],
    });
    const interpreterId = Object.keys(office.state.interpreters)[0]!;
    office.run(actors.desk('mv-1'), 'interpreter:attach', { interpreterId, visitId: a.visitId });
    office.advance(12 * MINUTE);
    office.run(actors.desk('mv-1'), 'visit:hand_over', {
      visitId: a.visitId,
      to: { kind: 'desk', deskId: 'af-2' },
      outcome: 'done',
    });
    commit();
    office.run(actors.reception, 'visit:cancel', { visitId: b.visitId, reason: 'visitor_left' });
    commit();

    expect(store.head()).toBe(office.seq);
    const loaded = store.loadState(config);
    expect(loaded).toEqual(office.state);
    // The log replayed from the start gives the same state too.
    expect(applyAll(initialState(config, DAY), store.eventsSince(0, 10_000))).toEqual(office.state);
    store.close();
  });
});

describe('the day turning', () => {
  it('records the closing of the day’s open visits, though the live state lets them go', async () => {
    const store = OfficeStore.open(join(dir, 'turn.sqlite'));
    const clock = { now: () => T0 };
    const engine = OfficeEngine.open(store, { clock, log: silentLogger, seed: testConfig() });
    const command = CommandSchemas['visit:check_in'].parse({
      commandId: 'turn-check-in-1',
      arrival: { kind: 'walk_in', adults: 1, children: 0 },
      language: 'ar',
      interpreterLanguage: null,
      consent: false,
    });
    const ack = await engine.execute(
      { name: 'visit:check_in', payload: command },
      command.commandId,
      actors.kiosk,
    );
    expect(ack.ok).toBe(true);
    clock.now = () => T0 + 86_400_000;
    expect((await engine.startDayIfDue()).ok).toBe(true);
    expect(engine.state.visits.size).toBe(0);
    expect(store.db.prepare(`SELECT status, cancel_reason FROM visits`).all()).toEqual([
      { status: 'cancelled', cancel_reason: 'day_ended' },
    ]);
    expect(store.loadState(testConfig())).toEqual(engine.state);
    store.close();
  });
});
