import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyAll } from '../../../shared/apply.js';
import { DomainEventSchema, type EventEnvelope } from '../../../shared/events.js';
import { OfficeConfigSchema } from '../../../shared/office.js';
import { stationQueue } from '../../../shared/queue.js';
import { fromData, initialState } from '../../../shared/state.js';
import { staffState } from '../../../shared/views.js';
import { bundled } from '../../helpers/bundle.js';
import { connectDevice, type TestClient } from '../../helpers/client.js';
import { scaled, testSeed } from '../../helpers/long.js';
import { rng } from '../../helpers/rng.js';
import { freePort, pairWithServer, spawnServer, type ServerProcess } from '../../helpers/process.js';
import { expectEveryAckedOnce, type Acked } from '../../helpers/ledger.js';
import { untilAnswered } from '../../helpers/retry.js';

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

  afterAll(async () => {
    clients.forEach((c) => c.close());
    await server?.kill();
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
        const dbFile = join(dir, 'motesplats.sqlite');
        const port = await freePort();
        server = await spawnServer(dir, port, [], script);
        const url = server.url;
        const tokens = new Map<TestClient, string>();
        const device = async (role: 'kiosk' | 'desk' | 'reception', desk: string | null = null) => {
          const token = await pairWithServer(url, dbFile, role, desk);
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

        const acked: (Acked & { client: TestClient })[] = [];
        const send = async (client: TestClient, name: string, fields: Record<string, unknown>) => {
          const payload = { commandId: randomUUID(), ...fields };
          const ack = await untilAnswered(client, name, payload);
          if (ack.ok) acked.push({ client, name, payload, ack });
          return ack;
        };
        const checkIns = (kiosk: TestClient, n: number) => async () => {
          for (let i = 0; i < n; i++) {
            const ack = await send(kiosk, 'visit:check_in', {
              arrival: { kind: 'walk_in', adults: 1 + r.int(0, 2), children: r.int(0, 3) },
              language: r.pick(['ar', 'fa', 'ti', 'so', 'uk'] as const),
              interpreterLanguage: null,
              consent: r.chance(0.5),
            });
            expect(ack.ok).toBe(true);
          }
        };
        const serve =
          (desk: TestClient, n: number, finish: 'visit:hand_over' | 'visit:complete_step') => async () => {
            for (let i = 0; i < n; i++) {
              const called = await send(desk, 'queue:call_next', {});
              if (!called.ok) {
                expect(called.error.code).toBe('QUEUE_EMPTY');
                continue;
              }
              const { visitId } = called.value as { visitId: string };
              expect((await send(desk, 'visit:start', { visitId })).ok).toBe(true);
              const end = finish === 'visit:hand_over' ? { to: { kind: 'next' } } : {};
              expect((await send(desk, finish, { visitId, outcome: 'done', ...end })).ok).toBe(true);
            }
          };

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
          expectIntact(dbFile, `round ${round}`);
          server = await spawnServer(dir, port, [], script);
          await burst;

          await expectNothingLost(dbFile, acked, `round ${round}`);
          // A retry of any command acked this round gets its first answer, and changes nothing.
          const head = headOf(dbFile);
          for (const { client, name, payload, ack } of acked.slice(before))
            expect(await untilAnswered(client, name, payload), `retry of ${name}`).toEqual(ack);
          expect(headOf(dbFile)).toBe(head);
          await expectStateIsTheLog(url, watcher, tokens.get(watcher)!, dbFile);
        }
        return killed;
      }
    },
    scaled(150_000, 3_600_000),
  );
});

const tick = () => new Promise<'tick'>((resolve) => setTimeout(() => resolve('tick'), 1));

function headOf(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT coalesce(max(seq), 0) FROM events`).pluck().get() as number) ?? 0;
  } finally {
    db.close();
  }
}

/** Straight after the kill, before the server comes back: SQLite finds its file sound. */
function expectIntact(file: string, context: string): void {
  const db = new Database(file);
  try {
    expect(db.pragma('integrity_check', { simple: true }), context).toBe('ok');
    expect(db.pragma('foreign_key_check'), context).toEqual([]);
  } finally {
    db.close();
  }
}

/** Every acked command once, with all its events; tickets 1..n without a gap or a repeat. */
async function expectNothingLost(file: string, acked: readonly Acked[], context: string): Promise<void> {
  const db = new Database(file, { readonly: true });
  try {
    expectEveryAckedOnce(db, acked, context);
  } finally {
    db.close();
  }
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
  file: string,
): Promise<void> {
  const db = new Database(file, { readonly: true });
  let replayed;
  try {
    const config = OfficeConfigSchema.parse(
      JSON.parse(db.prepare(`SELECT config FROM office_config`).pluck().get() as string),
    );
    const day = db.prepare(`SELECT value FROM meta WHERE key = 'office_day'`).pluck().get() as string;
    const events = db
      .prepare<
        [],
        {
          seq: number;
          at: number;
          command_id: string;
          device_id: string;
          role: string;
          desk_id: string | null;
          officer: string | null;
          payload: string;
        }
      >(`SELECT * FROM events ORDER BY seq`)
      .all()
      .map((e): EventEnvelope => ({
        seq: e.seq,
        at: e.at,
        commandId: e.command_id,
        actor: { deviceId: e.device_id, role: e.role as 'desk', deskId: e.desk_id, officer: e.officer },
        event: DomainEventSchema.parse(JSON.parse(e.payload)),
      }));
    // A day that turned during the test (a run across midnight) starts from another state.
    if (events.some((e) => e.event.type === 'day_started')) return;
    replayed = fromData(staffState(applyAll(initialState(config, day), events)));
  } finally {
    db.close();
  }
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
