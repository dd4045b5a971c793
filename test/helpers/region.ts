import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { officeDay } from '../../shared/day.js';
import type { Role } from '../../shared/events.js';
import type { OfficeConfig } from '../../shared/office.js';
import { testConfig } from './domain.js';
import type { DeskId } from './office.js';
import { silentLogger, type Logger } from '../../server/log.js';
import { createRegionNode, type RegionNode, type RegionNodeParts } from '../../server/node/regionNode.js';
import { connect } from '../../server/store/postgres/connect.js';
import { PostgresOfficeStore } from '../../server/store/postgres/officeStore.js';
import { TEMPLATE_DATABASE } from '../setup/postgres.js';
import type { ManualClock, TestServer } from './server.js';

/** Ludvika's office: the same stations and desk ids as the test office's, under names of its own. */
export function ludvika(): OfficeConfig {
  const base = testConfig();
  return {
    ...base,
    name: 'Ludvika servicekontor',
    ticketPrefixes: { booked: 'M', walkIn: 'L' },
    stations: base.stations.map((s) => ({ ...s, name: `Ludvika ${s.name}` })),
    desks: base.desks.map((d) => ({ ...d, name: `Ludvika ${d.name}` })),
  };
}

/** The demo chain's first desk at each station, in order. */
export const CHAIN: [DeskId, string][] = [
  ['mv-1', 'mv'],
  ['af-1', 'af'],
  ['skv-fk-1', 'skv-fk'],
  ['kommun-1', 'kommun'],
];

/** A region's database for one test: copied from the migrated template, with these offices. */
export interface TestRegionDb {
  readonly url: string;
  readonly pool: pg.Pool;
  /** Creates a device of an office and returns its pairing code (as the CLI does beside the nodes). */
  code(officeId: string, role: Role, deskId?: string | null): Promise<string>;
  drop(): Promise<void>;
}

export async function createRegionDb(
  offices: readonly { id: string; config: OfficeConfig }[],
  now: number,
): Promise<TestRegionDb> {
  const server = inject('postgresServer');
  const database = `r_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  const admin = new pg.Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database} TEMPLATE ${TEMPLATE_DATABASE} STRATEGY FILE_COPY`);
  } finally {
    await admin.end();
  }
  const url = `${server}/${database}`;
  const pool = connect(url, { max: 2 });
  for (const { id, config } of offices)
    await PostgresOfficeStore.addOffice(pool, id, config, officeDay(now, config.timeZone), now);
  const stores = new Map<string, PostgresOfficeStore>();
  return {
    url,
    pool,
    async code(officeId, role, deskId = null) {
      let store = stores.get(officeId);
      if (!store) stores.set(officeId, (store = await PostgresOfficeStore.open(pool, officeId)));
      const created = await store.devices.create(
        { name: `${role} ${deskId ?? ''} ${randomUUID().slice(0, 4)}`.trim(), role, deskId },
        now,
      );
      return created.code;
    },
    async drop() {
      await pool.end();
      const dropper = new pg.Client({ connectionString: `${server}/postgres` });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

export interface TestNode {
  readonly url: string;
  readonly node: RegionNode;
  close(): Promise<void>;
}

/** A region node in this process, on an ephemeral port, with the tests' generous limits. */
export async function startTestNode(
  db: TestRegionDb,
  clock: ManualClock,
  options: Partial<Omit<RegionNodeParts, 'url' | 'clock'>> & { log?: Logger } = {},
): Promise<TestNode> {
  const node = await createRegionNode({
    url: db.url,
    clock,
    log: options.log ?? silentLogger,
    rendererDir: join('/nonexistent', 'renderer'),
    limits: {
      requests: { burst: 10_000, perSeconds: 1 },
      snapshots: { burst: 10_000, perSeconds: 1 },
      ...options.limits,
    },
    retentionDelayMs: 0,
    leaseCheckMs: 200,
    headsPollMs: 500,
    ...options,
  });
  const port = await node.listen(0, '127.0.0.1');
  let closed = false;
  return {
    url: `http://127.0.0.1:${port}`,
    node,
    async close() {
      if (closed) return;
      closed = true;
      await node.close();
    },
  };
}

/** Redeems a pairing code at a node over HTTP, as a device does; returns its token. */
export async function redeemAt(url: string, code: string): Promise<string> {
  const response = await fetch(`${url}/api/pair`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  if (!response.ok) throw new Error(`pairing failed: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/**
 * Offices of one database served by ONE node, each seen as a `TestServer` (the same URL for all):
 * so that a suite written for one office per server runs again with the offices side by side in
 * one process, as a region's nodes serve them.
 */
export async function startOfficesOnOneNode(
  offices: readonly { id: string; config: OfficeConfig }[],
  clock: ManualClock,
): Promise<TestServer[]> {
  const db = await createRegionDb(offices, clock.now());
  const node = await startTestNode(db, clock);
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= node.close().then(() => db.drop()));
  return offices.map(({ id }): TestServer => {
    const store = node.node.store(id)!;
    const engine = node.node.offices.get(id)!.engine;
    return {
      url: node.url,
      port: Number(new URL(node.url).port),
      server: { engine } as TestServer['server'],
      store,
      kind: 'postgres',
      async rows<R>(sql: string, params: readonly unknown[] = []) {
        let n = 0;
        const text = sql.replace(/\?/g, () => `$${++n}`);
        return (await db.pool.query(text, params as unknown[])).rows as R[];
      },
      openBeside: () => PostgresOfficeStore.connectOffice(db.url, id),
      get sqlite(): never {
        throw new Error('this test needs the SQLite store');
      },
      dir: '',
      clock,
      region: undefined,
      async pair(role, deskId) {
        const { code } = await store.devices.create(
          { name: `${role} ${deskId ?? ''}`.trim(), role, deskId: deskId ?? null },
          clock.now(),
        );
        return redeemAt(node.url, code);
      },
      close,
      cleanup: close,
    };
  });
}
