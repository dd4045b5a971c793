import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../server/log.js';
import { OfficeEngine } from '../../../server/office/engine.js';
import { connect } from '../../../server/store/postgres/connect.js';
import { PostgresOfficeStore } from '../../../server/store/postgres/officeStore.js';
import { OfficeStore } from '../../../server/store/store.js';
import type { Command } from '../../../shared/commands.js';
import type { Actor } from '../../../shared/events.js';
import { actors, command, DAY, MINUTE, T0, testConfig } from '../../helpers/domain.js';
import { postgresAvailable, startPostgres, type TestPostgres } from '../../helpers/postgres.js';

/**
 * `npm run office -- migrate`: an office's whole history moves from its SQLite file into the
 * region's PostgreSQL database, and goes on there as it would have on SQLite. And `office add`
 * and `office list`. Through the CLI, as an administrator runs it.
 */

const exec = promisify(execFile);
const ROOT = join(import.meta.dirname, '../../..');
const cli = (...args: string[]) =>
  exec(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { cwd: ROOT, encoding: 'utf8' });

let server: TestPostgres;
let dir: string;
let pool: pg.Pool;
let url: string;

beforeAll(async () => {
  if (!postgresAvailable()) return;
  server = await startPostgres();
  url = await server.createDatabase('region');
  pool = connect(url);
  dir = mkdtempSync(join(tmpdir(), 'motesplats-migrate-'));
}, 60_000);
afterAll(async () => {
  await pool?.end();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A SQLite office with a morning behind it: journeys, notes, devices, officers, audit, an erasure. */
async function officeWithHistory(file: string) {
  const store = OfficeStore.open(file);
  let now = T0;
  const engine = OfficeEngine.open(store, {
    clock: { now: () => now },
    log: silentLogger,
    seed: testConfig(),
  });
  const run = async (actor: Actor, c: Command) => {
    const ack = await engine.execute(c, c.payload.commandId, actor);
    if (!ack.ok) throw new Error(`${c.name}: ${ack.error.code}`);
    return ack.value as { visitId?: string };
  };
  for (const desk of ['mv-1', 'mv-2', 'af-1'])
    await run(actors.desk(desk), command('desk:sign_in', { officer: `O ${desk}` }));
  for (let i = 0; i < 40; i++) {
    now += MINUTE;
    await run(
      actors.kiosk,
      command('visit:check_in', {
        arrival: { kind: 'walk_in', adults: 1 + (i % 2), children: i % 3 },
        language: i % 2 ? 'ar' : 'ti',
        interpreterLanguage: i % 4 === 0 ? 'ti' : null,
        consent: true,
      }),
    );
  }
  for (let i = 0; i < 12; i++) {
    const desk = actors.desk(i % 2 ? 'mv-1' : 'mv-2');
    now += 3 * MINUTE;
    const { visitId } = await run(desk, command('queue:call_next', {}));
    await run(desk, command('visit:start', { visitId }));
    await run(
      desk,
      command('visit:add_note', { visitId, note: { text: `Anteckning ${i}`, visibility: 'shared' } }),
    );
    await run(desk, command('visit:hand_over', { visitId, to: { kind: 'next' }, outcome: 'done' }));
  }
  const { device } = store.devices.create({ name: 'Kiosk entré', role: 'kiosk', deskId: null }, now);
  store.devices.create({ name: 'Handläggare', role: 'desk', deskId: 'mv-1' }, now);
  store.officers.setPin('Anna Berg', '4711', now);
  store.audit.record({ at: now, deviceId: device.id, officer: null, visitId: null, action: 'visit:search' });
  store.db
    .prepare(`INSERT INTO erasures (at, data_class, agency, before_day, visits) VALUES (?, ?, ?, ?, ?)`)
    .run(now, 'notes', 'mv', DAY, 3);
  return { store, engine };
}

/** A row as SQLite has it: without its office, nor the devices' order of adding (SQLite's rowid). */
const withoutOffice = (rows: Record<string, unknown>[]) =>
  rows.map(({ office_id: _office, n: _n, ...rest }) => rest);

describe.runIf(postgresAvailable())('moving an office from SQLite to PostgreSQL', () => {
  it('copies the whole history: the state, the log, devices, officers, audit and erasures are the same', async () => {
    const file = join(dir, 'borlange.sqlite');
    const { store, engine } = await officeWithHistory(file);
    const { stdout } = await cli('migrate', '--from', file, '--to', url, '--office', 'borlange');
    expect(stdout).toMatch(/Office borlange copied in [\d.]+ s, at sequence \d+: events \d+/);

    const moved = await PostgresOfficeStore.open(pool, 'borlange');
    expect(moved.head()).toBe(engine.head);
    expect(moved.loadState(moved.config())).toEqual(engine.state);
    expect(await moved.eventsSince(0, 1_000_000)).toEqual(store.eventsSince(0, 1_000_000));
    for (const [table, order] of [
      ['devices', 'id'],
      ['officers', 'name'],
      ['audit', 'id'],
      ['erasures', 'id'],
      ['commands', 'command_id'],
      ['visit_steps', 'visit_id, idx'],
      ['notes', 'id'],
    ] as const) {
      const there = await pool.query(`SELECT * FROM ${table} WHERE office_id = 'borlange' ORDER BY ${order}`);
      const here = store.db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all();
      expect(withoutOffice(there.rows), table).toEqual(here);
    }

    // The office goes on where it stood: the next sequence number, the next ticket.
    const there = OfficeEngine.open(moved, {
      clock: { now: () => T0 + 4 * 60 * MINUTE },
      log: silentLogger,
      seed: testConfig(),
    });
    const walkIn = command('visit:check_in', {
      arrival: { kind: 'walk_in', adults: 1, children: 0 },
      language: 'sv',
      interpreterLanguage: null,
      consent: true,
    });
    const onSqlite = await engine.execute(walkIn, walkIn.payload.commandId, actors.kiosk);
    const onPostgres = await there.execute(walkIn, walkIn.payload.commandId, actors.kiosk);
    expect(onPostgres.ok && onSqlite.ok && onPostgres.seq).toBe(onSqlite.ok && onSqlite.seq);
    expect((onPostgres as { value: { ticket: string } }).value.ticket).toBe(
      (onSqlite as { value: { ticket: string } }).value.ticket,
    );
    store.close();

    // Moving it twice is refused, and changes nothing.
    const again = await cli('migrate', '--from', file, '--to', url, '--office', 'borlange').catch(
      (e: unknown) => e,
    );
    expect(again).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/already holds an office "borlange"/),
    });
    expect((await PostgresOfficeStore.open(pool, 'borlange')).head()).toBe(there.head);
  }, 60_000);

  it('adds an office from its config file and lists the offices', async () => {
    const config = join(dir, 'ludvika.json');
    writeFileSync(config, JSON.stringify({ ...testConfig(), name: 'Mötesplats Ludvika' }));
    const added = await cli('--database', url, 'office', 'add', '--id', 'ludvika', '--config', config);
    expect(added.stdout).toContain('Office ludvika ("Mötesplats Ludvika") added.');
    const { stdout } = await cli('--database', url, 'office', 'list');
    expect(stdout).toMatch(/^ludvika\s+Mötesplats Ludvika\s+day \d{4}-\d\d-\d\d, sequence 0$/m);
    const bad = await cli('--database', url, 'office', 'add', '--id', 'Not An Id', '--config', config).catch(
      (e: unknown) => e,
    );
    expect(bad).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/lower-case letters, digits and dashes/),
    });
  }, 60_000);
});
