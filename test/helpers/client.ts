import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { applyAll } from '../../shared/apply.js';
import type { CommandName, CommandInput } from '../../shared/commands.js';
import type { EventEnvelope } from '../../shared/events.js';
import type {
  AckResult,
  ClientToServerEvents,
  CommandResult,
  QueryName,
  QueryPayload,
  QueryResults,
  ServerToClientEvents,
  StaffSnapshotWire,
} from '../../shared/protocol.js';
import { decodeStaffSnapshot } from '../../shared/protocol.js';
import { fromData, type OfficeState } from '../../shared/state.js';
import type { PublicView, StatusView } from '../../shared/views.js';

export type RawMessage = { readonly event: string; readonly args: unknown[] };

/**
 * A real socket.io client that records every raw message it receives (for privacy checks on
 * the wire) and keeps a staff state up to date the way the screens do: snapshot, then events.
 */
export class TestClient {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly received: RawMessage[] = [];
  state: OfficeState | undefined;
  lastSeq = 0;
  publicView: PublicView | undefined;
  statusView: StatusView | undefined;
  readonly events: EventEnvelope[] = [];
  private waiters: (() => void)[] = [];

  constructor(
    url: string,
    auth: Record<string, unknown>,
    options: {
      extraHeaders?: Record<string, string>;
      timeoutMs?: number;
      /** WebSocket only unless told; the screens fall back to polling (balancer tests). */
      transports?: ('websocket' | 'polling')[];
      /** Keeps cookies, as a browser does: a balancer's sticky cookie on polling. */
      withCredentials?: boolean;
      /** The screens' own (shared/reconnect.ts) where a test measures how soon they are back. */
      reconnectDelays?: { reconnectionDelay: number; reconnectionDelayMax: number };
    } = {},
  ) {
    this.socket = io(url, {
      auth: (cb) =>
        cb({ ...auth, ...(this.lastSeq > 0 && 'token' in auth ? { lastSeq: this.lastSeq } : {}) }),
      transports: options.transports ?? ['websocket'],
      reconnection: true,
      ...(options.reconnectDelays ?? { reconnectionDelay: 50, reconnectionDelayMax: 200 }),
      ...(options.withCredentials && { withCredentials: true }),
      // A connection attempt lost half-way (a half-open link) is tried again after this, not 20 s.
      timeout: options.timeoutMs ?? 4000,
      forceNew: true,
      ...(options.extraHeaders && { extraHeaders: options.extraHeaders }),
    });
    this.socket.onAny((event: string, ...received: unknown[]) => {
      // Recorded as decoded, so that what tests look for in a snapshot (or must not find) is there as text.
      const args =
        event === 'sync:snapshot' ? [decodeStaffSnapshot(received[0] as StaffSnapshotWire)] : received;
      this.received.push({ event, args });
      this.onMessage(event, args);
      const waiters = this.waiters;
      this.waiters = [];
      for (const wake of waiters) wake();
    });
  }

  private onMessage(event: string, args: unknown[]): void {
    if (event === 'sync:snapshot') {
      const snapshot = args[0] as ReturnType<typeof decodeStaffSnapshot>;
      this.state = fromData(snapshot.state);
      this.lastSeq = snapshot.seq;
    } else if (event === 'sync:events') {
      const { events } = args[0] as { events: EventEnvelope[] };
      for (const e of events) {
        if (e.seq !== this.lastSeq + 1) throw new Error(`gap: had ${this.lastSeq}, got ${e.seq}`);
        this.lastSeq = e.seq;
        this.events.push(e);
      }
      if (this.state) this.state = applyAll(this.state, events);
    } else if (event === 'public:view') {
      this.publicView = args[0] as PublicView;
    } else if (event === 'status:view') {
      this.statusView = args[0] as StatusView;
    }
  }

  /** Waits until the connection is up (or refused). */
  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.connected) return resolve();
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', (err) => reject(err));
    });
  }

  /** Resolves with the handshake's refusal, or rejects if the connection succeeds. */
  refused(): Promise<Error & { data?: { code: string } }> {
    return new Promise((resolve, reject) => {
      this.socket.once('connect_error', (err) => resolve(err as Error & { data?: { code: string } }));
      this.socket.once('connect', () => reject(new Error('the connection was accepted')));
    });
  }

  command<N extends CommandName>(
    name: N,
    payload: Omit<CommandInput<N>, 'commandId'> & { commandId?: string },
  ): Promise<AckResult<CommandResult<N>>> {
    const full = { commandId: randomUUID(), ...payload };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the map's emit types are per name
    return (this.socket.timeout(10_000) as any).emitWithAck(name, full);
  }

  /** Sends anything at all under a command's name: for malformed and hostile payloads. */
  raw(name: string, payload: unknown): Promise<AckResult<unknown>> {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return (this.socket.timeout(10_000) as any).emitWithAck(name, payload);
  }

  /** Emits without waiting for an ack (or without asking for one). */
  emitRaw(name: string, payload: unknown): void {
    (this.socket as unknown as { emit(event: string, ...args: unknown[]): void }).emit(name, payload);
  }

  query<Q extends QueryName>(name: Q, payload: QueryPayload<Q>): Promise<AckResult<QueryResults[Q]>> {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return (this.socket.timeout(10_000) as any).emitWithAck(name, payload);
  }

  /** Waits until `predicate` holds after some message (or already holds). */
  async until(predicate: () => boolean, what = 'condition', timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.socket.disconnect();
  }
}

/** Connects a paired device and waits for its first state. */
export async function connectDevice(url: string, token: string): Promise<TestClient> {
  const client = new TestClient(url, { token });
  await client.connected();
  await client.until(() => client.state !== undefined || client.publicView !== undefined, 'first state');
  return client;
}

export async function connectStatusPage(url: string, statusToken: string): Promise<TestClient> {
  const client = new TestClient(url, { statusToken });
  await client.connected();
  await client.until(() => client.statusView !== undefined, 'status view');
  return client;
}
