import { createServer, type Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/postgres-adapter';
import type pg from 'pg';
import { defaultRendererDir, listenOn, type ServerParts } from '../app.js';
import { createRequestHandler } from '../http/routes.js';
import { secureSocketIo } from '../http/security.js';
import { OfficeEngine } from '../office/engine.js';
import { startOfficeJobs, type OfficeJobs } from '../office/jobs.js';
import { DEFAULT_LIMITS } from '../realtime/budgets.js';
import {
  attachRealtime,
  DEFAULT_HEARTBEAT,
  DEFAULT_STORAGE_PROBE_MS,
  type OfficeRealtime,
} from '../realtime/server.js';
import { Region } from '../region/region.js';
import { StatsService } from '../stats/service.js';
import { connect, migrate } from '../store/postgres/connect.js';
import { DEVICES_CHANNEL } from '../store/postgres/devices.js';
import { PgListener } from '../store/postgres/listener.js';
import { PostgresOfficeStore } from '../store/postgres/officeStore.js';
import { PG_SCHEMA_VERSION } from '../store/postgres/schema.js';
import { rowsOf } from '../store/postgres/tx.js';
import { isPgStorageFault } from '../store/postgres/faults.js';
import { isStorageFault } from '../store/faults.js';
import { loggableError } from '../log.js';
import { Leases } from './leases.js';

/** How often a node reads every office's head, in case a node's news was lost on the way. */
const HEADS_POLL_MS = 2_000;

/** A poll of the heads that does not answer within this counts as a database out of reach. */
const HEADS_POLL_TIMEOUT_MS = 5_000;

/** The connections of a node: shared by all its offices (a group holds one for a round trip). */
const NODE_POOL_SIZE = 16;

/**
 * The pool as the adapter gets it. Its listening connection gains a handler for its 'error' (a
 * database restart, a cut connection), which the adapter leaves unheard, and unheard it would end
 * the process; the adapter hears the connection end and listens again on a new one by itself.
 * And the adapter may still be connecting when the node closes, and would then hold that
 * connection for good, so that the pool never ends: `release` gives back whatever it holds, and
 * a connection asked for after that is never answered (an error would have it try again forever).
 */
function adapterPool(pool: pg.Pool): { pool: pg.Pool; release(): void } {
  const held = new Set<pg.PoolClient>();
  let released = false;
  const wrapper = {
    query: pool.query.bind(pool),
    async connect() {
      if (released) return new Promise<never>(() => undefined);
      const client = await pool.connect();
      client.on('error', () => undefined);
      if (released) {
        client.release(true);
        return new Promise<never>(() => undefined);
      }
      held.add(client);
      const release = client.release.bind(client);
      client.release = (destroy?: boolean | Error) => {
        if (!held.delete(client)) return;
        release(destroy);
      };
      // The adapter hears the end and takes a new connection, but never gives this one back:
      // a slot of the pool would be lost at every database restart.
      client.once('end', () => client.release(true));
      return client;
    },
  };
  return {
    pool: wrapper as unknown as pg.Pool,
    release() {
      released = true;
      for (const client of [...held]) client.release(true);
    },
  };
}

export interface RegionNodeParts extends ServerParts {
  readonly url: string;
  /** Only these offices (`--office`); else every office of the database, and those added later. */
  readonly officeIds?: readonly string[];
  readonly leaseCheckMs?: number;
  readonly headsPollMs?: number;
  readonly poolSize?: number;
}

interface ServedOffice {
  readonly store: PostgresOfficeStore;
  readonly engine: OfficeEngine;
  readonly stats: StatsService;
  readonly realtime: OfficeRealtime;
  /** The office's jobs while this node holds its lease. */
  jobs?: Promise<OfficeJobs>;
  /** The last head this node told the others of. */
  announced: number;
}

export interface RegionNode {
  readonly http: HttpServer;
  /** The offices served here, by id. */
  readonly offices: ReadonlyMap<string, { engine: OfficeEngine }>;
  /** An office's store, for the start-up's pairing links. */
  store(officeId: string): PostgresOfficeStore | undefined;
  /** The offices whose jobs this node runs now. */
  jobsHeld(): string[];
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * A node of a region: one server process serving every office of one PostgreSQL database (or
 * those named), beside any number of other nodes on the same database (docs/ARCHITECTURE.md §14).
 *
 * - Each office has its engine here, with the office's state in memory. Commands are decided
 *   against it and written with a check that the log still ends where the engine believes
 *   (`UPDATE offices … WHERE head = …`): when another node went on, nothing is written, the engine
 *   reads what it missed from the log and decides again. Two nodes never commit on a stale state.
 * - A node tells the others (socket.io's PostgreSQL adapter, `serverSideEmit`) how far an office's
 *   log now reaches; each reads the events it has not applied, applies them and sends them to its
 *   own screens, in the log's order. A poll of the heads every 2 s covers news lost on the way.
 * - An office's jobs run on the node holding its lease (leases.ts), and move when that node dies.
 */
export async function createRegionNode(parts: RegionNodeParts): Promise<RegionNode> {
  const { clock, log, url } = parts;
  const pool = connect(url, {
    max: parts.poolSize ?? NODE_POOL_SIZE,
    onIdleError: (error) => log.warn({ error: error.message }, 'an idle database connection was lost'),
  });
  await migrate(pool);
  const listener = new PgListener(pool, [DEVICES_CHANNEL], log);
  await listener.start();
  // Its own small pool: a region screen's year of figures never takes a connection an office's
  // commands wait for.
  const region = Region.connect(url, {
    onIdleError: (error) => log.warn({ error: error.message }, 'an idle database connection was lost'),
  });
  const adapter = adapterPool(pool);
  /** Jobs of leases given up, still stopping (a retention run finishing): awaited at close. */
  const stopping = new Set<Promise<void>>();
  const served = new Map<string, ServedOffice>();
  const opening = new Map<string, Promise<void>>();

  const http = createServer(
    createRequestHandler({
      offices: () => [...served].map(([officeId, o]) => ({ officeId, engine: o.engine, store: o.store })),
      jobsHeld: () => leases.holding(),
      schemaVersion: PG_SCHEMA_VERSION,
      clock,
      log,
      rendererDir: parts.rendererDir ?? defaultRendererDir(),
      version: parts.version ?? '0.0.0',
      allowedOrigins: parts.allowedOrigins ?? [],
      trustedProxies: parts.trustedProxies ?? [],
      region,
    }),
  );
  const node = attachRealtime(http, {
    clock,
    log,
    allowedOrigins: parts.allowedOrigins ?? [],
    limits: { ...DEFAULT_LIMITS, ...parts.limits },
    storageProbeMs: parts.storageProbeMs ?? DEFAULT_STORAGE_PROBE_MS,
    heartbeat: parts.heartbeat ?? DEFAULT_HEARTBEAT,
    adapter: createAdapter(adapter.pool, {
      errorHandler: (error) => log.warn({ error: error.message }, 'the adapter between nodes failed'),
    }),
    region,
    officeOfToken: async (tokenHash) => {
      const [row] = await rowsOf<{ office_id: string }>(
        pool,
        `SELECT office_id FROM devices WHERE token_hash = $1 AND revoked_at IS NULL`,
        [tokenHash],
      );
      return row?.office_id;
    },
  });
  secureSocketIo(node.io.engine);

  // Another node's news: an office's log reaches `head`.
  node.io.on('head', (officeId, head) => {
    if (typeof officeId !== 'string' || !Number.isSafeInteger(head)) return;
    served.get(officeId)?.engine.follow(head);
  });
  const announce = (officeId: string) => {
    const office = served.get(officeId);
    if (!office || office.engine.head <= office.announced) return;
    office.announced = office.engine.head;
    node.io.serverSideEmit('head', officeId, office.engine.head);
  };

  const leases = new Leases(
    pool,
    () => [...served.keys()],
    {
      acquired(officeId) {
        const office = served.get(officeId);
        if (!office) return;
        office.jobs = startOfficeJobs({
          store: office.store,
          engine: office.engine,
          stats: office.stats,
          clock,
          log,
          retentionDelayMs: parts.retentionDelayMs ?? 10_000,
        });
        office.jobs.catch((error: unknown) =>
          log.error({ office: officeId, error: String(error) }, 'the office’s jobs did not start'),
        );
      },
      lost(officeId) {
        const office = served.get(officeId);
        const jobs = office?.jobs;
        if (!office || !jobs) return;
        office.jobs = undefined;
        const stopped = jobs.then((j) => j.stop()).catch(() => undefined);
        stopping.add(stopped);
        void stopped.finally(() => stopping.delete(stopped));
      },
    },
    log,
    parts.leaseCheckMs,
  );

  async function open(officeId: string): Promise<void> {
    const store = await PostgresOfficeStore.open(pool, officeId, { url, listener });
    store.startBackground(log);
    // open() found the office, so its config is there and no seed is asked for.
    const engine = OfficeEngine.open(store, { clock, log, seed: store.config() });
    const stats = new StatsService(store.statsSource, store.rollups, log);
    const realtime = node.addOffice({ officeId, engine, store, stats });
    // A device revoked by the CLI or another node: its sockets here go at once, not at the next sweep.
    store.devices.onReload(() => realtime.cutOffUnpaired());
    const office: ServedOffice = { store, engine, stats, realtime, announced: engine.head };
    served.set(officeId, office);
    engine.onCommit((_, origin) => {
      if (origin === 'here') announce(officeId);
    });
    log.info({ office: officeId, head: engine.head }, 'office served on this node');
  }

  /**
   * Opens the offices not yet served here: at start, and as offices are added to the database.
   * Offices named by `--office` must all open; of all the database's, one that cannot be read
   * (a config this version refuses) is left out with an error in the log, and tried again.
   */
  async function discover(): Promise<void> {
    const ids =
      parts.officeIds ??
      (await rowsOf<{ id: string }>(pool, `SELECT id FROM offices ORDER BY id`)).map((r) => r.id);
    const opened = await Promise.allSettled(
      ids
        .filter((id) => !served.has(id))
        .map((id) => {
          let pending = opening.get(id);
          if (!pending) {
            pending = open(id).finally(() => opening.delete(id));
            opening.set(id, pending);
          }
          return pending.catch((error: unknown) => {
            if (parts.officeIds || isPgStorageFault(error) || isStorageFault(error)) throw error;
            log.error({ office: id, ...loggableError(error) }, 'office not served: it could not be opened');
          });
        }),
    );
    const failed = opened.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) throw failed.reason;
  }

  async function pollHeads(): Promise<void> {
    let rows;
    try {
      rows = (
        await pool.query<{ id: string; head: number }>({
          text: `SELECT id, head FROM offices`,
          query_timeout: HEADS_POLL_TIMEOUT_MS,
        } as pg.QueryConfig)
      ).rows;
    } catch (error) {
      // A node that cannot read the database says so (/health 503, the desks' notice) before
      // anyone's command fails, and its probe finds when it can again.
      if (isPgStorageFault(error) || (error as Error).message === 'Query read timeout')
        for (const office of served.values()) office.engine.storageFailed(error);
      throw error;
    }
    for (const { id, head } of rows) served.get(id)?.engine.follow(head);
    if (parts.officeIds === undefined && rows.some((r) => !served.has(r.id))) await discover();
  }

  try {
    await discover();
  } catch (error) {
    // An unknown office named, the database gone: nothing is left open behind the refusal.
    await node.close().catch(() => undefined);
    adapter.release();
    for (const office of served.values()) await office.store.close().catch(() => undefined);
    await listener.stop();
    await region.close();
    await pool.end();
    throw error;
  }
  await leases.start();
  let polling: Promise<void> | undefined;
  const poll = setInterval(() => {
    polling ??= pollHeads()
      .catch((error: unknown) => log.debug({ error: String(error) }, 'heads not read'))
      .finally(() => (polling = undefined));
  }, parts.headsPollMs ?? HEADS_POLL_MS);
  poll.unref();

  return {
    http,
    offices: served,
    store: (id) => served.get(id)?.store,
    jobsHeld: () => leases.holding(),
    async listen(port, host = '0.0.0.0') {
      // The jobs of the offices whose lease came at start: their day turned before screens come.
      await Promise.all([...served.values()].map((o) => o.jobs?.catch(() => undefined)));
      return listenOn(http, port, host);
    },
    async close() {
      clearInterval(poll);
      await polling;
      await leases.stop();
      await Promise.all(
        [...served.values()].map((o) => o.jobs?.then((j) => j.stop()).catch(() => undefined)),
      );
      await node.close();
      adapter.release();
      for (const office of served.values()) {
        await office.stats.close();
        await office.store.close();
      }
      if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
      await listener.stop();
      await region.close();
      await pool.end();
    },
  };
}
