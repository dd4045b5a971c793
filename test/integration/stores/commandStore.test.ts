import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../server/log.js';
import { OfficeEngine } from '../../../server/office/engine.js';
import type { CommandStore } from '../../../server/store/commandStore.js';
import { connect, migrate } from '../../../server/store/postgres/connect.js';
import { PostgresOfficeStore } from '../../../server/store/postgres/officeStore.js';
import { OfficeStore } from '../../../server/store/store.js';
import type { Command } from '../../../shared/commands.js';
import type { EventEnvelope } from '../../../shared/events.js';
import type { AckResult } from '../../../shared/protocol.js';
import type { OfficeState } from '../../../shared/state.js';
import { actors, command, DAY, T0, testConfig, walkIn } from '../../helpers/domain.js';
import { postgresAvailable, startPostgres, type TestPostgres } from '../../helpers/postgres.js';

/**
 * The command path's side of the store seam (server/store/commandStore.ts), the same cases
 * against both stores: the engine over the embedded SQLite file and over PostgreSQL, many
 * offices in one database there.
 */

interface Opened {
  readonly store: CommandStore;
  readonly events: () => Promise<readonly EventEnvelope[]>;
  /** The state as a restart reads it back. */
  readonly reread: () => Promise<OfficeState>;
  readonly close: () => Promise<void>;
}

interface Backend {
  readonly name: string;
  /** A new, empty database; `office` opens (and on first use adds) an office in it. */
  fresh(): Promise<(office: string) => Promise<Opened>>;
  done(): Promise<void>;
}

const config = testConfig();

