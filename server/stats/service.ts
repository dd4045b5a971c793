import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { OfficeConfig } from '../../shared/office.js';
import type { Statistics, StatsRange } from '../../shared/stats.js';

type Pending = { resolve: (s: Statistics) => void; reject: (e: Error) => void };

/** Starts the statistics worker: the compiled one, or from source through tsx (tests, development). */
function startWorker(file: string): Worker {
  const compiled = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return new Worker(compiled, { workerData: { file } });
  const source = JSON.stringify(new URL('./worker.ts', import.meta.url).href);
  return new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${source}); });`,
    {
      eval: true,
      workerData: { file },
    },
  );
}

/** Statistics, computed one request at a time in a worker thread over the office database. */
export class StatsService {
  private worker: Worker | undefined;
  private next = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly databaseFile: string) {}

  compute(range: StatsRange, config: OfficeConfig): Promise<Statistics> {
    const worker = (this.worker ??= this.start());
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, range, config });
    });
  }

  private start(): Worker {
    const worker = startWorker(this.databaseFile);
    worker.unref();
    worker.on('message', (m: { id: number; ok: boolean; value?: Statistics; error?: string }) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.ok) p?.resolve(m.value!);
      else p?.reject(new Error(m.error));
    });
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', () => {
      this.worker = undefined;
      this.failAll(new Error('the statistics worker stopped'));
    });
    return worker;
  }

  private failAll(error: Error): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}
