import type { IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CONTENT_SECURITY_POLICY } from '../../server/http/security.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

const headersOf = (response: Response): Record<string, string> => Object.fromEntries(response.headers);

/** The headers of a WebSocket upgrade's 101 Switching Protocols. */
function upgradeHeaders(url: string): Promise<IncomingHttpHeaders> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
    ws.once('upgrade', (response) => {
      resolve(response.headers);
      ws.close();
    });
    ws.once('error', reject);
  });
}

/** socket.io answers `/socket.io/` without the app's routes; its answers must be as guarded as theirs. */
describe('security headers', () => {
  let server: TestServer;
  const poll = `/socket.io/?EIO=4&transport=polling`;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.cleanup();
  });

  it('are on socket.io’s polling handshake and on the polls of that session', async () => {
    const handshake = await fetch(`${server.url}${poll}`);
    expect(handshake.status).toBe(200);
    expect(headersOf(handshake)).toMatchObject(SECURITY_HEADERS);
    const { sid } = JSON.parse((await handshake.text()).slice(1)) as { sid: string };

    const sent = await fetch(`${server.url}${poll}&sid=${sid}`, { method: 'POST', body: '40' });
    expect(sent.status).toBe(200);
    expect(headersOf(sent)).toMatchObject(SECURITY_HEADERS);
    const polled = await fetch(`${server.url}${poll}&sid=${sid}`);
    expect(polled.status).toBe(200);
    expect(headersOf(polled)).toMatchObject(SECURITY_HEADERS);
  });

  it('are on socket.io’s refusals: a bad request (400) and a foreign origin (403)', async () => {
    const unknownSession = await fetch(`${server.url}${poll}&sid=no-such-session`);
    expect(unknownSession.status).toBe(400);
    expect(await unknownSession.json()).toEqual({ code: 1, message: 'Session ID unknown' });
    expect(headersOf(unknownSession)).toMatchObject(SECURITY_HEADERS);

    const unknownTransport = await fetch(`${server.url}/socket.io/?EIO=4&transport=carrier-pigeon`);
    expect(unknownTransport.status).toBe(400);
    expect(headersOf(unknownTransport)).toMatchObject(SECURITY_HEADERS);

    const foreign = await fetch(`${server.url}${poll}`, { headers: { Origin: 'http://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toEqual({ code: 4, message: 'FORBIDDEN' });
    expect(headersOf(foreign)).toMatchObject(SECURITY_HEADERS);
  });

  it('are on a WebSocket’s 101 and on the app’s own answers', async () => {
    expect(await upgradeHeaders(server.url)).toMatchObject(SECURITY_HEADERS);
    for (const path of ['/health', '/desk', '/no-such-page', '/socket.io'])
      expect(headersOf(await fetch(`${server.url}${path}`)), path).toMatchObject(SECURITY_HEADERS);
  });
});
