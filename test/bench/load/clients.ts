import { io, type Socket } from 'socket.io-client';
import { WebSocket } from 'ws';
import { RECONNECT_DELAYS } from '../../../shared/reconnect.js';
import { monoMs } from '../lib/clock.js';
import type { ClientSpec, System } from './protocol.js';

export interface Ack {
  readonly ok: boolean;
  readonly seq: number | null;
  readonly code?: string;
  readonly value?: unknown;
}

/**
 * One connected screen in a load generator. It records, for every update it receives, the
 * sequence number the update reflects and when it arrived; nothing more, so that a few processes
 * can hold a thousand of them and the office and the baselines cost the same on this side.
 */
export abstract class LoadClient {
  readonly seqs: number[] = [];
  readonly times: number[] = [];
  /** Update messages and their size in characters (the socket.io packet or the WebSocket frame). */
  messages = 0;
  bytes = 0;
  gaps = 0;
  connectedAt: number | null = null;
  /** Which server it is a client of: the office's clients and the baselines' live side by side. */
  abstract readonly system: System;

  constructor(public spec: ClientSpec) {}

  protected record(seq: number): void {
    const last = this.seqs[this.seqs.length - 1];
    if (last !== undefined && seq < last) return;
    this.seqs.push(seq);
    this.times.push(monoMs());
  }

  clear(): void {
    this.seqs.length = 0;
    this.times.length = 0;
    this.messages = 0;
    this.bytes = 0;
  }

  /** The first arrival at or after `seq` (and after `after`), by binary search. */
  arrival(seq: number, after = -Infinity): number | null {
    let lo = 0;
    let hi = this.seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.seqs[mid]! < seq) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.seqs.length; i++) if (this.times[i]! > after) return this.times[i]!;
    return null;
  }

  abstract connected(): Promise<void>;
  /** Whether the connection is up now. */
  abstract get online(): boolean;
  abstract send(name: string, payload: Record<string, unknown>, timeoutMs: number): Promise<Ack>;
  abstract close(): void;
}

function countBytes(socket: Socket, client: LoadClient, updates: readonly string[]): void {
  const prefixes = updates.map((u) => `2["${u}"`);
  const attach = () =>
    socket.io.engine.on('packet', (packet: { type: string; data?: unknown }) => {
      if (packet.type !== 'message' || typeof packet.data !== 'string') return;
      if (!prefixes.some((p) => (packet.data as string).startsWith(p))) return;
      client.messages += 1;
      client.bytes += packet.data.length;
    });
  socket.io.on('open', attach);
}

/** A screen of the office: a staff screen, a public screen or a visitor's status page. */
export class OfficeClient extends LoadClient {
  readonly system = 'office';
  private socket: Socket;
  private lastSeq = 0;

  constructor(url: string, spec: ClientSpec) {
    super(spec);
    this.socket = io(url, {
      transports: ['websocket'],
      forceNew: true,
      ...RECONNECT_DELAYS,
      // A staff screen that has state says how far it got, as the renderer does.
      auth: (cb) =>
        cb(
          spec.statusToken
            ? { statusToken: spec.statusToken }
            : { token: spec.token, ...(this.lastSeq > 0 && { lastSeq: this.lastSeq }) },
        ),
    });
    this.socket.on('connect', () => (this.connectedAt = monoMs()));
    this.socket.on('sync:snapshot', (snapshot: { seq: number }) => {
      this.lastSeq = snapshot.seq;
      this.record(snapshot.seq);
    });
    this.socket.on('sync:events', ({ events }: { events: { seq: number }[] }) => {
      for (const e of events) {
        if (e.seq !== this.lastSeq + 1) this.gaps += 1;
        this.lastSeq = e.seq;
      }
      // An empty replay after a reconnect says the screen was already at the head.
      this.record(this.lastSeq);
    });
    this.socket.on('public:view', (view: { seq: number }) => this.record(view.seq));
    this.socket.on('status:view', (view: { seq: number }) => this.record(view.seq));
    countBytes(this.socket, this, ['sync:events', 'public:view', 'status:view']);
  }

  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      const ready = () => (this.seqs.length > 0 ? resolve() : setTimeout(ready, 5));
      if (this.socket.connected) return ready();
      this.socket.once('connect', ready);
      this.socket.once('connect_error', (error) => reject(error));
    });
  }

  get online(): boolean {
    return this.socket.connected;
  }

  async send(name: string, payload: Record<string, unknown>, timeoutMs: number): Promise<Ack> {
    try {
      const ack = (await this.socket.timeout(timeoutMs).emitWithAck(name, payload)) as
        { ok: true; seq: number; value: unknown } | { ok: false; error: { code: string } };
      return ack.ok
        ? { ok: true, seq: ack.seq, value: ack.value }
        : { ok: false, seq: null, code: ack.error.code };
    } catch {
      return { ok: false, seq: null, code: 'TIMEOUT' };
    }
  }

  close(): void {
    this.socket.disconnect();
  }
}

