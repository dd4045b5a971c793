import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { OfficeConfig } from '../../shared/office.js';
import type { Statistics, StatsRange } from '../../shared/stats.js';
import { loggableError, type Logger } from '../log.js';
import { addDays } from './days.js';
import type { DayFigures, RollupStore } from './rollupStore.js';
import type { StatsSource } from '../store/seam.js';

type Pending = { resolve: (s: Statistics) => void; reject: (e: Error) => void };

type Answer = { id: number } & (
  { ok: true; value: Statistics; summed: DayFigures[] } | { ok: false; error: string }
);

/** The longest range an admin can ask for (shared/stats.ts), in days before today. */
const LONGEST_RANGE_DAYS = 400;
const KEEP_AT_ONCE = 30;

/** Starts the statistics worker: the compiled one, or from source through tsx (tests, development). */
function startWorker(source: StatsSource): Worker {
  const compiled = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return new Worker(compiled, { workerData: source });
  const code = JSON.stringify(new URL('./worker.ts', import.meta.url).href);
  return new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${code}); });`,
    {
      eval: true,
      workerData: source,
    },
  );
}

/**
 * Statistics, computed one request at a time in a worker thread over the office database. The
 * worker reads only; the finished days it had to sum come back with its answer and are kept
 * here, on the server's connection, before the next request goes out, which then finds them.
 */
export class StatsService {
  private worker: Worker | undefined;
  private next = 1;
  private readonly pending = new Map<number, Pending>();
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly source: StatsSource,
    private readonly rollups: RollupStore,
    private readonly log: Logger,
  ) {}

  compute(range: StatsRange, config: OfficeConfig): Promise<Statistics> {
    const answer = this.queue.then(() => this.ask(range, config));
    this.queue = answer.catch(() => undefined);
    return answer;
  }

  /**
   * Asks for the longest range an admin can, once: that sums the finished days not yet kept (all
   * of them, the first time on a database from before the rollups) and warms the worker (its
   * code, its connection's cache), so that the admin's first request is answered as fast as the
   * next. A database with no past days has nothing to warm, and its worker waits until asked.
   */
  async warmUp(today: string, config: OfficeConfig): Promise<void> {
    try {
      if (!(await this.rollups.hasVisitsBefore(today))) return;
      await this.compute({ from: addDays(today, -LONGEST_RANGE_DAYS), to: addDays(today, -1) }, config);
    } catch (error) {
      if (!this.closed) this.log.warn(loggableError(error), 'statistics not warmed up');
    }
  }

  private ask(range: StatsRange, config: OfficeConfig): Promise<Statistics> {
    if (this.closed) return Promise.reject(new Error('the statistics service is closed'));
    const worker = (this.worker ??= this.start());
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, range, config });
    });
  }

  private start(): Worker {
    const worker = startWorker(this.source);
    worker.unref();
    worker.on('message', (m: Answer) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (!m.ok) return p?.reject(new Error(m.error));
      // The figures are right either way: a day not kept is summed again on the next request.
      this.keep(m.summed)
        .catch((error: unknown) => this.log.warn(loggableError(error), 'statistics rollups not kept'))
        .finally(() => p?.resolve(m.value));
    });
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', () => {
      this.worker = undefined;
      this.failAll(new Error('the statistics worker stopped'));
    });
    return worker;
  }

  /**
   * A month of days per transaction, with the event loop let go between them: the first time, a
   * year of them is some 10 MB to write, tens of milliseconds that the desks' commands would
   * otherwise wait behind in one go. Once closed, the rest is left for next time.
   */
  private async keep(days: readonly DayFigures[]): Promise<void> {
    for (let i = 0; i < days.length && !this.closed; i += KEEP_AT_ONCE) {
      await this.rollups.keep(days.slice(i, i + KEEP_AT_ONCE));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private failAll(error: Error): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}
