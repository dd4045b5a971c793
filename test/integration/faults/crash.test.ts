import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { connect } from '../../../server/store/postgres/connect.js';
import { PgAudit } from '../../../server/store/postgres/audit.js';
import { PgDevices } from '../../../server/store/postgres/devices.js';
import { PostgresOfficeStore } from '../../../server/store/postgres/officeStore.js';
import { applyAll } from '../../../shared/apply.js';
import { officeDay } from '../../../shared/day.js';
import { DomainEventSchema, type EventEnvelope, type Role } from '../../../shared/events.js';
import { OfficeConfigSchema } from '../../../shared/office.js';
import { stationQueue } from '../../../shared/queue.js';
import { fromData, initialState } from '../../../shared/state.js';
import { staffState } from '../../../shared/views.js';
import { bundled } from '../../helpers/bundle.js';
import { connectDevice, type TestClient } from '../../helpers/client.js';
import { scaled, testSeed } from '../../helpers/long.js';
import { rng } from '../../helpers/rng.js';
import { testConfig } from '../../helpers/domain.js';
import { freePort, pairWithServer, redeem, spawnServer, type ServerProcess } from '../../helpers/process.js';
import { expectEveryAckedOnce, type RowSource } from '../../helpers/ledger.js';
import { TEST_STORE } from '../../helpers/testStore.js';
import { TEMPLATE_DATABASE } from '../../setup/postgres.js';
import { untilAnswered } from '../../helpers/retry.js';
import { burstCommands } from '../../helpers/burst.js';

const ROUNDS = scaled(20, 300);
const SEED = testSeed();

/**
 * The server in its own process is killed with SIGKILL at a random point of a burst of commands
 * from five screens (two kiosks, three desks), round after round on the same data. The screens
 * keep retrying every command with its own id until it is answered, as the real ones do. After
 * each restart: every command acked before the kill is there exactly once (and answers a retry
 * with its first answer), ticket numbers run on without a gap or a repeat, the tables are what the
 * event log says, the queue keeps its order, and SQLite's integrity check passes.
 */
/** Rounds on one database; the long run starts a fresh one after each, so that a day stays a day's size. */
const PER_SERIES = 20;

