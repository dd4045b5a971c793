import WebSocket from 'ws';

/**
 * A WebSocket that speaks engine.io and socket.io by hand, so that a test can send what no
 * socket.io client would: broken packets, unknown packet types, wrong namespaces, binary frames,
 * frames over the size limit. It answers the server's pings, and keeps every frame it receives.
 */
export class RawSocket {
  readonly frames: string[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) =>
      ws.once('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        this.wake();
      }),
    );
    ws.on('error', () => undefined);
    ws.on('message', (data, binary) => {
      const frame = binary ? `<binary ${(data as Buffer).length}>` : data.toString();
      if (frame === '2') ws.send('3'); // engine.io ping → pong
      this.frames.push(frame);
      this.wake();
    });
  }

  /** Opens the transport; with `auth`, also connects to the main namespace with it. */
  static async open(url: string, options: { auth?: unknown; origin?: string } = {}): Promise<RawSocket> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, {
      ...(options.origin !== undefined && { origin: options.origin }),
    });
    const socket = new RawSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
    await socket.until((f) => f.startsWith('0{'), 'the engine.io open packet');
    if (options.auth !== undefined) {
      ws.send(`40${JSON.stringify(options.auth)}`);
      await socket.until((f) => f.startsWith('40{') || f.startsWith('44{'), 'the namespace answer');
    }
    return socket;
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(frame: string | Buffer): void {
    if (this.open) this.ws.send(frame);
  }

  /** Waits for a frame (received from now on, or already) that matches. */
  async until(match: (frame: string) => boolean, what: string, timeoutMs = 3000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(match);
      if (found !== undefined) return found;
      if (Date.now() > deadline || this.ws.readyState === WebSocket.CLOSED)
        throw new Error(`raw socket: no ${what} (got ${this.frames.slice(-3).join(' | ').slice(0, 300)})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.ws.terminate();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
