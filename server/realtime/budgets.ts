import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { SocketData } from './types.js';

/** Requests allowed: a burst, refilled over `perSeconds`. */
export interface RateLimit {
  readonly burst: number;
  readonly perSeconds: number;
}

/**
 * What one device (or one visitor's ticket) may cost the office, however many sockets it opens.
 * A busy desk sends a command every few seconds and has one screen; a family may open its
 * ticket's status page on a few phones.
 */
export interface DeviceLimits {
  /** Commands and queries together. */
  readonly requests: RateLimit;
  /** `sync:snapshot` requests: a screen asks only after it missed events. */
  readonly snapshots: RateLimit;
  readonly socketsPerDevice: number;
  readonly socketsPerTicket: number;
  /** A client that does not read is cut off once this much waits to be sent to it. */
  readonly maxUnsentBytes: number;
}

export const DEFAULT_LIMITS: DeviceLimits = {
  requests: { burst: 40, perSeconds: 4 },
  snapshots: { burst: 4, perSeconds: 10 },
  socketsPerDevice: 4,
  socketsPerTicket: 8,
  maxUnsentBytes: 4 * 1024 * 1024,
};

/** Whose budget a socket spends: its device's, or its ticket's. */
export const budgetKey = (data: SocketData): string =>
  data.kind === 'status' ? `ticket:${data.visitId}` : `${data.kind}:${data.device.id}`;

const limiter = (limit: RateLimit) =>
  new RateLimiterMemory({ points: limit.burst, duration: limit.perSeconds });

/** The budgets of every device and ticket: request rates and open sockets. */
export class Budgets {
  private readonly requests: RateLimiterMemory;
  private readonly snapshots: RateLimiterMemory;
  private readonly open = new Map<string, number>();

  constructor(readonly limits: DeviceLimits) {
    this.requests = limiter(limits.requests);
    this.snapshots = limiter(limits.snapshots);
  }

  /** Resolves true when the request fits the budget (and spends it). */
  spendRequest(data: SocketData): Promise<boolean> {
    return this.requests.consume(budgetKey(data)).then(
      () => true,
      () => false,
    );
  }

  spendSnapshot(data: SocketData): Promise<boolean> {
    return this.snapshots.consume(budgetKey(data)).then(
      () => true,
      () => false,
    );
  }

  /**
   * Takes a socket slot for a handshake, or false when the device or ticket has all its slots
   * in use. The returned release is idempotent: call it from every way the socket can end.
   */
  admit(data: SocketData): (() => void) | false {
    const key = budgetKey(data);
    const cap = data.kind === 'status' ? this.limits.socketsPerTicket : this.limits.socketsPerDevice;
    const used = this.open.get(key) ?? 0;
    if (used >= cap) return false;
    this.open.set(key, used + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(key) ?? 1) - 1;
      if (left > 0) this.open.set(key, left);
      else this.open.delete(key);
    };
  }
}
