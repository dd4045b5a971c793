import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OfficeConfig } from '../shared/office.js';
import type { Clock } from './clock.js';
import { createRequestHandler } from './http/routes.js';
import { secureSocketIo } from './http/security.js';
import type { Logger } from './log.js';
import { OfficeEngine } from './office/engine.js';
import { startOfficeJobs } from './office/jobs.js';
import { StatsService } from './stats/service.js';
import { DEFAULT_LIMITS, type DeviceLimits } from './realtime/budgets.js';
import {
  attachRealtime,
  DEFAULT_HEARTBEAT,
  DEFAULT_STORAGE_PROBE_MS,
  type Heartbeat,
  type Realtime,
} from './realtime/server.js';
import type { Region } from './region/region.js';
import type { OfficeData } from './store/seam.js';

/** What a server of one office and a region's node are both started with. */
export interface ServerParts {
  readonly clock: Clock;
  readonly log: Logger;
  readonly allowedOrigins?: readonly string[];
  /** Balancers in front whose X-Forwarded-For names the client (routes.ts, clientAddress.ts). */
  readonly trustedProxies?: readonly string[];
  readonly rendererDir?: string;
  readonly version?: string;
  /** What one device may cost (budgets.ts); benchmarks and tests that hammer one device raise it. */
  readonly limits?: Partial<DeviceLimits>;
  /** How long after start the retention job first runs (0: before the server listens). */
  readonly retentionDelayMs?: number;
  /** While the database cannot be written, how often to try a small write to see if it can again. */
  readonly storageProbeMs?: number;
  /** socket.io's heartbeat: a connection silent for interval + timeout is given up (half-open sockets). */
  readonly heartbeat?: Heartbeat;
}

export interface OfficeServerParts extends ServerParts {
  readonly store: OfficeData;
  /** The config a new database is seeded with. */
  readonly seed: OfficeConfig;
  /** On PostgreSQL: the region's devices and figures; the server closes it with itself. */
  readonly region?: Region;
}

export interface OfficeServer {
  readonly engine: OfficeEngine;
  readonly realtime: Realtime;
  readonly http: HttpServer;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/** Where `npm run build` puts the screens, relative to this file in `server/` or `dist/server/`. */
export function defaultRendererDir(): string {
  const parent = fileURLToPath(new URL('..', import.meta.url));
  return basename(parent) === 'dist' ? join(parent, 'renderer') : join(parent, 'dist', 'renderer');
}

/** The room prefix of a server of one office: it serves nobody else. */
export const ONE_OFFICE = 'office';

/**
 * The office server as a function of its parts: no module-level state, so tests pass a temp
 * database and a fake clock, and several servers can run in one process.
 */
export function createOfficeServer(parts: OfficeServerParts): OfficeServer {
  const { store, clock, log } = parts;
  const engine = OfficeEngine.open(store, { clock, log, seed: parts.seed });
  store.startBackground(log);
  const stats = new StatsService(store.statsSource, store.rollups, log);
  const jobs = startOfficeJobs({
    store,
    engine,
    stats,
    clock,
    log,
    retentionDelayMs: parts.retentionDelayMs ?? 10_000,
  });
  const office = { officeId: ONE_OFFICE, engine, store, stats };
  const http = createServer(
    createRequestHandler({
      offices: () => [office],
      schemaVersion: store.schemaVersion,
      clock,
      log,
      rendererDir: parts.rendererDir ?? defaultRendererDir(),
      version: parts.version ?? '0.0.0',
      allowedOrigins: parts.allowedOrigins ?? [],
      trustedProxies: parts.trustedProxies ?? [],
      ...(parts.region && { region: parts.region }),
    }),
  );
  const node = attachRealtime(http, {
    clock,
    log,
    allowedOrigins: parts.allowedOrigins ?? [],
    limits: { ...DEFAULT_LIMITS, ...parts.limits },
    storageProbeMs: parts.storageProbeMs ?? DEFAULT_STORAGE_PROBE_MS,
    heartbeat: parts.heartbeat ?? DEFAULT_HEARTBEAT,
    ...(parts.region && { region: parts.region }),
  });
  secureSocketIo(node.io.engine);
  const realtime: Realtime = { ...node.addOffice(office), io: node.io, close: () => node.close() };

  return {
    engine,
    realtime,
    http,
    async listen(port, host = '0.0.0.0') {
      await jobs;
      return listenOn(http, port, host);
    },
    async close() {
      await (await jobs).stop();
      await node.close();
      await stats.close();
      if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
      await store.stopBackground();
      await store.close();
      await parts.region?.close();
    },
  };
}

/** Starts `http` listening; resolves the port it got. */
export function listenOn(http: HttpServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => {
      http.off('error', reject);
      resolve((http.address() as AddressInfo).port);
    });
  });
}
