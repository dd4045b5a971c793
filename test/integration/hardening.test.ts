import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDevice, type TestClient } from '../helpers/client.js';
import { T0 } from '../helpers/domain.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const HOUR = 3_600_000;

/** Sends one raw HTTP request (whatever its first line) and returns the status line of the answer. */
function rawRequest(port: number, requestLine: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () =>
      socket.write(`${requestLine}\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`),
    );
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('end', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}

const walkIn = {
  arrival: { kind: 'walk_in', adults: 1, children: 0 },
  language: 'ar',
  interpreterLanguage: null,
  consent: false,
} as const;

/** Found by review: each of these took the server down, stopped the office or let a device in too long. */
describe('hardening', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await server.cleanup();
  });
  const device = async (token: string) => {
    const client = await connectDevice(server.url, token);
    clients.push(client);
    return client;
  };

  it('a request target that is no URL gets 400, and the server goes on', async () => {
    for (const target of ['GET http://[/ HTTP/1.1', 'GET http://:99999/ HTTP/1.1', 'GET //[ HTTP/1.1'])
      expect(await rawRequest(server.port, target)).toMatch(/^HTTP\/1\.1 400/);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });

  it('no device can take the id of the next day’s turn and so stop the office for a day', async () => {
    const kiosk = await device(await server.pair('kiosk'));
    const tomorrow = new Date(T0 + 24 * HOUR).toISOString().slice(0, 10);
    for (const commandId of [`day-start-${tomorrow}`, `system:day-start:${tomorrow}`]) {
      const ack = await kiosk.raw('visit:check_in', { ...walkIn, commandId });
      if (commandId.startsWith('system'))
        expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      else expect(ack.ok).toBe(true);
    }
    server.clock.advance(24 * HOUR);
    const next = await kiosk.command('visit:check_in', walkIn);
    expect(next.ok).toBe(true);
    expect(server.server.engine.state.day).toBe(tomorrow);
    expect(server.server.engine.healthy).toBe(true);
  });

  it('a device revoked or paired anew outside the server (the CLI) is cut off at its next request', async () => {
    const revokedToken = await server.pair('kiosk');
    const revoked = await device(revokedToken);
    expect((await revoked.command('visit:check_in', walkIn)).ok).toBe(true);
    const id = (await server.store.devices.list()).at(-1)!.id;
    await server.store.devices.revoke(id, server.clock.now());
    expect(await revoked.command('visit:check_in', walkIn)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await expect.poll(() => revoked.socket.connected).toBe(false);

    // A screen that only listens is found out by the server's regular look.
    const listening = await device(await server.pair('display'));
    await server.store.devices.revoke((await server.store.devices.list()).at(-1)!.id, server.clock.now());
    expect(server.server.realtime.cutOffUnpaired()).toBe(1);
    await expect.poll(() => listening.socket.connected).toBe(false);
    expect(listening.received.map((m) => m.event)).toContain('server:notice');

    const moved = await device(await server.pair('kiosk'));
    const movedId = (await server.store.devices.list()).at(-1)!.id;
    const code = (await server.store.devices.renewCode(movedId, server.clock.now()))!;
    expect(await server.store.devices.pair(code, server.clock.now())).toBeDefined();
    expect(await moved.command('visit:check_in', walkIn)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    // Through a connection of its own to the file, as the CLI makes: the server's memory of who
    // holds a token gives way to it.
    const viaCli = await device(await server.pair('kiosk'));
    expect((await viaCli.command('visit:check_in', walkIn)).ok).toBe(true);
    const cli = await server.openBeside();
    await cli.devices.revoke((await server.store.devices.list()).at(-1)!.id, server.clock.now());
    await cli.close();
    // SQLite sees the other connection's commit at the next request; PostgreSQL's notice of it
    // (LISTEN/NOTIFY) comes a moment after the commit.
    if (server.kind === 'postgres')
      await expect
        .poll(async () => {
          const ack = await viaCli.command('visit:check_in', walkIn);
          return ack.ok ? 'ok' : ack.error.code;
        })
        .toBe('FORBIDDEN');
    else
      expect(await viaCli.command('visit:check_in', walkIn)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
  });

  // Last: the limiter keeps real time, and this spends the minute's pairings from this address.
  it('pairing: refused from a foreign origin; parallel wrong guesses are all counted', async () => {
    const { code } = await server.store.devices.create({ name: 'Desk', role: 'desk', deskId: 'af-1' }, T0);
    const foreign = await fetch(`${server.url}/api/pair`, {
      method: 'POST',
      headers: { Origin: 'http://evil.example' },
      body: JSON.stringify({ code }),
    });
    expect(foreign.status).toBe(403);

    const guesses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        fetch(`${server.url}/api/pair`, {
          method: 'POST',
          body: JSON.stringify({ code: `ZZZZ-${String(i).padStart(4, '0')}` }),
        }).then((r) => r.status),
      ),
    );
    expect(guesses.filter((s) => s === 404).length).toBeLessThanOrEqual(10);
    expect(guesses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20);
    // Spent the minute's tries: even the right code waits (the code itself is untouched).
    const right = await fetch(`${server.url}/api/pair`, { method: 'POST', body: JSON.stringify({ code }) });
    expect(right.status).toBe(429);
  });
});