/** A client of the bare socket.io server: `io.emit` to everyone. */
export class IoClient extends LoadClient {
  readonly system = 'io';
  private readonly socket: Socket;

  constructor(url: string, spec: ClientSpec) {
    super(spec);
    this.socket = io(url, { transports: ['websocket'], forceNew: true, ...RECONNECT_DELAYS });
    this.socket.on('update', (m: { seq: number }) => this.record(m.seq));
    this.socket.on('connect', () => (this.connectedAt = monoMs()));
    countBytes(this.socket, this, ['update']);
  }

  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.connected) return resolve();
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', (error) => reject(error));
    });
  }

  get online(): boolean {
    return this.socket.connected;
  }

  async send(_name: string, payload: Record<string, unknown>, timeoutMs: number): Promise<Ack> {
    try {
      const ack = (await this.socket.timeout(timeoutMs).emitWithAck('cmd', payload)) as { seq: number };
      return { ok: true, seq: ack.seq };
    } catch {
      return { ok: false, seq: null, code: 'TIMEOUT' };
    }
  }

  close(): void {
    this.socket.disconnect();
  }
}

/** A client of the bare `ws` server: one JSON frame to every socket. */
export class WsClient extends LoadClient {
  readonly system = 'ws';
  private readonly socket: WebSocket;
  private next = 1;
  private readonly acks = new Map<number, (ack: Ack) => void>();

  constructor(url: string, spec: ClientSpec) {
    super(spec);
    this.socket = new WebSocket(url.replace(/^http/, 'ws'));
    this.socket.on('open', () => (this.connectedAt = monoMs()));
    this.socket.on('message', (data: Buffer) => {
      const text = data.toString();
      const m = JSON.parse(text) as { t: 'u' | 'a'; seq: number; id?: number };
      if (m.t === 'u') {
        this.messages += 1;
        this.bytes += text.length;
        this.record(m.seq);
      } else {
        this.acks.get(m.id!)?.({ ok: true, seq: m.seq });
        this.acks.delete(m.id!);
      }
    });
  }

  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.readyState === WebSocket.OPEN) return resolve();
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
  }

  get online(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  send(_name: string, _payload: Record<string, unknown>, timeoutMs: number): Promise<Ack> {
    const id = this.next++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.acks.delete(id);
        resolve({ ok: false, seq: null, code: 'TIMEOUT' });
      }, timeoutMs);
      this.acks.set(id, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
      this.socket.send(JSON.stringify({ t: 'c', id }));
    });
  }

  close(): void {
    this.socket.close();
  }
}

/**
 * Sends as the renderer's `send` does (renderer/src/net/socket.ts): waits for the connection,
 * and after a timeout or a dropped connection tries again with the same command id, which the
 * server runs at most once; three attempts of 8 s.
 */
export async function sendWithRetry(
  client: LoadClient,
  name: string,
  payload: Record<string, unknown>,
): Promise<Ack> {
  let last: Ack = { ok: false, seq: null, code: 'TIMEOUT' };
  for (let attempt = 0; attempt < 3; attempt++) {
    const deadline = monoMs() + 8_000;
    while (!client.online && monoMs() < deadline) await new Promise((r) => setTimeout(r, 2));
    if (!client.online) continue;
    last = await client.send(name, payload, 8_000);
    if (last.ok || last.code !== 'TIMEOUT') return last;
  }
  return last;
}

export function createClient(system: System, url: string, spec: ClientSpec): LoadClient {
  if (system === 'office') return new OfficeClient(url, spec);
  if (system === 'io') return new IoClient(url, spec);
  return new WsClient(url, spec);
}