describe('SIGKILL during a burst, round after round', () => {
  const dirs: string[] = [];
  let server: ServerProcess | undefined;
  const clients: TestClient[] = [];

  const targets: CrashTarget[] = [];

  afterAll(async () => {
    clients.forEach((c) => c.close());
    await server?.kill();
    for (const target of targets) await target.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it(
    `loses nothing acked and repeats nothing over ${ROUNDS} rounds (seed ${SEED})`,
    async () => {
      const r = rng(SEED);
      const script = await bundled('server/main.ts');
      let kills = 0;
      for (let done = 0; done < ROUNDS; done += PER_SERIES) {
        kills += await series(Math.min(PER_SERIES, ROUNDS - done));
        clients.splice(0).forEach((c) => c.close());
        await server?.kill();
      }
      expect(kills).toBeGreaterThanOrEqual(ROUNDS * 0.8);

      async function series(rounds: number): Promise<number> {
        const dir = mkdtempSync(join(tmpdir(), 'motesplats-crash-'));
        dirs.push(dir);
        const store = await crashTarget(dir);
        targets.push(store);
        const port = await freePort();
        server = await spawnServer(dir, port, store.args, script);
        const url = server.url;
        const tokens = new Map<TestClient, string>();
        const device = async (role: 'kiosk' | 'desk' | 'reception', desk: string | null = null) => {
          const token = await store.pair(url, role, desk);
          const client = await connectDevice(url, token);
          clients.push(client);
          tokens.set(client, token);
          return client;
        };
        const kiosks = [await device('kiosk'), await device('kiosk')];
        const desks = {
          'mv-1': await device('desk', 'mv-1'),
          'mv-2': await device('desk', 'mv-2'),
          'af-1': await device('desk', 'af-1'),
        };
        const watcher = await device('reception');
        for (const [id, desk] of Object.entries(desks))
          expect(
            (await untilAnswered(desk, 'desk:sign_in', { commandId: randomUUID(), officer: `Officer ${id}` }))
              .ok,
          ).toBe(true);

        const { acked, checkIns, serve } = burstCommands(r);

        let killed = 0;
        for (let round = 1; round <= rounds; round++) {
          const before = acked.length;
          const planned = 2 * 6 + 3 * 2 * 3;
          // Kill after a random number of answers: from before the first to near the end.
          const killAt = before + r.int(0, planned - 2);
          const burst = Promise.all(
            [
              checkIns(kiosks[0]!, 6),
              checkIns(kiosks[1]!, 6),
              serve(desks['mv-1'], 2, 'visit:hand_over'),
              serve(desks['mv-2'], 2, 'visit:hand_over'),
              serve(desks['af-1'], 2, 'visit:complete_step'),
            ].map((run) => run()),
          );
          const finished = burst.then(() => 'finished' as const);
          while (acked.length < killAt && (await Promise.race([finished, tick()])) !== 'finished');
          if (acked.length < killAt) continue; // the burst ended first: nothing to kill this round
          await server!.kill('SIGKILL');
          killed++;
          await store.expectIntact(`round ${round}`);
          server = await spawnServer(dir, port, store.args, script);
          await burst;

          await expectEveryAckedOnce(store.rows, acked, `round ${round}`);
          // A retry of any command acked this round gets its first answer, and changes nothing.
          const head = await headOf(store);
          for (const { client, name, payload, ack } of acked.slice(before))
            expect(await untilAnswered(client, name, payload), `retry of ${name}`).toEqual(ack);
          expect(await headOf(store)).toBe(head);
          await expectStateIsTheLog(url, watcher, tokens.get(watcher)!, store);
        }
        return killed;
      }
    },
    scaled(150_000, 3_600_000),
  );
});

const tick = () => new Promise<'tick'>((resolve) => setTimeout(() => resolve('tick'), 1));

async function headOf(store: CrashTarget): Promise<number> {
  const [row] = await store.rows<{ head: number }>(`SELECT coalesce(max(seq), 0) AS head FROM events`);
  return row!.head;
}

/**
 * What the restarted server holds is what its event log says: replaying the log from the first
 * state gives the state a fresh screen receives, and the screen that stayed (reconnecting with its
 * last sequence number) holds the same. Walk-ins wait at Migrationsverket in ticket order.
 */
async function expectStateIsTheLog(
  url: string,
  watcher: TestClient,
  token: string,
  store: CrashTarget,
): Promise<void> {
  const { config, day } = await store.office();
  const events = (
    await store.rows<{
      seq: number;
      at: number;
      command_id: string;
      device_id: string;
      role: string;
      desk_id: string | null;
      officer: string | null;
      payload: string;
    }>(`SELECT * FROM events ORDER BY seq`)
  ).map((e): EventEnvelope => ({
    seq: e.seq,
    at: e.at,
    commandId: e.command_id,
    actor: { deviceId: e.device_id, role: e.role as 'desk', deskId: e.desk_id, officer: e.officer },
    event: DomainEventSchema.parse(JSON.parse(e.payload)),
  }));
  // A day that turned during the test (a run across midnight) starts from another state.
  if (events.some((e) => e.event.type === 'day_started')) return;
  const replayed = fromData(
    staffState(applyAll(initialState(OfficeConfigSchema.parse(config), day), events)),
  );
  const fresh = await connectDevice(url, token);
  try {
    expect(fresh.state).toEqual(replayed);
    await watcher.until(() => watcher.lastSeq === fresh.lastSeq, 'the watcher caught up', 10_000);
    expect(watcher.state).toEqual(fresh.state);
    const mv = stationQueue(fresh.state!, 'mv', Date.now()).map((e) => Number(e.visit.ticket.slice(1)));
    expect(mv).toEqual([...mv].sort((a, b) => a - b));
  } finally {
    fresh.close();
  }
}

/**
 * Where a series' office lives, and how the test reads it behind the server's back: its SQLite
 * file, or (in the PostgreSQL project) a database of its own on the tests' PostgreSQL.
 */
interface CrashTarget {
  /** The server's arguments beyond --data and --port. */
  readonly args: string[];
  readonly rows: RowSource;
  pair(url: string, role: Role, deskId: string | null): Promise<string>;
  /** Straight after the kill, before the server comes back: the store finds itself sound. */
  expectIntact(context: string): Promise<void>;
  office(): Promise<{ config: unknown; day: string }>;
  close(): Promise<void>;
}

async function crashTarget(dir: string): Promise<CrashTarget> {
  if (TEST_STORE === 'sqlite') {
    const file = join(dir, 'motesplats.sqlite');
    const read = <R>(sql: string) => {
      const db = new Database(file, { readonly: true });
      try {
        return Promise.resolve(db.prepare(sql).all() as R[]);
      } finally {
        db.close();
      }
    };
    return {
      args: [],
      rows: read,
      pair: (url, role, deskId) => pairWithServer(url, file, role, deskId),
      expectIntact(context) {
        const db = new Database(file);
        try {
          expect(db.pragma('integrity_check', { simple: true }), context).toBe('ok');
          expect(db.pragma('foreign_key_check'), context).toEqual([]);
        } finally {
          db.close();
        }
        return Promise.resolve();
      },
      async office() {
        const [row] = await read<{ config: string }>(`SELECT config FROM office_config`);
        const [day] = await read<{ value: string }>(`SELECT value FROM meta WHERE key = 'office_day'`);
        return { config: JSON.parse(row!.config) as unknown, day: day!.value };
      },
      close: () => Promise.resolve(),
    };
  }
  const officeId = 'crash';
  const database = `crash_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: `${inject('postgresServer')}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database} TEMPLATE ${TEMPLATE_DATABASE}`);
  await admin.end();
  const url = `${inject('postgresServer')}/${database}`;
  const pool = connect(url, { max: 2 });
  const config = testConfig();
  await PostgresOfficeStore.addOffice(
    pool,
    officeId,
    config,
    officeDay(Date.now(), config.timeZone),
    Date.now(),
  );
  const devices = new PgDevices(pool, officeId, new PgAudit(pool, officeId));
  return {
    args: ['--database', url, '--office', officeId],
    rows: async <R>(sql: string) => (await pool.query(sql)).rows as R[],
    async pair(serverUrl, role, deskId) {
      const { code } = await devices.create(
        { name: `${role} ${deskId ?? ''}`.trim(), role, deskId },
        Date.now(),
      );
      return redeem(serverUrl, code);
    },
    // The server was killed, not PostgreSQL: the office's head is where its log ends, and no
    // command's record points past it.
    async expectIntact(context) {
      const [row] = (
        await pool.query<{ head: number; last: number; records: number }>(
          `SELECT o.head, (SELECT coalesce(max(seq), 0) FROM events WHERE office_id = o.id) AS last,
             (SELECT coalesce(max(last_seq), 0) FROM commands WHERE office_id = o.id) AS records
           FROM offices o WHERE o.id = $1`,
          [officeId],
        )
      ).rows;
      expect(row!.head, context).toBe(row!.last);
      expect(row!.records, context).toBeLessThanOrEqual(row!.head);
    },
    async office() {
      const [row] = (await pool.query<{ config: string; day: string }>(`SELECT config, day FROM offices`))
        .rows;
      return { config: JSON.parse(row!.config) as unknown, day: row!.day };
    },
    close: () => pool.end(),
  };
}
