import { fromData } from '../../../shared/state.js';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { publicView, staffState, statusView } from '../../../shared/views.js';
import { connectDevice, connectStatusPage, type TestClient } from '../../helpers/client.js';
import { expectEveryAckedOnce, type Acked } from '../../helpers/ledger.js';
import { scaled, testSeed } from '../../helpers/long.js';
import { rng } from '../../helpers/rng.js';
import { DESKS, type DeskId } from '../../helpers/office.js';
import { FaultProxy } from '../../helpers/proxy.js';
import { sleep, untilAnswered } from '../../helpers/retry.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';

const STORM_MS = scaled(6_000, 90_000);
const SEED = testSeed();
/** A short heartbeat, so that half-open connections are given up within the test. */
const HEARTBEAT = { intervalMs: 300, timeoutMs: 300 };

let server: TestServer | undefined;
let proxy: FaultProxy | undefined;
const clients: TestClient[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await proxy?.close();
  await server?.cleanup();
  server = proxy = undefined;
});

const withoutSeq = <T extends { seq: number }>(view: T | undefined) => view && { ...view, seq: 0 };

/**
 * Every screen but the kiosk that drives the day reaches the server through a proxy that, for
 * a while, adds latency, cuts connections, holds them half-open and refuses new ones, while the
 * desks work through it (retrying each command with its own id). Afterwards each screen must hold
 * exactly what the server holds: staff screens the state at the log's head (resynced by sequence
 * number, never with a gap: the test client fails on one), the display and kiosk the public
 * view, status pages their own ticket's view; and every command the desks got an ack for took
 * effect exactly once.
 */
