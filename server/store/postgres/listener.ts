import type pg from 'pg';
import type { Logger } from '../../log.js';

/** After a lost connection, the listener tries again this long after (ms), doubling up to the last. */
const RELISTEN_MS = [250, 1_000, 5_000];

type Subscriber = (payload: string) => void;

/**
 * One connection of a server's pool that LISTENs for the region's news (a device's token
 * changed, …) and hands each notification to whoever subscribed to its channel and payload. A
 * node serving many offices keeps one such connection, not one per office: the pool stays small.
 *
 * While the connection is down nothing is heard, so every subscriber is told when it is back
 * (`onListening`), to read again what may have changed meanwhile.
 */
export class PgListener {
  private readonly subscribers = new Map<string, Map<string, Set<Subscriber>>>();
  private readonly backListeners = new Set<() => Promise<void> | void>();
  private client: pg.PoolClient | undefined;
  /** Ends the current attempt's hold on its connection, so that a late error does not release it again. */
  private detach: (() => void) | undefined;
  private running = false;
  private retry: NodeJS.Timeout | undefined;
  private firstUp: Promise<void> | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly channels: readonly string[],
    private readonly log: Logger,
  ) {}

  /** Calls `fn` with each notification on `channel` whose payload is `payload`. */
  subscribe(channel: string, payload: string, fn: Subscriber): () => void {
    if (!this.channels.includes(channel)) throw new Error(`not listening on ${channel}`);
    const byPayload = this.subscribers.get(channel) ?? new Map<string, Set<Subscriber>>();
    this.subscribers.set(channel, byPayload);
    const set = byPayload.get(payload) ?? new Set<Subscriber>();
    byPayload.set(payload, set);
    set.add(fn);
    return () => set.delete(fn);
  }

  /** Called whenever the connection listens: at first, and again after every loss. */
  onListening(fn: () => Promise<void> | void): () => void {
    this.backListeners.add(fn);
    return () => this.backListeners.delete(fn);
  }

  /** Starts listening; resolves once the first connection listens (or failed once). */
  start(): Promise<void> {
    if (this.running) return this.firstUp ?? Promise.resolve();
    this.running = true;
    this.firstUp = this.connect(0);
    return this.firstUp;
  }

  private async connect(attempt: number): Promise<void> {
    this.retry = undefined;
    if (!this.running) return;
    let client: pg.PoolClient | undefined;
    let ended = false;
    // Whichever comes first, the connection's error or a failed statement, ends this attempt once.
    const end = () => {
      if (ended) return false;
      ended = true;
      if (this.client === client) this.client = undefined;
      client?.removeAllListeners('notification');
      client?.release(true);
      return true;
    };
    const again = (wait: number, next: number) => {
      if (!this.running) return;
      this.retry = setTimeout(() => void this.connect(next), wait);
      this.retry.unref();
    };
    try {
      client = await this.pool.connect();
      if (!this.running) {
        client.release();
        return;
      }
      this.detach = () => {
        ended = true;
      };
      client.on('notification', (n) => this.deliver(n.channel, n.payload ?? ''));
      // `on`, not `once`: a second error unheard would end the process; `end` acts once.
      client.on('error', () => {
        if (!end()) return;
        this.log.warn('the connection listening for the region’s news was lost; connecting again');
        again(RELISTEN_MS[0]!, 1);
      });
      for (const channel of this.channels) await client.query(`LISTEN ${channel}`);
      if (ended) return;
      if (!this.running) {
        ended = true;
        client.removeAllListeners('notification');
        client.release(true);
        return;
      }
      this.client = client;
      if (attempt > 0) this.log.info('listening for the region’s news again');
      // What changed before anyone listened, or while nobody did.
      await Promise.all(
        [...this.backListeners].map((back) =>
          Promise.resolve()
            .then(back)
            .catch((error: unknown) =>
              this.log.warn({ error: String(error) }, 'not read again after a loss'),
            ),
        ),
      );
    } catch {
      if (!end()) return;
      again(RELISTEN_MS[Math.min(attempt, RELISTEN_MS.length - 1)]!, attempt + 1);
    }
  }

  private deliver(channel: string, payload: string): void {
    const set = this.subscribers.get(channel)?.get(payload);
    if (!set) return;
    for (const fn of set) {
      try {
        fn(payload);
      } catch (error) {
        this.log.warn({ channel, error: String(error) }, 'a notification could not be handled');
      }
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    // Its error handler stays on (an error unheard would end the process) but does nothing more.
    this.detach?.();
    client.removeAllListeners('notification');
    for (const channel of this.channels) await client.query(`UNLISTEN ${channel}`).catch(() => undefined);
    client.release();
  }
}
