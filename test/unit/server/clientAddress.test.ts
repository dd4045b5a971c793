import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../../server/http/clientAddress.js';
import { readSettings } from '../../../server/settings.js';

const request = (peer: string, forwardedFor?: string | string[]) =>
  ({
    socket: { remoteAddress: peer },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as IncomingMessage;

const BALANCER = '10.0.0.2';
const trusting = new Set([BALANCER]);

describe('the client address counted for wrong pairing codes', () => {
  it('is the peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress(request('192.0.2.7', '198.51.100.1'), new Set())).toBe('192.0.2.7');
    // A client talking to the server directly cannot pass for the balancer's clients either.
    expect(clientAddress(request('192.0.2.7', '198.51.100.1'), trusting)).toBe('192.0.2.7');
    expect(clientAddress(request('::ffff:192.0.2.7'), new Set())).toBe('192.0.2.7');
  });

  it('is the balancer’s own peer when the request came through a trusted balancer', () => {
    expect(clientAddress(request(BALANCER, '192.0.2.7'), trusting)).toBe('192.0.2.7');
    expect(clientAddress(request(`::ffff:${BALANCER}`, '192.0.2.7'), trusting)).toBe('192.0.2.7');
    // What the client wrote itself stands to the left of what the balancer appended: never read.
    expect(clientAddress(request(BALANCER, '198.51.100.1, 192.0.2.7'), trusting)).toBe('192.0.2.7');
    expect(clientAddress(request(BALANCER, ['198.51.100.1', '192.0.2.7']), trusting)).toBe('192.0.2.7');
    expect(clientAddress(request(BALANCER, 'not-an-address, 2001:DB8::7'), trusting)).toBe('2001:db8::7');
  });

  it('skips trusted proxies in a chain, and falls back to the peer when the header says nothing usable', () => {
    const chain = new Set([BALANCER, '10.0.0.3']);
    expect(clientAddress(request(BALANCER, '192.0.2.7, 10.0.0.3'), chain)).toBe('192.0.2.7');
    expect(clientAddress(request(BALANCER, '10.0.0.3'), chain)).toBe(BALANCER);
    expect(clientAddress(request(BALANCER), trusting)).toBe(BALANCER);
    expect(clientAddress(request(BALANCER, ''), trusting)).toBe(BALANCER);
    expect(clientAddress(request(BALANCER, '192.0.2.7, garbage'), trusting)).toBe(BALANCER);
  });

  it('trusts the proxies named by --trust-proxy or MOTESPLATS_TRUST_PROXY, and none by default', () => {
    expect(readSettings([], {}).trustProxy).toEqual([]);
    expect(readSettings(['--trust-proxy', '10.0.0.2', '--trust-proxy', '::1'], {}).trustProxy).toEqual([
      '10.0.0.2',
      '::1',
    ]);
    expect(readSettings([], { MOTESPLATS_TRUST_PROXY: '10.0.0.2, 10.0.0.3' }).trustProxy).toEqual([
      '10.0.0.2',
      '10.0.0.3',
    ]);
    expect(() => readSettings(['--trust-proxy', 'balancer.local'], {})).toThrow(/trustProxy/);
  });
});
