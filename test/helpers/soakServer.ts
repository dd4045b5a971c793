import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createOfficeServer } from '../../server/app.js';
import { silentLogger } from '../../server/log.js';
import { demoOffice } from '../../server/office/demo.js';
import { OfficeStore } from '../../server/store/store.js';
import type { Role } from '../../shared/events.js';

/**
 * The office server alone in a process, on a clock the soak test moves over IPC, so that its
 * memory and event loop can be measured apart from the screens that drive it. Started with
 * --expose-gc: a sample is taken after a full collection.
 */

export type SoakRequest =
  | { readonly type: 'advance'; readonly ms: number }
  | { readonly type: 'pair'; readonly role: Role; readonly deskId: string | null }
  | { readonly type: 'sample' }
  | { readonly type: 'stop' };

export interface SoakSample {
  readonly at: number;
  readonly heapUsed: number;
  readonly rss: number;
  /** Event-loop delay since the last sample, in milliseconds. */
  readonly delayP99: number;
  readonly delayMax: number;
  readonly head: number;
  readonly sockets: number;
}

const dir = process.argv[2]!;
let now = Date.UTC(2026, 10, 23, 7, 0, 0); // 08:00 in Stockholm on a Monday
const clock = { now: () => now };
const store = OfficeStore.open(join(dir, 'motesplats.sqlite'));
const server = createOfficeServer({
  store,
  clock,
  log: silentLogger,
  seed: demoOffice(),
  rendererDir: join(dir, 'no-renderer'),
  limits: { requests: { burst: 100_000, perSeconds: 1 }, snapshots: { burst: 100_000, perSeconds: 1 } },
});
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const port = await server.listen(0, '127.0.0.1');
process.send?.({ type: 'ready', port });

process.on('message', (request: SoakRequest) => {
  switch (request.type) {
    case 'advance':
      now += request.ms;
      return process.send?.({ type: 'advanced', now });
    case 'pair': {
      const { code } = store.devices.create(
        { name: request.role, role: request.role, deskId: request.deskId },
        now,
      );
      return process.send?.({ type: 'paired', token: store.devices.pair(code, now)!.token });
    }
    case 'sample': {
      (globalThis as { gc?: () => void }).gc?.();
      const memory = process.memoryUsage();
      const sample: SoakSample = {
        at: now,
        heapUsed: memory.heapUsed,
        rss: memory.rss,
        delayP99: delay.percentile(99) / 1e6,
        delayMax: delay.max / 1e6,
        head: server.engine.head,
        sockets: server.realtime.io.sockets.sockets.size,
      };
      delay.reset();
      return process.send?.({ type: 'sample', sample });
    }
    case 'stop':
      void server.close().then(() => process.exit(0));
  }
});
