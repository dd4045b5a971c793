import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  normalizeCode,
  parsePairingInput,
  parsePairingUrl,
  redeemPairing,
  type FetchLike,
} from '../../../electron/src/pairing.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { json, TOKEN } from './fakes.js';

describe('pairing codes and links', () => {
  it('normalizes codes as people type them', () => {
    expect(normalizeCode('k7qm-3xwp')).toBe('K7QM-3XWP');
    expect(normalizeCode(' K7QM 3XWP ')).toBe('K7QM-3XWP');
    expect(normalizeCode('K7QM3XWP')).toBe('K7QM-3XWP');
  });

  it('refuses what cannot be a code', () => {
    expect(normalizeCode('K7QM-3XW')).toBeNull();
    expect(normalizeCode('K7QM-3XWPQ')).toBeNull();
    expect(normalizeCode('K0QM-3XWP')).toBeNull(); // 0 is not in the alphabet
    expect(normalizeCode('')).toBeNull();
  });

  it('reads a pairing link as the server prints it', () => {
    expect(parsePairingUrl('http://192.168.1.20:8420/pair?code=K7QM-3XWP')).toEqual({
      ok: true,
      serverOrigin: 'http://192.168.1.20:8420',
      code: 'K7QM-3XWP',
    });
    expect(parsePairingUrl('192.168.1.20:8420/pair/?code=k7qm3xwp')).toMatchObject({
      ok: true,
      code: 'K7QM-3XWP',
    });
  });

  it.each([
    ['http://server/desk?code=K7QM-3XWP', /ends in \/pair/],
    ['http://server/pair', /has no code/],
    ['http://server/pair?code=nope', /code is not valid/],
    ['javascript:alert(1)//pair?code=K7QM-3XWP', /http:\/\/ or https:\/\//],
    ['file:///pair?code=K7QM-3XWP', /http:\/\/ or https:\/\//],
  ])('refuses the link %s', (link, message) => {
    const parsed = parsePairingUrl(link);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  it('takes a link from either field, or an address and a code', () => {
    const link = 'http://server:8420/pair?code=K7QM-3XWP';
    const expected = { ok: true, serverOrigin: 'http://server:8420', code: 'K7QM-3XWP' };
    expect(parsePairingInput(link, '')).toEqual(expected);
    expect(parsePairingInput('', link)).toEqual(expected);
    expect(parsePairingInput('server:8420', 'k7qm 3xwp')).toEqual(expected);
    expect(parsePairingInput(link, 'ABCD-EFGH')).toEqual({ ...expected, code: 'ABCD-EFGH' });
  });

  it('says which field is wrong', () => {
    expect(parsePairingInput('', '')).toMatchObject({ ok: false, field: 'server' });
    expect(parsePairingInput('server:8420', '')).toMatchObject({ ok: false, field: 'code' });
    expect(parsePairingInput('server:8420', '123')).toMatchObject({ ok: false, field: 'code' });
    expect(parsePairingInput('file:///x', 'K7QM-3XWP')).toMatchObject({ ok: false, field: 'server' });
    expect(parsePairingInput('', 'http://server/pair')).toMatchObject({ ok: false, field: 'code' });
  });
});

const target = { serverOrigin: 'http://server:8420', code: 'K7QM-3XWP' };
const device = { id: 'dev-1', role: 'desk', name: 'Arbetsförmedlingen 1', deskId: 'af-1' };
const answering =
  (response: () => Response): FetchLike =>
  async () =>
    response();

describe('redeeming a code', () => {
  it('posts the code and returns the token and device', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const result = await redeemPairing(async (url, init) => {
      calls.push({ url, init });
      return json({ token: TOKEN, device });
    }, target);
    expect(result).toEqual({ ok: true, token: TOKEN, device });
    expect(calls[0]?.url).toBe('http://server:8420/api/pair');
    expect(calls[0]?.init.method).toBe('POST');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ code: 'K7QM-3XWP' });
  });

  it.each([
    [json({ error: { code: 'UNKNOWN_CODE', message: 'x' } }, 404), /unknown, already used or expired/],
    [json({ error: { code: 'RATE_LIMITED', message: 'x' } }, 429), /wait a minute/],
    [json({ error: { code: 'INTERNAL', message: 'pairing failed' } }, 500), /answered 500: pairing failed/],
    [new Response('<html>proxy</html>', { status: 502 }), /answered 502\./],
    [new Response('<html>hello</html>', { status: 200 }), /did not answer like a Mötesplats office server/],
    [json({ token: 'short', device }), /did not answer like a Mötesplats office server/],
  ])('explains a refusal (%#)', async (response, message) => {
    const result = await redeemPairing(
      answering(() => response),
      target,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('refuses a role the app does not run, and says where it does run', async () => {
    const result = await redeemPairing(
      answering(() => json({ token: TOKEN, device: { ...device, role: 'admin' } })),
      target,
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.message).toMatch(/role "admin".*open http:\/\/server:8420\/admin in a browser/s);
  });

  it('explains an unreachable server', async () => {
    const result = await redeemPairing(async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    }, target);
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(
        /Could not reach http:\/\/server:8420 \(ECONNREFUSED\)\. Check the address/,
      ),
    });
  });

  it('gives up on a server that does not answer', async () => {
    const result = await redeemPairing(
      (_url, init) =>
        new Promise((_resolve, reject) =>
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error)),
        ),
      target,
      20,
    );
    expect(result.ok === false && result.message).toMatch(/no answer in time/);
  });
});

describe('redeeming a code at a real office server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.cleanup();
  });

  it('pairs a desk once, and refuses the same code again', async () => {
    const desk = await server.store.devices.create(
      { name: 'AF 1', role: 'desk', deskId: 'af-1' },
      server.clock.now(),
    );
    const first = await redeemPairing(fetch, { serverOrigin: server.url, code: desk.code });
    expect(first).toMatchObject({ ok: true, device: { role: 'desk', deskId: 'af-1', name: 'AF 1' } });
    const again = await redeemPairing(fetch, { serverOrigin: server.url, code: desk.code });
    expect(again.ok === false && again.message).toMatch(/already used/);
  });
});
