import { bundlePath } from '../build.js';
import { Child, type ChildEvent } from '../lib/child.js';
import type {
  ClientSpec,
  CommandOutcome,
  LoopResult,
  LoopSpec,
  PlannedCommand,
  Reached,
  SyncResult,
  System,
  Target,
} from './protocol.js';

/**
 * The load generators, seen from the orchestrator: a few processes with the clients spread over
 * them. The clients that send commands all live in the first, so that one process keeps one
 * schedule; the others only listen.
 */
export class LoadPool {
  /** Which process gets the next listener: the first, which also sends, gets half a share. */
  private readonly pattern: number[];

  private constructor(private readonly workers: Child[]) {
    const others = workers.map((_, k) => k).slice(1);
    this.pattern = others.length === 0 ? [0] : [...others, ...others, 0];
  }

  static async start(count: number): Promise<LoadPool> {
    const workers = Array.from({ length: Math.max(1, count) }, () =>
      Child.fork(bundlePath('clients'), [], { execArgv: ['--max-old-space-size=2048'] }),
    );
    await Promise.all(workers.map((w) => w.nextEvent('ready')));
    return new LoadPool(workers);
  }

  get size(): number {
    return this.workers.length;
  }

  /** Connects the clients; `drivers` go to the first process, the rest round-robin after them. */
  async connect(
    system: System,
    url: string,
    drivers: readonly ClientSpec[],
    listeners: readonly ClientSpec[],
  ) {
    const shares: ClientSpec[][] = this.workers.map(() => []);
    shares[0]!.push(...drivers);
    listeners.forEach((spec, i) => shares[this.pattern[i % this.pattern.length]!]!.push(spec));
    await Promise.all(
      this.workers.map((worker, k) =>
        worker.request('connect', { url, system, clients: shares[k]! }, 300_000),
      ),
    );
  }

  private get driver(): Child {
    return this.workers[0]!;
  }

  run(
    start: number,
    commands: readonly PlannedCommand[],
    options: { stopAt?: number; ackTimeoutMs?: number } = {},
  ) {
    return this.driver.request<CommandOutcome[]>(
      'run',
      { start, commands, stopAt: options.stopAt, ackTimeoutMs: options.ackTimeoutMs ?? 20_000 },
      600_000,
    );
  }

  loop(loops: readonly LoopSpec[], until: { count?: number; durationMs?: number }, warmupMs: number) {
    return this.driver.request<LoopResult>('loop', { loops, ...until, warmupMs }, 900_000);
  }

  send(client: string, name: string, payload: Record<string, unknown>) {
    return this.driver.request<{
      ok: boolean;
      seq: number | null;
      code?: string;
      sentAt: number;
      ackAt: number;
    }>('send', { client, name, payload }, 120_000);
  }

  /** Across all processes: when the last target client of a system got each command, and how many did. */
  async reached(targets: readonly Target[], system: System = 'office'): Promise<Reached[]> {
    const parts = await Promise.all(
      this.workers.map((w) => w.request<Reached[]>('reached', { targets, system })),
    );
    return targets.map((t, k) => {
      let last: number | null = null;
      let reached = 0;
      let expected = 0;
      for (const part of parts) {
        const r = part[k]!;
        reached += r.reached;
        expected += r.expected;
        if (r.last !== null) last = last === null ? r.last : Math.max(last, r.last);
      }
      return { i: t.i, last, reached, expected };
    });
  }

  async synced(after: number, head: number, timeoutMs: number): Promise<SyncResult> {
    const parts = await Promise.all(
      this.workers.map((w) =>
        w.request<SyncResult>('synced', { after, head, timeoutMs }, timeoutMs + 10_000),
      ),
    );
    const most = (values: (number | null)[]) => {
      const known = values.filter((v): v is number => v !== null);
      return known.length ? Math.max(...known) : null;
    };
    return {
      done: parts.every((p) => p.done),
      last: most(parts.map((p) => p.last)),
      afterConnect: most(parts.map((p) => p.afterConnect)),
      pending: parts.reduce((n, p) => n + p.pending, 0),
    };
  }

  /** Updates received since the last `clear`, by the clients of one system (or all). */
  async traffic(system?: System): Promise<{ messages: number; bytes: number; gaps: number }> {
    const parts = await Promise.all(
      this.workers.map((w) =>
        w.request<{ messages: number; bytes: number; gaps: number }>('traffic', { system }),
      ),
    );
    return parts.reduce((a, b) => ({
      messages: a.messages + b.messages,
      bytes: a.bytes + b.bytes,
      gaps: a.gaps + b.gaps,
    }));
  }

  async clear(system?: System): Promise<void> {
    await Promise.all(this.workers.map((w) => w.request('clear', { system })));
  }

  /** Spreads status-page moves over the processes that hold status pages. */
  moveStatusPages(visitId: string, statusToken: string, count: number, round: number): void {
    const worker = this.workers[this.pattern[round % this.pattern.length]!]!;
    worker.notify('moveStatusPages', { visitId, statusToken, count });
  }

  onEvent(listener: (event: ChildEvent) => void): () => void {
    const offs = this.workers.map((w) => w.on(listener));
    return () => offs.forEach((off) => off());
  }

  async disconnect(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.request('close')));
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.kill('SIGTERM')));
  }
}
