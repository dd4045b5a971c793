export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface BackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
  /** ±this share of the delay, so that 30 screens do not knock on the server in step. */
  readonly jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1_000, maxMs: 30_000, jitter: 0.2 };

/** 1 s, 2 s, 4 s … up to 30 s, each ±20 %. */
export function backoffDelay(attempt: number, options = DEFAULT_BACKOFF, random = Math.random): number {
  const base = Math.min(options.maxMs, options.initialMs * 2 ** Math.max(0, attempt));
  const spread = base * options.jitter * (random() * 2 - 1);
  return Math.round(Math.min(options.maxMs, Math.max(options.initialMs / 2, base + spread)));
}

/**
 * Whether the server can show its screens: `/health` answers 200 and the screens are built. A
 * server that answers 503 (storage down, screens missing) is as good as gone for a kiosk.
 */
export async function isServerReady(response: Response): Promise<boolean> {
  if (response.status !== 200) return false;
  try {
    const body = (await response.json()) as { screens?: unknown };
    return body.screens !== false;
  } catch {
    return false;
  }
}

export interface ReconnectorDeps {
  /** True when the server is back. Must not throw; a rejection counts as "not yet". */
  probe(): Promise<boolean>;
  onRecovered(): void;
  timers: Timers;
  backoff?: (attempt: number) => number;
}

/** Probes the server with a growing pause until it answers, then hands back once. */
export class Reconnector {
  private attempt = 0;
  private timer: unknown = null;
  private active = false;

  constructor(private readonly deps: ReconnectorDeps) {}

  get running(): boolean {
    return this.active;
  }

  get attempts(): number {
    return this.attempt;
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    this.attempt = 0;
    this.schedule();
  }

  stop(): void {
    this.active = false;
    if (this.timer !== null) this.deps.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    const delay = (this.deps.backoff ?? backoffDelay)(this.attempt);
    this.timer = this.deps.timers.setTimeout(() => void this.tick(), delay);
  }

  private async tick(): Promise<void> {
    this.timer = null;
    if (!this.active) return;
    const ready = await this.deps.probe().catch(() => false);
    if (!this.active) return;
    if (ready) {
      this.active = false;
      this.deps.onRecovered();
      return;
    }
    this.attempt += 1;
    this.schedule();
  }
}
