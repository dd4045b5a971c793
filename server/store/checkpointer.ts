import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { loggableError, type Logger } from '../log.js';

/**
 * The worker's whole program: its own connection to the office database, and a passive
 * checkpoint whenever it is asked. CommonJS text rather than a module file, so that it runs the
 * same from source (tests), compiled (`npm start`) and bundled (the benchmarks).
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
db.pragma('synchronous = FULL');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
parentPort.on('message', (message) => {
  if (message === 'stop') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    checkpoint.all();
    parentPort.postMessage({ ok: true });
  } catch (error) {
    parentPort.postMessage({ ok: false, code: String(error && error.code || 'unknown') });
  }
});
`;

type Answer = { ok: true } | { ok: false; code: string };

/** How often the WAL is copied back into the database while commands are being written. */
const EVERY_MS = 200;

/**
 * Checkpoints the office database's WAL from a thread of its own. SQLite's automatic checkpoint
 * runs inside the commit that crosses its threshold, on the event loop: every thousand pages or
 * so one commit also copies the WAL into the database file and syncs it twice, a stall of
 * milliseconds that every screen then waits for (the tail of the call-to-display latency). Here
 * a passive checkpoint on another connection copies what is committed meanwhile, without
 * blocking the writer; the writer's next commit after a finished checkpoint starts the WAL over
 * (it syncs the WAL once for that, a fraction of a millisecond, every checkpoint or so, instead
 * of copying pages and syncing the database), so the WAL stays small. The writer keeps a high
 * automatic threshold as a backstop, should this thread fall behind; if it fails, the default.
 */
export class Checkpointer {
  private readonly worker: Worker;
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private dirty = false;
  private stopped = false;
  private readonly exited: Promise<void>;

  constructor(
    file: string,
    private readonly log: Logger,
    /** Called if the thread fails: the writer should checkpoint as SQLite does by default again. */
    private readonly failed: () => void,
  ) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER, { eval: true, workerData: { file, driver } });
    // It must not keep a process alive that has nothing else to do, except while it stops.
    this.worker.unref();
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.on('message', (answer: Answer) => {
      this.busy = false;
      if (!answer.ok)
        this.log.warn({ code: answer.code }, 'WAL checkpoint failed; SQLite will checkpoint on commit');
      if (this.dirty) this.written();
    });
    this.worker.on('error', (error) => {
      this.busy = false;
      this.log.error(loggableError(error), 'WAL checkpoint thread failed; SQLite will checkpoint on commit');
      this.failed();
      void this.stop();
    });
  }

  /** Called after each commit: a checkpoint follows within `EVERY_MS`. */
  written(): void {
    this.dirty = true;
    if (this.timer || this.busy || this.stopped) return;
    this.timer = setTimeout(() => this.run(), EVERY_MS);
    this.timer.unref();
  }

  private run(): void {
    this.timer = undefined;
    // A checkpoint still running asks for the next when it answers.
    if (this.stopped || this.busy) return;
    this.busy = true;
    this.dirty = false;
    this.worker.postMessage('checkpoint');
  }

  /** Stops the thread and closes its connection; the writer's close then checkpoints the rest. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    // Held open until the thread has closed its connection, so that the writer's close after
    // it is the last and empties the WAL.
    this.worker.ref();
    this.worker.postMessage('stop');
    await this.exited;
  }
}
