import { bundlePath } from '../build.js';
import { Child } from '../lib/child.js';
import type { EventLoopDelay } from '../office/server.js';

/** A bare broadcast server (`ws` or socket.io) in its own process. */
export class BareServer {
  private constructor(
    private readonly child: Child,
    readonly url: string,
  ) {}

  static async start(kind: 'ws' | 'io', payloadBytes: number): Promise<BareServer> {
    const child = Child.fork(bundlePath(kind === 'ws' ? 'wsServer' : 'ioServer'), []);
    const listening = await child.nextEvent('listening');
    await child.request('payload', { bytes: payloadBytes });
    return new BareServer(child, `http://127.0.0.1:${listening.port as number}`);
  }

  /** The size of each update from now on, in characters once framed. */
  setPayload(bytes: number): Promise<void> {
    return this.child.request('payload', { bytes });
  }

  resetEventLoopDelay(): Promise<void> {
    return this.child.request('eld:reset');
  }

  eventLoopDelay(): Promise<EventLoopDelay> {
    return this.child.request('eld:read');
  }

  async stop(): Promise<void> {
    await this.child.request('close').catch(() => undefined);
    await Promise.race([this.child.exited, new Promise((r) => setTimeout(r, 3000))]);
    await this.child.kill('SIGKILL');
  }
}
