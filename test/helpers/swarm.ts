import { spawn, type ChildProcess } from 'node:child_process';
import { bundled } from './bundle.js';

/** One swarm client: a paired device's token (staff or public screen) or a visitor's status token. */
export type SwarmSpec =
  | { readonly kind: 'staff' | 'public'; readonly auth: { readonly token: string } }
  | { readonly kind: 'status'; readonly auth: { readonly statusToken: string } };

export type SwarmRequest =
  | { readonly type: 'start'; readonly url: string; readonly specs: readonly SwarmSpec[] }
  | { readonly type: 'report' }
  | { readonly type: 'mark' }
  | { readonly type: 'stop' };

/** What a swarm process holds, summed over its clients. */
export interface SwarmReport {
  readonly clients: number;
  readonly connected: number;
  /** Clients with a session since the last mark. */
  readonly reconnected: number;
  /** Public and status clients that got a view since the last mark. */
  readonly freshViews: number;
  /** The lowest sequence number any staff client has applied. */
  readonly staffHeads: number;
  /** How many staff clients hold each state (by digest). */
  readonly staffDigests: Readonly<Record<string, number>>;
  /** How many public clients hold each public view (by digest, sequence number left out). */
  readonly viewDigests: Readonly<Record<string, number>>;
  /** Sequence gaps seen on the event stream: there must be none. */
  readonly gaps: number;
  readonly rss: number;
}

/**
 * Screens by the hundred, in processes of their own so that the test process (and its two
 * cores' worth of patience) is not what limits them: each process runs its share of the clients
 * (swarmWorker.ts) and answers for them over IPC.
 */
export class Swarm {
  private constructor(private readonly workers: ChildProcess[]) {}

  static async start(url: string, specs: readonly SwarmSpec[], processes = 2): Promise<Swarm> {
    const script = await bundled('test/helpers/swarmWorker.ts');
    const workers = Array.from({ length: processes }, () =>
      spawn(process.execPath, [script], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
    );
    const swarm = new Swarm(workers);
    const share = Math.ceil(specs.length / processes);
    await Promise.all(
      workers.map((w, i) =>
        swarm.ask(w, { type: 'start', url, specs: specs.slice(i * share, (i + 1) * share) }),
      ),
    );
    return swarm;
  }

  /** The reports of every process, summed. */
  async report(): Promise<SwarmReport> {
    return sum(await Promise.all(this.workers.map((w) => this.ask(w, { type: 'report' }))));
  }

  /** From now on, reports count reconnections and fresh views since this moment. */
  async mark(): Promise<void> {
    await Promise.all(this.workers.map((w) => this.ask(w, { type: 'mark' })));
  }

  /** Polls until `done` holds for the summed report; returns it, or throws with the last one. */
  async until(done: (r: SwarmReport) => boolean, what: string, timeoutMs: number): Promise<SwarmReport> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const report = await this.report();
      if (done(report)) return report;
      if (Date.now() > deadline)
        throw new Error(`swarm: timed out waiting for ${what}: ${JSON.stringify(report)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  stop(): void {
    for (const w of this.workers) {
      if (w.connected) w.send({ type: 'stop' } satisfies SwarmRequest);
      setTimeout(() => w.kill('SIGKILL'), 2000).unref();
    }
  }

  private ask(worker: ChildProcess, request: SwarmRequest): Promise<SwarmReport> {
    return new Promise((resolve, reject) => {
      const onMessage = (m: { type: string; report: SwarmReport }) => {
        if (m.type !== 'report') return;
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        resolve(m.report);
      };
      const onExit = (code: number | null) => reject(new Error(`a swarm process exited (${code})`));
      worker.on('message', onMessage);
      worker.once('exit', onExit);
      worker.send(request);
    });
  }
}

function sum(reports: readonly SwarmReport[]): SwarmReport {
  const merge = (key: 'staffDigests' | 'viewDigests') => {
    const all: Record<string, number> = {};
    for (const r of reports) for (const [d, n] of Object.entries(r[key])) all[d] = (all[d] ?? 0) + n;
    return all;
  };
  const total = (key: 'clients' | 'connected' | 'reconnected' | 'freshViews' | 'gaps' | 'rss') =>
    reports.reduce((n, r) => n + r[key], 0);
  return {
    clients: total('clients'),
    connected: total('connected'),
    reconnected: total('reconnected'),
    freshViews: total('freshViews'),
    staffHeads: Math.min(...reports.map((r) => r.staffHeads)),
    staffDigests: merge('staffDigests'),
    viewDigests: merge('viewDigests'),
    gaps: total('gaps'),
    rss: total('rss'),
  };
}
