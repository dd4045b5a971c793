import { monitorEventLoopDelay } from 'node:perf_hooks';

const RESOLUTION_MS = 10;

/**
 * The event-loop delay of this process, as every server of the benchmark reports it: how late a
 * timer due every 10 ms fired. Node's histogram holds the whole interval, so the 10 ms are taken
 * off: an idle loop shows about 0.
 */
export function eventLoopMonitor() {
  const eld = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  eld.enable();
  // No sample at all means the loop never got round to its timer between reset and read (a
  // server buried under its backlog): unknown, not zero.
  const late = (ns: number) => (eld.count === 0 ? NaN : Math.max(0, ns / 1e6 - RESOLUTION_MS));
  return {
    'eld:reset': () => eld.reset(),
    'eld:read': () => ({
      p50: late(eld.percentile(50)),
      p99: late(eld.percentile(99)),
      max: late(eld.max),
      mean: late(eld.mean),
    }),
  };
}

/** A payload of about `bytes` characters once framed, as the office's average update was. */
export function filler(bytes: number, overhead: number): string {
  return 'x'.repeat(Math.max(0, bytes - overhead));
}
