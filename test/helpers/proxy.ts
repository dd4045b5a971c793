import { createConnection, createServer, type Server, type Socket } from 'node:net';

interface Pair {
  readonly client: Socket;
  readonly upstream: Socket;
  /** Half-open: nothing passes any more, and nobody is told. */
  held: boolean;
}

/**
 * A TCP proxy between screens and the server that misbehaves on request, as an office network
 * does: latency (each direction keeps its order), connections cut at once (a switch restarting:
 * both ends get a reset), connections held half-open (a Wi-Fi gone without a goodbye: both ends
 * still think they are connected and learn otherwise only from their own heartbeats), and new
 * connections refused (the network down).
 */
export class FaultProxy {
  private readonly pairs = new Set<Pair>();
  private latency = { min: 0, max: 0 };
  private refusing = false;
  /** How many connections were cut and held, for the tests to show the storm happened. */
  readonly counts = { connections: 0, cut: 0, held: 0, refused: 0 };

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static start(target: { host: string; port: number }): Promise<FaultProxy> {
    return new Promise((resolve, reject) => {
      let proxy: FaultProxy | undefined;
      const server = createServer((client) => proxy!.accept(client, target));
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        proxy = new FaultProxy(server, (server.address() as { port: number }).port);
        resolve(proxy);
      });
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Every chunk waits a random time in [min, max] ms; a direction never reorders. */
  setLatency(min: number, max = min): void {
    this.latency = { min, max };
  }

  /** Cuts every connection now: both ends get a reset. */
  cutAll(): void {
    for (const pair of this.pairs) {
      this.counts.cut++;
      pair.client.resetAndDestroy();
      pair.upstream.resetAndDestroy();
    }
    this.pairs.clear();
  }

  /** From now on the connections open now carry nothing, and are never closed by the proxy. */
  holdAll(): void {
    for (const pair of this.pairs)
      if (!pair.held) {
        pair.held = true;
        this.counts.held++;
      }
  }

  /** New connections are reset at once while this is on. */
  setRefusing(on: boolean): void {
    this.refusing = on;
  }

  /** Back to a good network: no latency, no refusals (held connections stay dead). */
  heal(): void {
    this.setLatency(0);
    this.setRefusing(false);
  }

  close(): Promise<void> {
    this.cutAll();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket, target: { host: string; port: number }): void {
    if (this.refusing) {
      this.counts.refused++;
      client.resetAndDestroy();
      return;
    }
    this.counts.connections++;
    const upstream = createConnection(target);
    const pair: Pair = { client, upstream, held: false };
    this.pairs.add(pair);
    this.pipe(pair, client, upstream);
    this.pipe(pair, upstream, client);
    const close = () => {
      if (pair.held) return; // a dead link tells nobody
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      socket.setNoDelay(true);
      socket.on('error', () => undefined);
      socket.on('close', close);
    }
  }

  /** Forwards `from` → `to`, each chunk after its latency, strictly in order. */
  private pipe(pair: Pair, from: Socket, to: Socket): void {
    const queue: { at: number; chunk: Buffer }[] = [];
    let timer: NodeJS.Timeout | undefined;
    const drain = () => {
      timer = undefined;
      while (queue.length > 0 && queue[0]!.at <= Date.now()) {
        const { chunk } = queue.shift()!;
        if (!pair.held && !to.destroyed) to.write(chunk);
      }
      if (queue.length > 0) timer = setTimeout(drain, queue[0]!.at - Date.now());
    };
    from.on('data', (chunk: Buffer) => {
      if (pair.held) return;
      const { min, max } = this.latency;
      const last = queue.length > 0 ? queue[queue.length - 1]!.at : 0;
      queue.push({ at: Math.max(last, Date.now() + min + Math.random() * (max - min)), chunk });
      if (timer === undefined) drain();
    });
  }
}
