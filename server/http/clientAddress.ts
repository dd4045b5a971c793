import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** `::ffff:10.0.0.5`, as a dual-stack socket reports an IPv4 peer, is `10.0.0.5`. */
export function plainAddress(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return (mapped ? mapped[1]! : trimmed).toLowerCase();
}

/**
 * The address a request came from, for what is counted per address (wrong pairing codes).
 * Behind a balancer every request's peer is the balancer, so one guesser would lock every
 * office device out, and a guesser's count would be everyone's. The balancer says who its peer
 * was in X-Forwarded-For, but anybody can send that header: it is believed only when the peer
 * is a proxy named in `trusted`, and then read from the right (each proxy appends the address
 * it saw), taking the first hop that is not itself a trusted proxy, which no client can choose.
 * What a client wrote to the left of it is never read.
 */
export function clientAddress(req: IncomingMessage, trusted: ReadonlySet<string>): string {
  const peer = plainAddress(req.socket.remoteAddress ?? 'unknown');
  if (!trusted.has(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  if (header === undefined) return peer;
  // Node joins repeated X-Forwarded-For lines with ", ", in the order they came.
  const hops = (Array.isArray(header) ? header.join(',') : header)
    .split(',')
    .map(plainAddress)
    .filter((hop) => hop !== '');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    // A trusted proxy that wrote nonsense is not a client's address; the proxy is.
    if (isIP(hop) === 0) return peer;
    if (!trusted.has(hop)) return hop;
  }
  return peer;
}
