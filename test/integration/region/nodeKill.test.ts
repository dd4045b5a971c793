import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TestBalancer } from '../../helpers/balancer.js';
import { bundled } from '../../helpers/bundle.js';
import { connectDevice, type TestClient } from '../../helpers/client.js';
import { testConfig } from '../../helpers/domain.js';
import { expectEveryAckedOnce } from '../../helpers/ledger.js';
import { scaled, testSeed } from '../../helpers/long.js';
import { freePort, spawnServer, type ServerProcess } from '../../helpers/process.js';
import { createRegionDb, redeemAt, type TestRegionDb } from '../../helpers/region.js';
import { untilAnswered } from '../../helpers/retry.js';
import { burstCommands } from '../../helpers/burst.js';
import { rng } from '../../helpers/rng.js';
import { TEST_STORE } from '../../helpers/testStore.js';

const ROUNDS = scaled(20, 200);
const SEED = testSeed();
/** Staff screens that only watch: those of the killed node must come back on the others. */
const WATCHERS = 200;
const OFFICE = 'borlange';

/**
 * Three node processes on one PostgreSQL behind a balancer; round after round one of them is
 * killed with SIGKILL at a random point of a burst of commands from five screens that retry
 * every command with its own id until it is answered (as the real ones do). Every acked command
 * is there exactly once, a retry gets its first answer, and the watching screens of the killed
 * node are back on the other nodes with everything up to the head of the log. The time until the
 * last of them is back is printed for the closing note (goal: under 3 s for 200 screens).
 */
describe.skipIf(TEST_STORE !== 'postgres')('SIGKILL of one node of three during a burst', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motesplats-nodes-'));
  let db: TestRegionDb | undefined;
  let balancer: TestBalancer | undefined;
  const nodes: (ServerProcess | undefined)[] = [];
  const clients: TestClient[] = [];

  afterAll(async () => {
    clients.forEach((c) => c.close());
    for (const n of nodes) await n?.kill();
    await balancer?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    `loses nothing acked, and the killed node's screens come back on the others, over ${ROUNDS} rounds (seed ${SEED})`,
    async () => {
      const r = rng(SEED);
      db = await createRegionDb([{ id: OFFICE, config: testConfig() }], Date.now());
      const script = await bundled('server/main.ts');
      const ports = [await freePort(), await freePort(), await freePort()];
      const start = (i: number) => spawnServer(dir, ports[i]!, ['--database', db!.url], script);
      for (let i = 0; i < 3; i++) nodes[i] = await start(i);
      balancer = await TestBalancer.start(ports);
      const url = balancer.url;

      const device = async (role: 'kiosk' | 'desk' | 'reception', desk: string | null = null) => {
        const client = await connectDevice(url, await redeemAt(url, await db!.code(OFFICE, role, desk)));
        clients.push(client);
        return client;
      };
      const kiosks = [await device('kiosk'), await device('kiosk')];
      const desks = {
        'mv-1': await device('desk', 'mv-1'),
        'mv-2': await device('desk', 'mv-2'),
        'af-1': await device('desk', 'af-1'),
      };
      for (const [id, desk] of Object.entries(desks))
        expect(
          (await untilAnswered(desk, 'desk:sign_in', { commandId: randomUUID(), officer: `Officer ${id}` }))
            .ok,
        ).toBe(true);
      const watchers: TestClient[] = [];
      for (let i = 0; i < WATCHERS; i += 20)
        watchers.push(
          ...(await Promise.all(
            Array.from({ length: Math.min(20, WATCHERS - i) }, () => device('reception')),
          )),
        );

      const { acked, checkIns, serve } = burstCommands(r);
      const head = async () =>
        (await db!.pool.query<{ head: number }>(`SELECT head FROM offices WHERE id = $1`, [OFFICE])).rows[0]!
          .head;

      const backTimes: number[] = [];
      let kills = 0;
      for (let round = 1; round <= ROUNDS; round++) {
        const before = acked.length;
        const planned = 2 * 6 + 3 * 2 * 3;
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
        if (acked.length >= killAt) {
          // The node with the most screens on it (after a few kills the others have them all).
          const load = ports.map((port) => balancer!.connectionsTo(port));
          const victim = load.indexOf(Math.max(...load));
          const dropped = new Set<TestClient>();
          const listeners = watchers.map((w) => {
            const off = () => dropped.add(w);
            w.socket.once('disconnect', off);
            return () => w.socket.off('disconnect', off);
          });
          await nodes[victim]!.kill('SIGKILL');
          const killedAt = Date.now();
          kills++;
          const headAtKill = await head();
          // Its screens lose their connection within a moment of the kill (the socket closes).
          await new Promise((resolve) => setTimeout(resolve, 100));
          listeners.forEach((off) => off());
          const back = [...dropped];
          expect(back.length, `round ${round}: watchers on the killed node`).toBeGreaterThan(0);
          await Promise.all(
            back.map((w) =>
              w.until(() => w.socket.connected && w.lastSeq >= headAtKill, 'back at the head', 20_000),
            ),
          );
          backTimes.push(Date.now() - killedAt);
          nodes[victim] = await start(victim);
        }
        await burst;

        await expectEveryAckedOnce((sql) => db!.pool.query(sql).then((q) => q.rows), acked, `round ${round}`);
        const now = await head();
        for (const { client, name, payload, ack } of acked.slice(before))
          expect(await untilAnswered(client, name, payload), `retry of ${name}`).toEqual(ack);
        expect(await head()).toBe(now);
        for (const w of watchers) await w.until(() => w.lastSeq === now, 'every watcher at the head', 20_000);
      }
      expect(kills).toBeGreaterThanOrEqual(ROUNDS * 0.8);
      const sorted = [...backTimes].sort((a, b) => a - b);
      console.log(
        `node kill: ${kills} kills, ${WATCHERS} watchers over 3 nodes; all of the killed node's back at the head in ` +
          `median ${sorted[Math.floor(sorted.length / 2)]} ms, max ${sorted[sorted.length - 1]} ms`,
      );
    },
    scaled(240_000, 3_600_000),
  );
});

const tick = () => new Promise<'tick'>((resolve) => setTimeout(() => resolve('tick'), 1));
