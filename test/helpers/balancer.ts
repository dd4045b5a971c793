import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP balancer for tests of several nodes where the real one (HAProxy, deploy/) is not the
 * point: each new connection goes to the next node in turn that accepts it, as a balancer does
 * once its health check has taken a dead node out. WebSocket clients only: there is no stickiness.
 */
export class TestBalancer {
  private next = 0;
  private readonly open = new Set<Socket>();
  private readonly perBackend = new Map<number, number>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly backends: readonly number[],
  ) {}

  static start(backends: readonly number[]): Promise<TestBalancer> {
    return new Promise((resolve, reject) => {
      let balancer: TestBalancer | undefined;
      const server = createServer((client) => balancer!.accept(client));
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        balancer = new TestBalancer(server, (server.address() as { port: number }).port, backends);
        resolve(balancer);
      });
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private accept(client: Socket): void {
    this.open.add(client);
    client.once('close', () => this.open.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    const first = this.next++ % this.backends.length;
    const attempt = (tried: number) => {
      if (tried === this.backends.length || client.destroyed) return void client.destroy();
      const port = this.backends[(first + tried) % this.backends.length]!;
      const upstream = createConnection({ host: '127.0.0.1', port });
      upstream.once('error', () => {
        upstream.destroy();
        if (!connected) attempt(tried + 1);
        else client.destroy();
      });
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        this.open.add(upstream);
        this.perBackend.set(port, (this.perBackend.get(port) ?? 0) + 1);
        upstream.once('close', () => {
          this.open.delete(upstream);
          this.perBackend.set(port, this.perBackend.get(port)! - 1);
          client.destroy();
        });
        client.once('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    attempt(0);
  }

  /** How many connections go to the node on `port` now. */
  connectionsTo(port: number): number {
    return this.perBackend.get(port) ?? 0;
  }

  close(): Promise<void> {
    for (const socket of this.open) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
