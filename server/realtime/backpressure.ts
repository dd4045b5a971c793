import type { Logger } from '../log.js';
import { budgetKey } from './budgets.js';
import type { OfficeIo, OfficeSocket } from './types.js';

/** The parts of engine.io's connection that hold what a client has not yet read. */
interface Connection {
  readonly writeBuffer: readonly { readonly data?: unknown }[];
  readonly transport: {
    readonly name: string;
    /** ws's WebSocket, on the websocket transport. */
    readonly socket?: { readonly bufferedAmount?: number; terminate?(): void };
  };
  close(discard?: boolean): void;
}

const connectionOf = (socket: OfficeSocket) => socket.conn as unknown as Connection;

const sizeOf = (data: unknown): number =>
  typeof data === 'string' ? data.length : data instanceof Uint8Array ? data.byteLength : 0;

/**
 * Bytes queued for a client and not yet taken by the kernel: engine.io's packets waiting for
 * the transport, plus what ws holds for its socket. A client that reads keeps this near zero.
 * A snapshot shared by several screens, or asked for again and again, is counted each time it
 * is queued: that is what would be sent. (Counted once, as its memory is, a client that asks
 * for the same snapshot without reading once engine.io holds its packets back, waiting for the
 * kernel, would never pass the bound, and its queue would grow without end.)
 */
export function unsentBytes(socket: OfficeSocket): number {
  const conn = connectionOf(socket);
  let bytes = conn.transport.socket?.bufferedAmount ?? 0;
  for (const { data } of conn.writeBuffer) bytes += sizeOf(data);
  return bytes;
}

/**
 * Cuts off a client that does not read once its queue passes the bound, dropping what was
 * queued: a closing handshake would wait for the very buffers that cannot drain. The screen
 * reconnects (if it is a screen) and resumes from its last sequence number.
 */
export function dropIfSlow(socket: OfficeSocket, bound: number, log: Logger): boolean {
  const unsent = unsentBytes(socket);
  if (unsent <= bound) return false;
  log.warn({ client: budgetKey(socket.data), unsent }, 'client does not read what it is sent; disconnected');
  const conn = connectionOf(socket);
  conn.transport.socket?.terminate?.();
  conn.close(true);
  return true;
}

/** Checks every socket this often, so that what a slow client holds stays bounded between sends. */
export const BACKPRESSURE_CHECK_MS = 500;

/** `bound()` is asked at every check: it grows with the day's snapshot (see server.ts). */
export function watchBackpressure(io: OfficeIo, bound: () => number, log: Logger): () => void {
  const timer = setInterval(() => {
    const limit = bound();
    for (const socket of io.sockets.sockets.values()) dropIfSlow(socket, limit, log);
  }, BACKPRESSURE_CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}
