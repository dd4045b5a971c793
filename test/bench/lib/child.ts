import { fork, type ChildProcess } from 'node:child_process';
import { monoMs } from './clock.js';

/**
 * Request and reply between the orchestrator and a child process over Node's IPC channel. A
 * request carries an id; the child answers with `{ reply: id, ok, value | error }`. Anything
 * else the child sends is an event, for `on`.
 */
export interface Reply {
  readonly reply: number;
  readonly ok: boolean;
  readonly value?: unknown;
  readonly error?: string;
}

export interface ChildEvent {
  readonly type: string;
  readonly [key: string]: unknown;
}

export class Child {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Set<(event: ChildEvent) => void>();
  private stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** When the process was forked, on the monotonic clock. */
  readonly forkedAt: number;

  private constructor(readonly process: ChildProcess) {
    this.forkedAt = monoMs();
    process.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-8000);
    });
    process.on('message', (raw: Reply | ChildEvent) => {
      if (typeof raw.reply === 'number') {
        const message = raw as Reply;
        const waiter = this.pending.get(message.reply);
        this.pending.delete(message.reply);
        if (message.ok) waiter?.resolve(message.value);
        else waiter?.reject(new Error(message.error));
      } else for (const listener of this.listeners) listener(raw as ChildEvent);
    });
    this.exited = new Promise((resolve) =>
      process.once('exit', (code, signal) => {
        const error = new Error(`child exited (${code ?? signal}): ${this.stderr.trim().slice(-2000)}`);
        for (const waiter of this.pending.values()) waiter.reject(error);
        this.pending.clear();
        resolve({ code, signal });
      }),
    );
  }

  /** Forks a bundled script; its stdout is dropped (as a service's logs would be shipped away). */
  static fork(script: string, args: readonly string[], options: { execArgv?: string[] } = {}): Child {
    const child = fork(script, [...args], {
      execArgv: options.execArgv ?? [],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    return new Child(child);
  }

  request<T>(type: string, body: Record<string, unknown> = {}, timeoutMs = 120_000): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${type}: no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.process.send({ ...body, type, id });
    });
  }

  /** Sends without waiting for an answer. */
  notify(type: string, body: Record<string, unknown> = {}): void {
    this.process.send({ ...body, type });
  }

  on(listener: (event: ChildEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The next event of a type (an error if the child exits first). */
  nextEvent(type: string, timeoutMs = 60_000): Promise<ChildEvent> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`no ${type} within ${timeoutMs} ms: ${this.stderr.trim().slice(-2000)}`));
      }, timeoutMs);
      const off = this.on((event) => {
        if (event.type !== type) return;
        clearTimeout(timer);
        off();
        resolve(event);
      });
      void this.exited.then(() => {
        clearTimeout(timer);
        off();
        reject(new Error(`the child exited before ${type}: ${this.stderr.trim().slice(-2000)}`));
      });
    });
  }

  get errors(): string {
    return this.stderr;
  }

  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.alive) return;
    this.process.kill(signal);
    await this.exited;
  }
}

type Handler = (message: Record<string, unknown> & { type: string }) => unknown;

/** The child's side: answers requests by type; an unknown type or a thrown error is a failed reply. */
export function serve(handlers: Record<string, Handler>): void {
  process.on('message', (message: Record<string, unknown> & { type: string; id?: number }) => {
    const handler = handlers[message.type];
    const answer = (reply: Omit<Reply, 'reply'>) => {
      if (message.id !== undefined) process.send?.({ reply: message.id, ...reply });
    };
    if (!handler) return answer({ ok: false, error: `unknown request ${message.type}` });
    Promise.resolve()
      .then(() => handler(message))
      .then(
        (value) => answer({ ok: true, value }),
        (error: unknown) => answer({ ok: false, error: (error as Error).stack ?? String(error) }),
      );
  });
  // An orphaned child (the orchestrator died) must not keep sockets or files open.
  process.on('disconnect', () => process.exit(0));
}

/** An event from the child to the orchestrator. */
export function emit(type: string, body: Record<string, unknown> = {}): void {
  process.send?.({ ...body, type });
}
