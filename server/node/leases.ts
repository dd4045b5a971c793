import type pg from 'pg';
import type { Logger } from '../log.js';

/** How often a node tries for the leases it does not hold, and checks that it still holds its own. */
export const LEASE_CHECK_MS = 2_000;

/**
 * A statement on the lease's connection that does not answer within this is taken for a lost
 * connection (a half-open one would otherwise hang for the kernel's minutes, and the node with it).
 */
const LEASE_QUERY_TIMEOUT_MS = 5_000;

const timed = (text: string, values?: unknown[]): pg.QueryConfig =>
  ({ text, ...(values && { values }), query_timeout: LEASE_QUERY_TIMEOUT_MS }) as pg.QueryConfig;

/** One office's lease, taken and given up. */
export interface LeaseHandlers {
  acquired(officeId: string): void;
  /** The connection that held it is gone: another node may hold it already. */
  lost(officeId: string): void;
}

/**
 * Which node runs an office's jobs (office/jobs.ts): the one holding a PostgreSQL advisory lock
 * of the office, taken on one connection of the node kept for that alone. A session's lock lasts
 * as long as its connection: a node that dies (SIGKILL, power) loses its connection, PostgreSQL
 * lets the lock go, and another node's next try (every `LEASE_CHECK_MS`) takes it. Nothing to
 * expire or renew, and no clock to trust: the database's own view of who is connected decides.
 *
 * A node that loses the connection (the network, a database restart) gives up every lease at
 * once, for it can no longer know it holds them, and tries again on a new connection.
 */
export class Leases {
  private client: pg.PoolClient | undefined;
  private connecting: Promise<pg.PoolClient | undefined> | undefined;
  private readonly held = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private trying: Promise<void> | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly offices: () => readonly string[],
    private readonly handlers: LeaseHandlers,
    private readonly log: Logger,
    private readonly checkMs = LEASE_CHECK_MS,
  ) {}

  /** The offices whose lease this node holds now. */
  holding(): string[] {
    return [...this.held].sort();
  }

  start(): Promise<void> {
    this.running = true;
    this.timer = setInterval(() => void this.tryAll(), this.checkMs);
    this.timer.unref();
    return this.tryAll();
  }

  /** Tries now for the leases not held (a new office, a node that just died). */
  tryAll(): Promise<void> {
    return (this.trying ??= this.attempt().finally(() => (this.trying = undefined)));
  }

  private async attempt(): Promise<void> {
    if (!this.running) return;
    const client = await this.connection();
    if (!client) return;
    const wanted = this.offices().filter((id) => !this.held.has(id));
    try {
      // Still ours: a cheap statement on the connection proves the session, and so its locks, live.
      if (wanted.length === 0) {
        await client.query(timed('SELECT 1'));
        return;
      }
      const { rows } = await client.query<{ id: string; got: boolean }>(
        timed(
          `SELECT id, pg_try_advisory_lock(hashtext('motesplats jobs'), hashtext(id)) AS got
           FROM unnest($1::text[]) AS id`,
          [wanted],
        ),
      );
      for (const { id, got } of rows) {
        if (!got || !this.running) continue;
        this.held.add(id);
        this.log.info({ office: id }, 'this node runs the office’s jobs');
        this.handlers.acquired(id);
      }
    } catch {
      this.dropConnection(client);
    }
  }

  private connection(): Promise<pg.PoolClient | undefined> {
    if (this.client) return Promise.resolve(this.client);
    return (this.connecting ??= this.pool
      .connect()
      .then(
        (client) => {
          // `on`, not `once`: a second error unheard would end the process.
          client.on('error', () => this.dropConnection(client));
          this.client = client;
          return client;
        },
        () => undefined,
      )
      .finally(() => (this.connecting = undefined)));
  }

  private dropConnection(client: pg.PoolClient): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.release(true);
    if (this.held.size > 0)
      this.log.warn({ offices: this.held.size }, 'the connection holding the jobs’ leases was lost');
    for (const id of [...this.held]) {
      this.held.delete(id);
      this.handlers.lost(id);
    }
  }

  /** Gives up an office's lease (the office is no longer served here). */
  async release(officeId: string): Promise<void> {
    if (!this.held.delete(officeId)) return;
    this.handlers.lost(officeId);
    await this.client
      ?.query(`SELECT pg_advisory_unlock(hashtext('motesplats jobs'), hashtext($1))`, [officeId])
      .catch(() => undefined);
  }

  /** Stops trying and gives up every lease (the node stops: the others take them at once). */
  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.timer);
    await this.trying;
    const client = this.client;
    this.client = undefined;
    for (const id of [...this.held]) {
      this.held.delete(id);
      this.handlers.lost(id);
    }
    if (!client) return;
    await client.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
    client.release();
  }
}
