import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_NAMES, COMMAND_ROLES } from '../../shared/commands.js';
import { ROLES } from '../../shared/events.js';
import { TestClient } from '../helpers/client.js';
import { connectOffice, ok, type Devices } from '../helpers/office.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('who may do what', () => {
  let server: TestServer;
  let office: Devices;

  beforeAll(async () => {
    server = await startTestServer();
    office = await connectOffice(server);
  });
  afterAll(async () => {
    office.close();
    await server.cleanup();
  });

  it('refuses every role × command pair outside the matrix with FORBIDDEN, and changes nothing', async () => {
    const byRole = {
      admin: office.admin,
      reception: office.reception,
      kiosk: office.kiosk,
      display: office.display,
      desk: office.desks['mv-1'],
    };
    const head = server.server.engine.head;
    let refused = 0;
    for (const role of ROLES)
      for (const name of COMMAND_NAMES) {
        if (COMMAND_ROLES[name].includes(role)) continue;
        const ack = await byRole[role].raw(name, {
          commandId: `forbidden-${role}-${name}`.replace(/:/g, '-'),
        });
        expect(ack.ok, `${role} ${name}`).toBe(false);
        if (!ack.ok) expect(ack.error.code, `${role} ${name}`).toBe('FORBIDDEN');
        refused++;
      }
    expect(refused).toBeGreaterThan(60);
    expect(server.server.engine.head).toBe(head);
  });

  it('refuses a status page that sends commands or queries', async () => {
    const checkIn = ok(
      await office.kiosk.command('visit:check_in', {
        arrival: { kind: 'walk_in', adults: 1, children: 0 },
        language: 'en',
        interpreterLanguage: null,
        consent: false,
      }),
    );
    const status = new TestClient(server.url, { statusToken: checkIn.statusToken });
    await status.connected();
    const ack = await status.raw('queue:call_next', { commandId: 'status-page-call' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const peek = await status.raw('visit:open', { visitId: checkIn.visitId });
    expect(peek).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    status.close();
  });

  describe('the handshake', () => {
    const attempt = async (auth: Record<string, unknown>, headers?: Record<string, string>) => {
      const client = new TestClient(server.url, auth, headers ? { extraHeaders: headers } : {});
      client.socket.io.opts.reconnection = false;
      try {
        return await client.refused();
      } finally {
        client.close();
      }
    };

    it('is refused without a token, with a forged one, or a revoked one', async () => {
      expect((await attempt({})).data?.code).toBe('UNAUTHORIZED');
      expect((await attempt({ token: 'x'.repeat(43) })).data?.code).toBe('UNAUTHORIZED');
      expect((await attempt({ statusToken: 'y'.repeat(22) })).data?.code).toBe('UNKNOWN_TICKET');
      const token = await server.pair('desk', 'af-2');
      await server.store.devices.revoke(
        (await server.store.devices.authenticate(token))!.id,
        server.clock.now(),
      );
      expect((await attempt({ token })).data?.code).toBe('UNAUTHORIZED');
    });

    it('is refused from a foreign origin, even with a valid token', async () => {
      const token = await server.pair('display');
      const err = await attempt({ token }, { Origin: 'http://evil.example' });
      expect(err).toBeInstanceOf(Error);
      // The same token from the server's own origin is accepted.
      const own = new TestClient(server.url, { token }, { extraHeaders: { Origin: server.url } });
      await own.connected();
      own.close();
    });
  });

  it('a revoked device that is connected is cut off at once', async () => {
    const token = await server.pair('kiosk');
    const kiosk = new TestClient(server.url, { token });
    await kiosk.connected();
    const device = await server.store.devices.authenticate(token);
    expect(device).toBeDefined();
    await server.store.devices.revoke(device!.id, server.clock.now());
    server.server.realtime.disconnectDevice(device!.id);
    await kiosk.until(() => kiosk.received.some((m) => m.event === 'server:notice'), 'revocation notice');
    await new Promise((r) => setTimeout(r, 300));
    expect(kiosk.socket.connected).toBe(false);
    kiosk.close();
  });
});