function sqlite(): Backend {
  const dirs: string[] = [];
  return {
    name: 'SQLite',
    async fresh() {
      const dir = mkdtempSync(join(tmpdir(), 'motesplats-seam-'));
      dirs.push(dir);
      return async (office) => {
        const file = join(dir, `${office}.sqlite`);
        const store = OfficeStore.open(file);
        if (!store.config()) store.seed(config, DAY, T0);
        return {
          store,
          events: async () => store.eventsSince(0, 1_000_000),
          reread: async () => {
            const again = OfficeStore.open(file);
            try {
              return again.loadState(again.config()!);
            } finally {
              again.close();
            }
          },
          close: async () => store.close(),
        };
      };
    },
    async done() {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

let databases = 0;

function postgres(server: () => TestPostgres): Backend {
  const pools: pg.Pool[] = [];
  return {
    name: 'PostgreSQL',
    async fresh() {
      const pool = connect(await server().createDatabase(`seam_${++databases}`));
      pools.push(pool);
      await migrate(pool);
      return async (office) => {
        if (!(await PostgresOfficeStore.listOffices(pool)).some((o) => o.id === office))
          await PostgresOfficeStore.addOffice(pool, office, config, DAY, T0);
        const store = await PostgresOfficeStore.open(pool, office);
        return {
          store,
          events: () => store.eventsSince(0, 1_000_000),
          reread: async () => (await store.readState()).state,
          close: async () => undefined,
        };
      };
    },
    async done() {
      await Promise.all(pools.map((p) => p.end()));
    },
  };
}

function engineOn(store: CommandStore, now = () => T0): OfficeEngine {
  return OfficeEngine.open(store, { clock: { now }, log: silentLogger, seed: config });
}

const run = (engine: OfficeEngine, actor: Parameters<OfficeEngine['execute']>[2], c: Command) =>
  engine.execute(c, c.payload.commandId, actor);

function ok<T>(ack: AckResult<unknown>): T {
  if (!ack.ok) throw new Error(`refused: ${ack.error.code} ${ack.error.message}`);
  return ack.value as T;
}

let server: TestPostgres | undefined;
const backends: Backend[] = [sqlite()];
if (postgresAvailable()) backends.push(postgres(() => server!));
else console.warn('SKIPPED the PostgreSQL half of the store seam tests: PostgreSQL is not installed');

beforeAll(async () => {
  if (postgresAvailable()) server = await startPostgres();
}, 60_000);
afterAll(async () => {
  for (const b of backends) await b.done();
  await server?.stop();
});

describe.each(backends)('the store seam on $name', (backend) => {
  let opened: Opened[] = [];
  const open = async (office: (office: string) => Promise<Opened>, id: string) => {
    const o = await office(id);
    opened.push(o);
    return o;
  };
  afterEach(async () => {
    for (const o of opened) await o.close();
    opened = [];
  });

  it('carries a household through the chain; the log is gap-free and rebuilds the state', async () => {
    const office = await open(await backend.fresh(), 'borlange');
    const engine = engineOn(office.store);
    const desk = actors.desk('mv-1');
    ok(await run(engine, desk, command('desk:sign_in', { officer: 'Anna' })));
    const { visitId } = ok<{ visitId: string }>(await run(engine, actors.kiosk, walkIn()));
    ok(await run(engine, desk, command('queue:call_next', {})));
    ok(await run(engine, desk, command('visit:start', { visitId })));
    ok(
      await run(
        engine,
        desk,
        command('visit:add_note', {
          visitId,
          note: { text: 'Tolk behövs nästa gång', visibility: 'shared' },
        }),
      ),
    );
    ok(
      await run(engine, desk, command('visit:hand_over', { visitId, to: { kind: 'next' }, outcome: 'done' })),
    );
    const events = await office.events();
    expect(events.length).toBeGreaterThan(5);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(engine.head).toBe(events.length);
    expect(await office.reread()).toEqual(engine.state);
  });

  it('a repeated command id gets the first answer and is written once, also after a restart', async () => {
    const office = await backend.fresh();
    const first = await open(office, 'borlange');
    const engine = engineOn(first.store);
    const again = walkIn('seam-retried-xxxxxxxx');
    const [a, b] = await Promise.all([run(engine, actors.kiosk, again), run(engine, actors.kiosk, again)]);
    expect(b).toEqual(a);
    const c = await run(engine, actors.kiosk, again);
    expect(c).toEqual(a);
    const events = (await first.events()).length;
    // A new engine on the same office: the record answers, nothing is written.
    const second = await open(office, 'borlange');
    const restarted = engineOn(second.store);
    expect(await run(restarted, actors.kiosk, again)).toEqual(a);
    expect((await second.events()).length).toBe(events);
    // In one group with a new command: the retry is answered from its record, the new one written.
    const [retried, fresh] = await Promise.all([
      run(restarted, actors.kiosk, again),
      run(restarted, actors.kiosk, walkIn()),
    ]);
    expect(retried).toEqual(a);
    expect(fresh).toMatchObject({ ok: true, seq: events + 1 });
    expect((await second.events()).length).toBe(events + 1);
    // Another device with that id is refused.
    const other = await run(restarted, actors.reception, again);
    expect(other).toMatchObject({ ok: false, error: { code: 'DUPLICATE_COMMAND_ID' } });
  });

  it('a retry whose command would now be refused gets its first answer, after a restart too', async () => {
    const office = await backend.fresh();
    const first = await open(office, 'borlange');
    const engine = engineOn(first.store);
    const desk = actors.desk('mv-1');
    ok(await run(engine, desk, command('desk:sign_in', { officer: 'Anna' })));
    ok(await run(engine, actors.kiosk, walkIn()));
    const call = command('queue:call_next', {}, 'seam-call-retried-xxxxxxxx');
    const called = await run(engine, desk, call);
    expect(called).toMatchObject({ ok: true });
    // Decided again, the call would find nobody waiting; the group writes nothing at all.
    expect(await run(engineOn((await open(office, 'borlange')).store), desk, call)).toEqual(called);
    expect(
      await run(engineOn((await open(office, 'borlange')).store), desk, command('queue:call_next', {})),
    ).toMatchObject({
      ok: false,
    });
  });

  it('groups of concurrent commands are numbered in order, each command once', async () => {
    const office = await open(await backend.fresh(), 'borlange');
    const engine = engineOn(office.store);
    const acks = await Promise.all(Array.from({ length: 60 }, () => run(engine, actors.kiosk, walkIn())));
    expect(acks.every((a) => a.ok)).toBe(true);
    const seqs = acks.map((a) => (a.ok ? a.seq : 0));
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    const events = await office.events();
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(new Set(events.map((e) => e.commandId)).size).toBe(60);
    expect(await office.reread()).toEqual(engine.state);
  });
});

describe.runIf(postgresAvailable())('many offices in one PostgreSQL database', () => {
  const pg = () => postgres(() => server!);

  it('keeps each office its own: log, numbering, state and command ids', async () => {
    const backend = pg();
    const office = await backend.fresh();
    const borlange = await office('borlange');
    const ludvika = await office('ludvika');
    const b = engineOn(borlange.store);
    const l = engineOn(ludvika.store);
    ok(await run(b, actors.kiosk, walkIn()));
    ok(await run(b, actors.kiosk, walkIn()));
    // The same command id in another office is another command.
    const shared = walkIn('seam-shared-xxxxxxxx');
    const inB = ok<{ ticket: string }>(await run(b, actors.kiosk, shared));
    const inL = ok<{ ticket: string }>(await run(l, actors.kiosk, shared));
    expect(inL.ticket).not.toBe(inB.ticket);
    expect((await borlange.events()).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect((await ludvika.events()).map((e) => e.seq)).toEqual([1]);
    expect(l.state.visits.size).toBe(1);
    expect(await ludvika.reread()).toEqual(l.state);
    expect(await borlange.reread()).toEqual(b.state);
    await backend.done();
  });

  it('a second writer on one office finds the log gone on: it catches up and decides its group again, on the latest state', async () => {
    const backend = pg();
    const office = await backend.fresh();
    const first = engineOn((await office('borlange')).store);
    const second = engineOn((await office('borlange')).store);
    const a = ok<{ ticket: string }>(await run(first, actors.kiosk, walkIn()));
    // The second decided on a log one behind: nothing of that was written, nobody was refused.
    const b = await run(second, actors.kiosk, walkIn());
    expect(b).toMatchObject({ ok: true, seq: 2 });
    expect((b as { value: { ticket: string } }).value.ticket).not.toBe(a.ticket);
    expect(second.state.visits.size).toBe(2);
    expect(second.healthy).toBe(true);
    await backend.done();
  });

  it('a command the second writer would refuse on the log it has is decided again once it has caught up, not refused', async () => {
    const backend = pg();
    const office = await backend.fresh();
    const first = engineOn((await office('borlange')).store);
    const second = engineOn((await office('borlange')).store);
    const desk = actors.desk(config.desks[0]!.id);
    ok(await run(first, desk, command('desk:sign_in', { officer: 'Anna' })));
    ok(await run(first, actors.kiosk, walkIn()));
    const { visitId } = ok<{ visitId: string }>(await run(first, desk, command('queue:call_next', {})));
    // The desk's screen reconnected to the second node before it heard of the call: on what it
    // holds, the desk has nobody signed in and nobody called, which nothing written would show.
    expect(second.head).toBe(0);
    const started = await run(second, desk, command('visit:start', { visitId }));
    expect(started).toMatchObject({ ok: true, seq: first.head + 1 });
    const visit = second.state.visits.get(visitId)!;
    expect(visit.steps[visit.current!]!.status).toBe('serving');
    await backend.done();
  });

  it('a connection lost while the commit was on its way: the answer says what the database holds', async () => {
    const url = await server!.createDatabase(`seam_${++databases}`);
    const pool = connect(url);
    await migrate(pool);
    await PostgresOfficeStore.addOffice(pool, 'borlange', config, DAY, T0);
    // The next statement that commits (a group's statement alone is its own transaction) is
    // made (or not), and then the connection "breaks" before its answer.
    let sabotage: 'made' | 'not made' | undefined;
    const commits = (query: unknown) =>
      query === 'COMMIT' || (query as { text?: string }).text?.startsWith('WITH o AS') === true;
    const realConnect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
    const sabotaged = async () => {
      const client = await realConnect();
      const query = client.query.bind(client) as (text: unknown, ...rest: unknown[]) => Promise<unknown>;
      (client as { query: unknown }).query = async (text: unknown, ...rest: unknown[]) => {
        if (!commits(text) || !sabotage) return query(text, ...rest);
        const made = sabotage === 'made';
        sabotage = undefined;
        if (made) await query(text, ...rest);
        else if (text === 'COMMIT') await query('ROLLBACK');
        throw new Error('Connection terminated unexpectedly');
      };
      return client;
    };
    // Both forms: the pool's own `query` asks for a connection with a callback.
    type Done = (error?: unknown, client?: pg.PoolClient, release?: () => void) => void;
    (pool as { connect: unknown }).connect = (done?: Done) => {
      if (!done) return sabotaged();
      sabotaged().then(
        (client) => done(undefined, client, () => client.release()),
        (error: unknown) => done(error),
      );
      return undefined;
    };
    const engine = engineOn(await PostgresOfficeStore.open(pool, 'borlange'));
    sabotage = 'made';
    const made = await run(engine, actors.kiosk, walkIn());
    expect(made).toMatchObject({ ok: true, seq: 1 });
    sabotage = 'not made';
    const notMade = walkIn();
    expect(await run(engine, actors.kiosk, notMade)).toMatchObject({
      ok: false,
      error: { code: 'STORAGE_UNAVAILABLE' },
    });
    // Nothing of it is stored, and its retry is a first try.
    const first = await run(engine, actors.kiosk, notMade);
    expect(first).toMatchObject({ ok: true, seq: 2 });
    // A retry of a committed command, on a server that has not looked it up (it restarted), cut
    // off on its way: that command's record is of its first commit, not of this write, so the
    // group is not taken as stored; a retry after gets the first answer.
    const restarted = engineOn(await PostgresOfficeStore.open(pool, 'borlange'));
    sabotage = 'not made';
    expect(await run(restarted, actors.kiosk, notMade)).toMatchObject({
      ok: false,
      error: { code: 'STORAGE_UNAVAILABLE' },
    });
    sabotage = 'made';
    expect(await run(restarted, actors.kiosk, notMade)).toMatchObject({
      ok: false,
      error: { code: 'STORAGE_UNAVAILABLE' },
    });
    expect(await run(restarted, actors.kiosk, notMade)).toEqual(first);
    const store = await PostgresOfficeStore.open(pool, 'borlange');
    expect((await store.eventsSince(0, 100)).map((e) => e.seq)).toEqual([1, 2]);
    expect((await store.readState()).state).toEqual(restarted.state);
    await pool.end();
  });
});

describe.runIf(postgresAvailable())('PostgreSQL stopped during a burst', () => {
  it('refuses with STORAGE_UNAVAILABLE meanwhile, loses nothing acked, and works again once it is back', async () => {
    const backend = postgres(() => server!);
    const office = await (await backend.fresh())('borlange');
    const engine = engineOn(office.store);
    const acked = new Map<string, number>();
    const refusals = new Set<string>();
    let sending = true;
    const burst = (async () => {
      while (sending) {
        const c = walkIn();
        const ack = await run(engine, actors.kiosk, c);
        if (ack.ok) acked.set(c.payload.commandId, ack.seq);
        else refusals.add(ack.error.code);
      }
    })();
    const senders = [burst];
    await new Promise((resolve) => setTimeout(resolve, 150));
    await server!.kill();
    // At once, or (a commit cut off on its way) once the database could not say whether it was
    // stored, up to 10 s later.
    await expect.poll(() => engine.healthy, { timeout: 15_000 }).toBe(false);
    await server!.start();
    // The engine probes (the server does so on a timer) and then commands pass again.
    await expect
      .poll(async () => (await engine.probeStorage(), engine.healthy), { timeout: 10_000 })
      .toBe(true);
    const before = acked.size;
    await expect.poll(() => acked.size, { timeout: 10_000 }).toBeGreaterThan(before + 5);
    sending = false;
    await Promise.all(senders);
    expect([...refusals]).toEqual(['STORAGE_UNAVAILABLE']);
    // Every acked command is in the log once, under the number it was acked with; a commit whose
    // answer was lost with the connection is there too, and the engine caught up with it.
    const events = await office.events();
    const byCommand = new Map(events.map((e) => [e.commandId, e.seq]));
    for (const [id, seq] of acked) expect(byCommand.get(id)).toBe(seq);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(engine.head).toBe(events.length);
    expect(await office.reread()).toEqual(engine.state);
    await backend.done();
  }, 60_000);
});