describe('a storm on the office network', () => {
  it(
    `screens reconnect, resync by sequence number and show no stale queue (${STORM_MS / 1000} s, seed ${SEED})`,
    async () => {
      const r = rng(SEED);
      server = await startTestServer({ heartbeat: HEARTBEAT });
      const s = server;
      proxy = await FaultProxy.start({ host: '127.0.0.1', port: s.port });
      const via = async (token: string) => {
        const client = await connectDevice(proxy!.url, token);
        clients.push(client);
        return client;
      };
      const driver = await connectDevice(s.url, await s.pair('kiosk'));
      clients.push(driver);
      const desks = Object.fromEntries(
        await Promise.all(DESKS.map(async (id) => [id, await via(await s.pair('desk', id))])),
      ) as Record<DeskId, TestClient>;
      const watchers = [
        await via(await s.pair('reception')),
        await via(await s.pair('admin')),
        await via(await s.pair('display')),
        await via(await s.pair('display')),
        await via(await s.pair('kiosk')),
      ];
      for (const id of DESKS)
        expect((await desks[id].command('desk:sign_in', { officer: `Officer ${id}` })).ok).toBe(true);
      const statusPages: { client: TestClient; visitId: string }[] = [];
      const checkIn = async () => {
        const ack = await driver.command('visit:check_in', {
          arrival: { kind: 'walk_in', adults: 1, children: r.int(0, 2) },
          language: r.pick(['ar', 'ti', 'uk'] as const),
          interpreterLanguage: null,
          consent: true,
        });
        if (!ack.ok) throw new Error(ack.error.code);
        return ack.value;
      };
      for (let i = 0; i < 3; i++) {
        const { visitId, statusToken } = await checkIn();
        const client = await connectStatusPage(proxy.url, statusToken);
        clients.push(client);
        statusPages.push({ client, visitId });
      }

      // Of the sockets open now as well as those to come: the first hold catches the ones open now.
      const reasons: string[] = [];
      const listen = (socket: { on(event: 'disconnect', fn: (reason: string) => void): unknown }) =>
        socket.on('disconnect', (reason) => reasons.push(reason));
      s.server.realtime.io.sockets.sockets.forEach(listen);
      s.server.realtime.io.on('connection', listen);

      const acked: Acked[] = [];
      let stormOver = false;
      const send = async (desk: TestClient, name: string, fields: Record<string, unknown>) => {
        const payload = { commandId: randomUUID(), ...fields };
        const ack = await untilAnswered(desk, name, payload, { tryMs: 1000, deadlineMs: STORM_MS + 30_000 });
        if (ack.ok) acked.push({ name, payload, ack });
        return ack;
      };
      const work = async (id: DeskId) => {
        const desk = desks[id];
        while (!stormOver) {
          const called = await send(desk, 'queue:call_next', {});
          if (!called.ok) {
            expect(called.error.code).toBe('QUEUE_EMPTY');
            await sleep(50);
            continue;
          }
          const { visitId } = called.value as { visitId: string };
          expect((await send(desk, 'visit:start', { visitId })).ok).toBe(true);
          const last = id.startsWith('kommun');
          const end = await send(desk, last ? 'visit:complete' : 'visit:hand_over', {
            visitId,
            outcome: 'done',
            ...(!last && { to: { kind: 'next' } }),
          });
          expect(end.ok).toBe(true);
        }
      };
      const arrivals = async () => {
        while (!stormOver) {
          await checkIn();
          await sleep(r.int(20, 80));
        }
      };
      const chaos = async () => {
        // Each kind of fault at least once, then at random.
        const faults = ['hold', 'latency', 'refuse', 'cut'];
        let heldLong = false;
        while (!stormOver) {
          const fault = faults.shift() ?? r.pick(['hold', 'cut', 'latency', 'latency', 'refuse', 'calm']);
          if (fault === 'hold') proxy!.holdAll();
          else if (fault === 'cut') proxy!.cutAll();
          else if (fault === 'latency') proxy!.setLatency(r.int(0, 40), r.int(40, 250));
          else if (fault === 'refuse') {
            proxy!.setRefusing(true);
            proxy!.cutAll();
            await sleep(r.int(100, 600));
            proxy!.setRefusing(false);
          } else proxy!.heal();
          // The first hold outlasts the heartbeat, so that it surely gives a connection up.
          const heartbeatGivesUp = 2 * (HEARTBEAT.intervalMs + HEARTBEAT.timeoutMs);
          await sleep(fault === 'hold' && !heldLong ? heartbeatGivesUp : r.int(150, 600));
          if (fault === 'hold') heldLong = true;
        }
        proxy!.heal();
      };
      const storm = Promise.all([...DESKS.map(work), arrivals(), chaos()]);
      await sleep(STORM_MS);
      stormOver = true;
      await storm;

      // The network is good again: everyone converges on the server's state.
      const head = s.server.engine.head;
      const state = s.server.engine.state;
      const now = s.clock.now();
      expect(proxy.counts.cut).toBeGreaterThan(0);
      expect(proxy.counts.held).toBeGreaterThan(0);
      expect(proxy.counts.refused).toBeGreaterThan(0);
      expect(reasons, 'half-open connections given up by the heartbeat').toContain('ping timeout');
      let reconnects = 0;
      for (const client of [...Object.values(desks), ...watchers.slice(0, 2)]) {
        await client.until(() => client.socket.connected && client.lastSeq === head, 'caught up', 10_000);
        expect(client.state).toEqual(fromData(staffState(state)));
        // Resynced by sequence number: reconnected, yet never needed a second snapshot.
        const count = (event: string) => client.received.filter((m) => m.event === event).length;
        expect(count('sync:snapshot')).toBe(1);
        reconnects += count('session:ready') - 1;
      }
      expect(reconnects).toBeGreaterThan(10);
      for (const client of watchers.slice(2)) {
        await client.until(
          () =>
            JSON.stringify(withoutSeq(client.publicView)) ===
            JSON.stringify(withoutSeq(publicView(state, head))),
          'the public view',
          10_000,
        );
      }
      for (const { client, visitId } of statusPages) {
        const own = statusView(state, visitId, head, now);
        await client.until(
          () => JSON.stringify(withoutSeq(client.statusView)) === JSON.stringify(withoutSeq(own)),
          'its status view',
          10_000,
        );
        const tickets = new Set(
          client.received
            .filter((m) => m.event === 'status:view')
            .map((m) => (m.args[0] as { ticket: string }).ticket),
        );
        expect([...tickets]).toEqual([state.visits.get(visitId)!.ticket]);
      }
      await expectEveryAckedOnce((sql) => s.rows(sql), acked, 'after the storm');
      expect(acked.filter((a) => a.name === 'visit:hand_over').length).toBeGreaterThan(0);
      expect(acked.length).toBeGreaterThan(10);
    },
    STORM_MS + 60_000,
  );
});
