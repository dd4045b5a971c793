import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOfficeServer, type OfficeServer } from '../../server/app.js';
import type { Clock } from '../../server/clock.js';
import { silentLogger, type Logger } from '../../server/log.js';
import type { DeviceLimits, RateLimit } from '../../server/realtime/budgets.js';
import { Region } from '../../server/region/region.js';

const TEST_RATE: RateLimit = { burst: 10_000, perSeconds: 1 };
import type { OfficeData } from '../../server/store/seam.js';
import { OfficeStore } from '../../server/store/store.js';
import type { Role } from '../../shared/events.js';
import type { OfficeConfig } from '../../shared/office.js';
import { testConfig, T0 } from './domain.js';
import { openTestStore, TEST_STORE, type StoreKind, type TestRegion } from './testStore.js';

/** A clock that tests move by hand; it starts at a Monday morning in Stockholm. */
export class ManualClock implements Clock {
  constructor(private at = T0) {}
  now(): number {
    return this.at;
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

export interface TestServer {
  readonly url: string;
  readonly port: number;
  readonly server: OfficeServer;
  readonly store: OfficeData;
  /** Which store it runs on (test/helpers/testStore.ts). */
  readonly kind: StoreKind;
  /** A read of the store's tables in SQL both stores take, `?` for each parameter. */
  rows<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** A second connection to the office, as the CLI opens one beside the server; the caller closes it. */
  openBeside(): Promise<OfficeData>;
  /** The SQLite store, for a test of what only SQLite has (its file, its WAL); fails on PostgreSQL. */
  readonly sqlite: OfficeStore;
  readonly dir: string;
  readonly clock: ManualClock;
  /** On PostgreSQL: the region of the server's database (server/region/). */
  readonly region: Region | undefined;
  /** Creates a device and pairs it through the real HTTP endpoint; returns its token. */
  pair(role: Role, deskId?: string): Promise<string>;
  /** Stops the server; the data folder stays until `cleanup`. */
  close(): Promise<void>;
  cleanup(): Promise<void>;
}

/**
 * A real office server on an ephemeral port over a real SQLite file in a temp folder, or, in the
 * PostgreSQL project, over a database of its own on the PostgreSQL server that the tests started.
 */
export async function startTestServer(
  options: {
    config?: OfficeConfig;
    dir?: string;
    clock?: ManualClock;
    port?: number;
    /** Merged over the tests' generous defaults; `DEFAULT_LIMITS` for the real ones. */
    limits?: Partial<DeviceLimits>;
    log?: Logger;
    /** How often an unwritable database is tried again (the server's default is seconds). */
    storageProbeMs?: number;
    /** socket.io's heartbeat: how soon a silent connection is given up. */
    heartbeat?: { intervalMs: number; timeoutMs: number };
    /** On PostgreSQL: the shared database and the office this server runs (test/helpers/testStore.ts). */
    region?: TestRegion;
  } = {},
): Promise<TestServer> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'motesplats-test-'));
  const clock = options.clock ?? new ManualClock();
  const seed = options.config ?? testConfig();
  const opened = await openTestStore(dir, seed, clock.now(), options.region);
  const { store } = opened;
  // As the server starts on PostgreSQL (server/main.ts): the region's devices may connect to it.
  const region = opened.url === undefined ? undefined : Region.connect(opened.url);
  const server = createOfficeServer({
    store,
    clock,
    log: options.log ?? silentLogger,
    seed,
    rendererDir: join(dir, 'no-renderer'),
    // Tests fire commands faster than any person; the flood tests set the real limits.
    limits: { requests: TEST_RATE, snapshots: TEST_RATE, ...options.limits },
    // At once, as the tests of retention at a restart expect; a real server waits a little.
    retentionDelayMs: 0,
    ...(options.storageProbeMs !== undefined && { storageProbeMs: options.storageProbeMs }),
    ...(options.heartbeat && { heartbeat: options.heartbeat }),
    ...(region && { region }),
  });
  const port = await server.listen(options.port ?? 0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await server.close();
    await opened.release();
  };
  return {
    url,
    port,
    server,
    store,
    kind: TEST_STORE,
    rows: opened.rows,
    openBeside: opened.openBeside,
    get sqlite() {
      if (!(store instanceof OfficeStore)) throw new Error('this test needs the SQLite store');
      return store;
    },
    dir,
    clock,
    region,
    async pair(role, deskId) {
      const { code } = await store.devices.create(
        { name: `${role} ${deskId ?? ''}`.trim(), role, deskId: deskId ?? null },
        clock.now(),
      );
      const response = await fetch(`${url}/api/pair`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code }),
      });
      if (!response.ok) throw new Error(`pairing failed: ${response.status}`);
      return ((await response.json()) as { token: string }).token;
    },
    close,
    async cleanup() {
      await close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
