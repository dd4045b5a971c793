import { join } from 'node:path';
import { createOfficeServer } from '../../../server/app.js';
import { systemClock, type Clock } from '../../../server/clock.js';
import { createLogger } from '../../../server/log.js';
import { PostgresOfficeStore } from '../../../server/store/postgres/officeStore.js';
import type { OfficeData } from '../../../server/store/seam.js';
import { OfficeStore } from '../../../server/store/store.js';
import type { OfficeConfig } from '../../../shared/office.js';
import { writeToday, type Today, type TodayInfo } from '../history/today.js';
import { emit, serve } from '../lib/child.js';
import { monoMs } from '../lib/clock.js';
import { eventLoopMonitor } from '../lib/eventLoop.js';

/**
 * The office server as the benchmarks run it: in its own process, built from source by esbuild
 * (as `npm start` runs the compiled server), with the real app, store and engine. The only
 * differences from `server/main.ts`: no per-socket rate limit (the load generators are few
 * sockets standing for many people), a clock that may be anchored and sped up, a day that may be
 * under way already, and an IPC channel through which the orchestrator reads the event-loop
 * delay, the CPU time and the memory in use.
 */
export interface ServerArgs {
  readonly dataFile: string;
  readonly port: number;
  readonly seed: OfficeConfig;
  /**
   * `virtual = virtualAt + (Date.now() − realAt) × speed`; the system clock when absent. A paused
   * clock stands at `virtualAt` until the orchestrator starts it (`clock:start`).
   */
  readonly clock?: {
    readonly virtualAt: number;
    readonly realAt: number;
    readonly speed: number;
    readonly paused?: boolean;
  };
  readonly rendererDir?: string;
  readonly logLevel: string;
  /** Written into the (new) database before the server opens it; the clock should stand at its end. */
  readonly today?: Today;
  /** An office of a PostgreSQL database (added beforehand) instead of the SQLite `dataFile`. */
  readonly database?: BenchDatabase;
}

export interface BenchDatabase {
  readonly url: string;
  readonly officeId: string;
}

/** Node's start and the loading of every module, before the first line of this one runs. */
const loadedMs = process.uptime() * 1000;
const phase = monoMs();
const args = JSON.parse(process.argv[2]!) as ServerArgs;

let anchor = args.clock;
const clock: Clock = anchor
  ? {
      now: () =>
        anchor!.paused
          ? anchor!.virtualAt
          : Math.round(anchor!.virtualAt + (Date.now() - anchor!.realAt) * anchor!.speed),
    }
  : systemClock;

const store: OfficeData = args.database
  ? await PostgresOfficeStore.connectOffice(args.database.url, args.database.officeId)
  : OfficeStore.open(args.dataFile);
const openedMs = monoMs() - phase;
let today: TodayInfo | undefined;
if (args.today) {
  if (!(store instanceof OfficeStore)) throw new Error('a day under way is written into SQLite only');
  today = writeToday(store, args.seed, args.today);
  // What the simulator left behind is not the server's: a server started on this day has none.
  (globalThis as { gc?: () => void }).gc?.();
}
const preparedMs = monoMs() - phase;
const server = createOfficeServer({
  store,
  clock,
  // Logged as in production (info, one line per command), to a stdout that goes nowhere.
  log: createLogger(args.logLevel),
  seed: args.seed,
  rendererDir: args.rendererDir ?? join(args.dataFile, '..', 'no-renderer'),
  version: 'bench',
  // The load generator stands in for many devices on few tokens (status pages share households').
  limits: {
    requests: { burst: 1e9, perSeconds: 1 },
    snapshots: { burst: 1e9, perSeconds: 1 },
    socketsPerDevice: 1e6,
    socketsPerTicket: 1e6,
  },
});
const port = await server.listen(args.port, '127.0.0.1');
const eventLoop = eventLoopMonitor();
emit('listening', {
  port,
  at: monoMs(),
  head: server.engine.head,
  // Where the time to listen went: loading, opening the database (WAL recovery), the rest
  // (loading the day's state, the retention job and its checkpoint, binding the port); writing
  // today's visits, if asked, is left out.
  phases: { loadedMs, openedMs, startedMs: monoMs() - phase - preparedMs },
  ...(today && { today }),
});

serve({
  ...eventLoop,
  memory: (message) => {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (message.gc && gc) gc();
    const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
    return { rss, heapUsed, external, arrayBuffers };
  },
  head: () => server.engine.head,
  /** CPU microseconds used so far (user + system): per command, steadier than a rate. */
  cpu: () => {
    const { user, system } = process.cpuUsage();
    return user + system;
  },
  'clock:start': () => {
    if (anchor) anchor = { ...anchor, realAt: Date.now(), paused: false };
  },
  close: async () => {
    await server.close();
    setImmediate(() => process.exit(0));
  },
});
