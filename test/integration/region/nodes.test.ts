import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfficeConfig } from '../../../shared/office.js';
import { toData } from '../../../shared/state.js';
import { PostgresOfficeStore } from '../../../server/store/postgres/officeStore.js';
import { canonicalJson } from '../../helpers/canonical.js';
import { connectDevice, type TestClient } from '../../helpers/client.js';
import { testConfig } from '../../helpers/domain.js';
import { ok } from '../../helpers/office.js';
import {
  createRegionDb,
  redeemAt,
  startTestNode,
  type TestNode,
  type TestRegionDb,
} from '../../helpers/region.js';
import { ManualClock } from '../../helpers/server.js';
import { TEST_STORE } from '../../helpers/testStore.js';

/** Six desks at the chain's first station, so that six desks can call from one queue at once. */
function sixDesks(): OfficeConfig {
  const base = testConfig();
  const first = base.chain[0]!;
  const extra = [3, 4, 5, 6].map((n) => ({ id: `${first}-${n}`, name: `Extra ${n}`, stationId: first }));
  return { ...base, desks: [...base.desks, ...extra] };
}

const ROUNDS = 12;

describe.skipIf(TEST_STORE !== 'postgres')('three nodes on one PostgreSQL', () => {
  const clock = new ManualClock();
  const config = sixDesks();
  const first = config.chain[0]!;
  const deskIds = config.desks.filter((d) => d.stationId === first).map((d) => d.id);
  let db: TestRegionDb;
  let nodes: TestNode[];
  let desks: TestClient[];
  let kiosk: TestClient;
  let display: TestClient;

  beforeAll(async () => {
    db = await createRegionDb(
      [
        { id: 'borlange', config },
        { id: 'ludvika', config: { ...testConfig(), name: 'Ludvika' } },
      ],
      clock.now(),
    );
    nodes = [];
    for (let i = 0; i < 3; i++) nodes.push(await startTestNode(db, clock));
    const at = (i: number) => nodes[i % 3]!.url;
    // Desks spread over the nodes; the kiosk on the first, the display on the last.
    desks = await Promise.all(
      deskIds.map(async (deskId, i) => {
        const desk = await connectDevice(
          at(i),
          await redeemAt(at(i), await db.code('borlange', 'desk', deskId)),
        );
        ok(await desk.command('desk:sign_in', { officer: `Officer ${deskId}` }));
        return desk;
      }),
    );
    kiosk = await connectDevice(at(0), await redeemAt(at(0), await db.code('borlange', 'kiosk')));
    display = await connectDevice(at(2), await redeemAt(at(2), await db.code('borlange', 'display')));
  }, 60_000);

  afterAll(async () => {
    for (const c of [...(desks ?? []), kiosk, display]) c?.close();
    for (const n of nodes ?? []) await n.close();
    await db?.drop();
  });

  it('every node serves every office of the database, and exactly one runs each office’s jobs', async () => {
    for (const n of nodes) expect([...n.node.offices.keys()].sort()).toEqual(['borlange', 'ludvika']);
    const held = nodes.flatMap((n) => n.node.jobsHeld());
    expect(held.sort()).toEqual(['borlange', 'ludvika']);
  });

  it('desks on different nodes calling at the same moment never get the same visit, and tickets go in order', async () => {
    const called: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < desks.length; i++)
        ok(
          await kiosk.command('visit:check_in', {
            arrival: { kind: 'walk_in', adults: 1, children: 0 },
            language: 'sv',
            interpreterLanguage: null,
            consent: true,
          }),
        );
      // The same moment: every desk's call is on its way before any answer comes back.
      const acks = await Promise.all(desks.map((d) => d.command('queue:call_next', {})));
      for (const ack of acks) called.push(ok(ack)!.visitId);
      // Each desk finishes its household here, so that it may call again next round.
      await Promise.all(
        desks.map(async (d, i) => {
          const visitId = ok(acks[i]!)!.visitId;
          ok(await d.command('visit:start', { visitId }));
          ok(await d.command('visit:hand_over', { visitId, to: { kind: 'next' }, outcome: 'done' }));
        }),
      );
    }
    expect(called).toHaveLength(ROUNDS * desks.length);
    expect(new Set(called).size).toBe(called.length);

    // In the log's order, the calls at the first station took the tickets in the order they came.
    const rows = await db.pool.query<{ payload: string }>(
      `SELECT payload FROM events WHERE office_id = 'borlange' AND type = 'called' ORDER BY seq`,
    );
    const visits = new Map(
      (
        await db.pool.query<{ id: string; ticket: string }>(
          `SELECT id, ticket FROM visits WHERE office_id = 'borlange'`,
        )
      ).rows.map((r) => [r.id, r.ticket]),
    );
    const tickets = rows.rows.map((r) => visits.get((JSON.parse(r.payload) as { visitId: string }).visitId)!);
    const numbers = tickets.map((t) => Number(t.slice(1)));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it('a call on one node reaches the display on another, and every node’s state is the log’s', async () => {
    ok(
      await kiosk.command('visit:check_in', {
        arrival: { kind: 'walk_in', adults: 1, children: 0 },
        language: 'sv',
        interpreterLanguage: null,
        consent: true,
      }),
    );
    const { ticket } = ok(await desks[0]!.command('queue:call_next', {}))!;
    await display.until(
      () => display.publicView?.calls?.some((c) => c.ticket === ticket) ?? false,
      'the call on the display of another node',
    );
    // Every staff screen on every node has every event, in order (TestClient throws on a gap).
    const head = Math.max(...nodes.map((n) => n.node.offices.get('borlange')!.engine.head));
    for (const d of desks) await d.until(() => d.lastSeq === head, 'the head on every desk');
    const fresh = await PostgresOfficeStore.open(db.pool, 'borlange');
    const truth = canonicalJson(toData(fresh.loadState(fresh.config())));
    for (const n of nodes) {
      const engine = n.node.offices.get('borlange')!.engine;
      await expect.poll(() => engine.head).toBe(head);
      expect(canonicalJson(toData(engine.state))).toBe(truth);
    }
  });
});
