import { bundlePath } from '../build.js';
import type { TodayInfo } from '../history/today.js';
import { Child } from '../lib/child.js';
import type { NodeArgs } from './nodeMain.js';
import type { ServerArgs } from './serverMain.js';

export interface EventLoopDelay {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

export interface MemoryUse {
  readonly rss: number;
  readonly heapUsed: number;
}

/** The office server in its own process, with the orchestrator's handle on it. */
export class OfficeServerProcess {
  private constructor(
    readonly child: Child,
    readonly url: string,
    readonly port: number,
    /** Milliseconds from the fork until the server listened. */
    readonly startMs: number,
    /** The log's head when it started listening. */
    readonly head: number,
    /** Where the start's time went, as the server measured it. */
    readonly phases: Record<string, number>,
    /** What the day held when the server opened it, if it was written first (`args.today`). */
    readonly today: TodayInfo | undefined,
  ) {}

  /** Forks the server; `ready` resolves once it listens (the fork time is `child.forkedAt`). */
  static launch(
    args: ServerArgs | NodeArgs,
    bundle: 'officeServer' | 'regionNode' = 'officeServer',
  ): { child: Child; ready: Promise<OfficeServerProcess> } {
    // BENCH_PROFILE=<folder> writes a CPU profile of every office server run, for finding out why.
    const profile = process.env.BENCH_PROFILE;
    const child = Child.fork(bundlePath(bundle), [JSON.stringify(args)], {
      execArgv: ['--expose-gc', ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [])],
    });
    const ready = child.nextEvent('listening', 120_000).then((listening) => {
      const port = listening.port as number;
      return new OfficeServerProcess(
        child,
        `http://127.0.0.1:${port}`,
        port,
        (listening.at as number) - child.forkedAt,
        listening.head as number,
        listening.phases as Record<string, number>,
        listening.today as TodayInfo | undefined,
      );
    });
    return { child, ready };
  }

  static start(args: ServerArgs): Promise<OfficeServerProcess> {
    return OfficeServerProcess.launch(args).ready;
  }

  /** A node of a region (office/nodeMain.ts): every office of its database, in its own process. */
  static startNode(args: NodeArgs): Promise<OfficeServerProcess> {
    return OfficeServerProcess.launch(args, 'regionNode').ready;
  }

  resetEventLoopDelay(): Promise<void> {
    return this.child.request('eld:reset');
  }

  eventLoopDelay(): Promise<EventLoopDelay> {
    return this.child.request('eld:read');
  }

  /** Starts a paused clock: the office's time runs from now on. */
  startClock(): Promise<void> {
    return this.child.request('clock:start');
  }

  /** CPU microseconds the server has used so far. */
  cpu(): Promise<number> {
    return this.child.request('cpu');
  }

  memory(gc = false): Promise<MemoryUse> {
    return this.child.request('memory', { gc });
  }

  /** A clean shutdown, as on SIGTERM. */
  async stop(): Promise<void> {
    if (!this.child.alive) return;
    await this.child.request('close', {}, 30_000).catch(() => undefined);
    await Promise.race([this.child.exited, new Promise((r) => setTimeout(r, 5000))]);
    await this.child.kill('SIGKILL');
  }

  kill(): Promise<void> {
    return this.child.kill('SIGKILL');
  }
}
