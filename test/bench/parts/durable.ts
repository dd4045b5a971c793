import { bundlePath } from '../build.js';
import { Child } from '../lib/child.js';
import { summarize } from '../lib/stats.js';
import { householdsPerDesk } from '../office/households.js';
import { deskClient, officeClients, startOffice } from '../office/officeRun.js';
import type { LoopSpec } from '../load/protocol.js';
import type { BenchDatabase } from '../office/serverMain.js';
import { figure, ratio, type Figure, type PartResult } from '../report.js';
import { freshDir, type RunContext } from './context.js';

/** About the size of an event row's payload, for the bare insert loop. */
const ROW_BYTES = 300;

export type Run = {
  perSecond: number;
  p50: number;
  p99: number;
  refused: Record<string, number>;
  /** The server's CPU time (user + system) per command, in microseconds, warm-up included. */
  cpuPerCommand: number;
};

/** The office server with K desks sending back to back, each waiting for its ack. */
export async function officeRuns(
  ctx: RunContext,
  dir: string,
  database?: BenchDatabase,
): Promise<Map<number, Run>> {
  const { durable } = ctx.sizes;
  const most = Math.max(...durable.desks);
  const office = await startOffice({
    dir,
    mix: { desks: most, displays: 1, kiosks: 1, reception: 0, admin: 0, statusPages: 0 },
    visits: most,
    ...(database && { database }),
  });
  const runs = new Map<number, Run>();
  try {
    const desks = office.devices.filter((d) => d.role === 'desk');
    const own = await householdsPerDesk(
      office.server.url,
      desks.find((d) => d.deskId!.startsWith('mv-'))!.token,
      desks.map((d) => d.deskId!),
      office.visitors,
      1,
    );
    const { drivers, listeners } = officeClients(office.devices, [], 0);
    await ctx.pool.connect('office', office.server.url, drivers, listeners);
    for (const k of durable.desks) {
      const loops: LoopSpec[] = desks.slice(0, k).map((d) => ({
        client: deskClient(d.deskId!),
        cycle: [
          { name: 'visit:call', payload: { visitId: own.get(d.deskId!)![0] } },
          { name: 'visit:return_to_queue', payload: { visitId: own.get(d.deskId!)![0] } },
        ],
      }));
      const cpuBefore = await office.server.cpu();
      const headBefore = await office.server.child.request<number>('head');
      const result = await ctx.pool.loop(
        loops,
        { durationMs: (durable.warmupSeconds + durable.seconds) * 1000 },
        durable.warmupSeconds * 1000,
      );
      const cpuPerCommand =
        ((await office.server.cpu()) - cpuBefore) /
        Math.max(1, (await office.server.child.request<number>('head')) - headBefore);
      const latency = summarize(result.latencies);
      const perSecond = (1000 * result.measuredOk) / result.measuredMs;
      runs.set(k, { perSecond, p50: latency.p50, p99: latency.p99, refused: result.refused, cpuPerCommand });
      ctx.log(
        `  ${k} desks: ${perSecond.toFixed(0)} commands/s, ack p99 ${latency.p99.toFixed(1)} ms, server CPU ${cpuPerCommand.toFixed(0)} µs a command`,
      );
    }
  } finally {
    await ctx.pool.disconnect();
    await office.server.stop();
  }
  return runs;
}

/** Part 2: durable commands per second against a bare better-sqlite3 insert loop and the disk. */
export async function durablePart(ctx: RunContext): Promise<PartResult> {
  const { durable } = ctx.sizes;
  const dir = freshDir('durable');
  const disk = Child.fork(bundlePath('disk'), []);
  // Half of each disk baseline before the office's runs and half after, so that what else the
  // disk did in the meantime (another process's fsyncs) weighs on both sides alike.
  const baselines = async () => ({
    bare: await disk.request<number>('insertLoop', {
      dir,
      seconds: durable.seconds / 2,
      rowBytes: ROW_BYTES,
    }),
    fsync: await disk.request<number>('fsyncLoop', { dir, seconds: Math.max(0.25, durable.seconds / 4) }),
  });
  let before: { bare: number; fsync: number };
  let after: { bare: number; fsync: number };
  let runs: Map<number, Run>;
  let engine: number;
  try {
    await disk.nextEvent('ready');
    before = await baselines();
    runs = await officeRuns(ctx, dir);
    after = await baselines();
    engine = await disk.request<number>('engineLoop', { dir, seconds: durable.seconds });
  } finally {
    await disk.kill();
  }
  const bare = (before.bare + after.bare) / 2;
  const fsync = (before.fsync + after.fsync) / 2;
  ctx.log(
    `  bare insert loop ${bare.toFixed(0)}/s (${before.bare.toFixed(0)} before, ${after.bare.toFixed(0)} after), fsync loop ${fsync.toFixed(0)}/s, engine alone ${engine.toFixed(0)}/s`,
  );

  const figures: Figure[] = [];
  for (const [k, run] of runs) {
    figures.push(
      figure(
        `durable.k${k}`,
        `durable commands/s, ${k} desk${k > 1 ? 's' : ''} back to back`,
        run.perSecond,
        'commands/s',
        {
          baselines: {
            'bare insert loop': { value: bare, unit: 'commits/s' },
            'fsync loop': { value: fsync, unit: 'fsyncs/s' },
          },
          ratios: {
            'bare insert loop': ratio(run.perSecond, bare),
            'fsync loop': ratio(run.perSecond, fsync),
          },
        },
      ),
      figure(`durable.k${k}.ackP99`, `send to ack p99, ${k} desk${k > 1 ? 's' : ''}`, run.p99, 'ms'),
      figure(
        `durable.k${k}.cpu`,
        `server CPU per command, ${k} desk${k > 1 ? 's' : ''}`,
        run.cpuPerCommand,
        'µs',
        { note: 'user + system time of the server process over the run (warm-up included) ÷ its commands' },
      ),
    );
  }
  figures.push(
    figure('durable.engine', 'the engine and store alone (no network), 1 desk', engine, 'commands/s', {
      baselines: { 'bare insert loop': { value: bare, unit: 'commits/s' } },
      ratios: { 'bare insert loop': ratio(engine, bare) },
    }),
    figure('durable.bare', 'bare better-sqlite3 insert loop (WAL, synchronous=FULL)', bare, 'commits/s'),
    figure('durable.fsync', 'raw write + fdatasync loop (the disk)', fsync, 'fsyncs/s'),
  );
  return {
    figures,
    details: {
      runs: Object.fromEntries(runs),
      rowBytes: ROW_BYTES,
      baselinesBefore: before,
      baselinesAfter: after,
    },
  };
}
