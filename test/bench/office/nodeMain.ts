import { systemClock } from '../../../server/clock.js';
import { createLogger } from '../../../server/log.js';
import { createRegionNode } from '../../../server/node/regionNode.js';
import { emit, serve } from '../lib/child.js';
import { monoMs } from '../lib/clock.js';
import { eventLoopMonitor } from '../lib/eventLoop.js';

/**
 * A node of a region as the benchmarks run it: `createRegionNode` (what `npm start -- --database`
 * starts) in its own process, built by esbuild like the office server (serverMain.ts), serving
 * every office of one PostgreSQL database beside the other nodes on it. The differences from
 * `server/main.ts` are those of serverMain.ts: no per-socket rate limit (the load generators are
 * few tokens standing for many devices, and the durable figure sends back to back), and the IPC
 * channel through which the orchestrator reads the event-loop delay and the CPU time.
 */
export interface NodeArgs {
  readonly url: string;
  readonly port: number;
  readonly logLevel: string;
  readonly rendererDir: string;
}

const loadedMs = process.uptime() * 1000;
const phase = monoMs();
const args = JSON.parse(process.argv[2]!) as NodeArgs;

const node = await createRegionNode({
  url: args.url,
  clock: systemClock,
  // Logged as in production (info, one line per command), to a stdout that goes nowhere.
  log: createLogger(args.logLevel),
  rendererDir: args.rendererDir,
  version: 'bench',
  limits: {
    requests: { burst: 1e9, perSeconds: 1 },
    snapshots: { burst: 1e9, perSeconds: 1 },
    socketsPerDevice: 1e6,
    socketsPerTicket: 1e6,
  },
});
/** Every office's head, summed: the commands the region's logs hold. */
const heads = () => [...node.offices.values()].reduce((n, o) => n + o.engine.head, 0);
const openedMs = monoMs() - phase;
const port = await node.listen(args.port, '127.0.0.1');
const eventLoop = eventLoopMonitor();
emit('listening', {
  port,
  at: monoMs(),
  head: heads(),
  phases: { loadedMs, openedMs, startedMs: monoMs() - phase - openedMs },
});

serve({
  ...eventLoop,
  head: () => heads(),
  offices: () => node.offices.size,
  cpu: () => {
    const { user, system } = process.cpuUsage();
    return user + system;
  },
  close: async () => {
    await node.close();
    setImmediate(() => process.exit(0));
  },
});
