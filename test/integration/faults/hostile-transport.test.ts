import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../server/realtime/budgets.js';
import { MAX_PAYLOAD_BYTES } from '../../../server/realtime/server.js';
import { ERROR_CODES } from '../../../shared/errors.js';
import { connectDevice, TestClient } from '../../helpers/client.js';
import { hostileValue, ownKey, unicodeString } from '../../helpers/hostile.js';
import { scaled } from '../../helpers/long.js';
import { connectOffice, ok, type Devices } from '../../helpers/office.js';
import { RawSocket } from '../../helpers/rawSocket.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';

/**
 * Hostile connections rather than hostile commands: handshakes with forged, fuzzed, revoked or
 * missing credentials, pages from foreign origins (cross-site WebSocket hijacking), packets no
 * socket.io client would send, frames over the size limit, and floods of requests and of
 * connections. Each is refused (with a typed error where the protocol can carry one), nothing
 * changes, the server stays up, and a desk working beside it is not disturbed.
 */
describe('hostile connections', () => {
  let server: TestServer;
  let office: Devices;
  let deskToken: string;
  let statusToken: string;

  beforeAll(async () => {
    // The real per-socket limit, as in production.
    server = await startTestServer({ limits: DEFAULT_LIMITS });
    office = await connectOffice(server);
    deskToken = await server.pair('desk', 'af-2');
    statusToken = ok(
      await office.kiosk.command('visit:check_in', {
        arrival: { kind: 'walk_in', adults: 1, children: 0 },
        language: 'ti',
        interpreterLanguage: null,
        consent: false,
      }),
    ).statusToken;
  });
  afterAll(async () => {
    office.close();
    await server.cleanup();
  });

  /** The office is as it was, and a desk beside the attack still works at once. */
  async function expectUndisturbed(head: number) {
    expect(server.server.engine.head).toBe(head);
    const started = Date.now();
    const ack = await office.desks['kommun-1'].raw('visit:call', {
      commandId: `undisturbed-${Math.random().toString(36).slice(2, 12)}`,
      visitId: '00000000-0000-4000-8000-0000000000ff',
    });
    expect(ack).toMatchObject({ ok: false, error: { code: 'UNKNOWN_VISIT' } });
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  }

  /**
   * The handshake's outcome: the refusal's code, or CLOSED when the server dropped a connection
   * whose packet was not even socket.io (an `auth` that is no object), or throws if accepted.
   */
  async function refusal(auth: unknown, headers?: Record<string, string>): Promise<string> {
    // Thousands of handshakes at once queue up on a small machine: a slow answer is still an answer.
    const client = new TestClient(
      server.url,
      {},
      { timeoutMs: 60_000, ...(headers && { extraHeaders: headers }) },
    );
    client.socket.io.opts.reconnection = false;
    // The client sends whatever the test says, not only objects with a token.
    (client.socket as unknown as { auth: unknown }).auth = auth;
    try {
      return await Promise.race([
        client.refused().then((err) => err.data?.code ?? `untyped: ${err.message}`),
        // A refused handshake closes the connection too, just before it reports the refusal.
        new Promise<string>((resolve) =>
          client.socket.io.once('close', () => setTimeout(() => resolve('CLOSED'), 50)),
        ),
      ]);
    } finally {
      client.close();
    }
  }

  /** A `lastSeq` that arrives (through JSON) as absent or a whole number ≥ 0 makes a valid handshake. */
  const fineLastSeq = (v: unknown) => {
    const sent = (JSON.parse(JSON.stringify({ v }) ?? '{}') as { v?: unknown }).v;
    return sent === undefined || (Number.isInteger(sent) && (sent as number) >= 0);
  };

  /** Whether `auth` reaches the server (through JSON) as an object, which socket.io's parser requires. */
  const plainObject = (auth: unknown) => {
    const sent = JSON.parse(JSON.stringify([auth]) ?? '[null]') as unknown[];
    return sent[0] !== null && typeof sent[0] === 'object' && !Array.isArray(sent[0]);
  };

  it('a fuzzed handshake is refused with UNAUTHORIZED or UNKNOWN_TICKET', async () => {
    const head = server.server.engine.head;
    const forged = fc.oneof(
      hostileValue,
      fc.record({
        token: fc.oneof(unicodeString, fc.base64String({ minLength: 20, maxLength: 200 }), hostileValue),
      }),
      fc.record({ statusToken: fc.oneof(unicodeString, fc.base64String({ minLength: 16, maxLength: 64 })) }),
      fc.record({ token: fc.constant(deskToken), lastSeq: hostileValue.filter((v) => !fineLastSeq(v)) }),
      fc.constantFrom(
        { token: deskToken, statusToken },
        { token: deskToken, admin: true },
        { statusToken, lastSeq: 0 },
        ownKey('__proto__', { token: deskToken }),
        { token: deskToken.slice(0, -1) },
        { token: `${deskToken} ` },
        { token: deskToken.toUpperCase() },
        { statusToken: statusToken.slice(1) },
        {},
        null,
      ),
    );
    await fc.assert(
      fc.asyncProperty(forged, async (auth) => {
        const code = await refusal(auth);
        expect(plainObject(auth) ? ['UNAUTHORIZED', 'UNKNOWN_TICKET'] : ['UNAUTHORIZED', 'CLOSED']).toContain(
          code,
        );
      }),
      { numRuns: scaled(60, 600) },
    );
    await expectUndisturbed(head);
  });

  it('a revoked device is refused, even with the token it had', async () => {
    const token = await server.pair('reception');
    const device = (await server.store.devices.authenticate(token))!;
    ok(await office.admin.query('device:revoke', { deviceId: device.id }));
    expect(await refusal({ token })).toBe('UNAUTHORIZED');
    expect(await refusal({ token, lastSeq: 0 })).toBe('UNAUTHORIZED');
  });

  it('a page from another origin cannot open a socket, even with a valid token (both transports)', async () => {
    const head = server.server.engine.head;
    const { port } = server;
    const foreign = [
      'http://evil.example',
      'http://localhost.evil.example',
      `http://localhost.evil.example:${port}`,
      `http://127.0.0.1.evil.example:${port}`,
      `http://127.0.0.1:${port}.evil.example`,
      `http://127.0.0.1:${port}@evil.example`,
      `http://evil.example#@127.0.0.1:${port}`,
      `https://127.0.0.1:${port + 1}`,
      `http://127.0.0.1`,
      `http://localhost:${port}`,
      'null',
      '',
      'file://',
      `ws://127.0.0.1:${port}`,
      'chrome-extension://abcdefghijklmnop',
    ];
    for (const origin of foreign) {
      // The polling transport: HTTP 403 with a typed body.
      const response = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, {
        headers: { Origin: origin },
      });
      expect(response.status, origin).toBe(403);
      expect(await response.json()).toEqual({ code: 4, message: 'FORBIDDEN' });
      if (origin === '') continue; // a WebSocket client sends no empty Origin: it sends none
      // The WebSocket transport: the upgrade is refused (engine.io answers an upgrade with 400).
      await expect(RawSocket.open(server.url, { origin }), origin).rejects.toThrow(/HTTP 40[03]/);
      // And a socket.io client with a valid token, on either transport.
      for (const transports of [['websocket'], ['polling']]) {
        const client = new TestClient(server.url, { token: deskToken }, { extraHeaders: { Origin: origin } });
        client.socket.io.opts.reconnection = false;
        client.socket.io.opts.transports = transports as ['websocket'];
        await expect(client.connected(), `${origin} over ${transports[0]}`).rejects.toThrow();
        client.close();
      }
    }
    // The server's own origin is welcome.
    const own = new TestClient(server.url, { token: deskToken }, { extraHeaders: { Origin: server.url } });
    await own.connected();
    own.close();
    await expectUndisturbed(head);
  });

  it('packets no socket.io client would send: refused or ignored, the connection at most closed', async () => {
    const head = server.server.engine.head;
    const json = (v: unknown) => {
      try {
        return JSON.stringify(v) ?? 'null';
      } catch {
        return '[]';
      }
    };
    const frame = fc.oneof(
      fc.string({ maxLength: 40 }),
      unicodeString,
      fc
        .tuple(
          fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '40', '41', '42', '43', '44', '45', '46', '4x'),
          fc.string({ maxLength: 60 }),
        )
        .map(([a, b]) => a + b),
      fc
        .tuple(
          fc.constantFrom('42', '4217', '43', '451-', '45999999999-', '461-', '42/admin,', '40/nowhere,'),
          hostileValue,
        )
        .map(([a, v]) => a + json(v)),
      fc
        .tuple(
          fc.constantFrom(
            'disconnect',
            'connect',
            'newListener',
            '__proto__',
            'constructor',
            'toString',
            'visit:start',
            // A query that no hostile value can make valid (sync:snapshot's `{}` would be answered).
            'visit:open',
          ),
          hostileValue,
        )
        .map(([event, v]) => `4242${json([event, v])}`),
      fc.integer({ min: 10, max: 5000 }).map((n) => `42${'['.repeat(n)}`),
      fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => Buffer.from(b)),
    );
    let socket: RawSocket | undefined;
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 8 }), async (frames) => {
        if (!socket?.open) {
          // The server may close a connection over a packet it cannot parse: open another.
          socket = await RawSocket.open(server.url, { auth: { token: deskToken } });
        }
        // What an earlier (failed) run left must not be judged again, or shrinking chases it.
        socket.frames.splice(0);
        // A probe before the frames, answered on a live connection: so that the acks below are
        // judged in every run, also when the frames close the connection (most random text does).
        socket.send(`4298["visit:start",{"commandId":"raw-probe-before","visitId":"nope"}]`);
        await socket.until((f) => f.startsWith('4398'), 'the first probe ack', 3000);
        for (const f of frames) socket.send(f);
        // Every ack the server sent on such a socket is a typed refusal.
        socket.send(`4299["visit:start",{"commandId":"raw-probe-command","visitId":"nope"}]`);
        const probed = await Promise.race([
          socket
            .until((f) => f.startsWith('4399'), 'the probe ack', 1500)
            .then(
              () => true,
              () => false,
            ),
          socket.closed.then(() => false),
        ]);
        // A frame may have left the connection open but its namespace gone (a `41` disconnect
        // packet): nothing on it is answered any more, so the next run must not inherit it.
        if (!probed) socket.close();
        for (const f of socket.frames.filter((x) => x.startsWith('43'))) {
          const body = JSON.parse(f.replace(/^43\d+/, '')) as [{ ok: boolean; error?: { code: string } }];
          expect(body[0].ok).toBe(false);
          expect(ERROR_CODES).toContain(body[0].error?.code);
          answered++;
        }
        expect(server.server.engine.head).toBe(head);
      }),
      { numRuns: scaled(80, 800) },
    );
    socket?.close();
    expect(answered).toBeGreaterThan(0);
    await expectUndisturbed(head);
  });

  it('a frame over the limit closes that connection only, on either transport', async () => {
    const head = server.server.engine.head;
    const raw = await RawSocket.open(server.url, { auth: { token: deskToken } });
    raw.send(`42["visit:add_note",${JSON.stringify({ text: 'x'.repeat(MAX_PAYLOAD_BYTES + 1) })}]`);
    expect((await raw.closed).code).toBe(1009); // "message too big"
    const open = await (await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`)).text();
    const { sid } = JSON.parse(open.slice(1)) as { sid: string };
    const polled = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`, {
      method: 'POST',
      body: `42["visit:add_note","${'x'.repeat(MAX_PAYLOAD_BYTES + 1)}"]`,
    });
    expect(polled.status).toBe(413);
    await expectUndisturbed(head);
  });

  it('a flood from one socket is cut to its rate; the desk beside it is served at once', async () => {
    const head = server.server.engine.head;
    const flooder = await connectDevice(server.url, deskToken);
    const flood = Array.from({ length: DEFAULT_LIMITS.requests.burst * 5 }, (_, i) =>
      i % 3 === 0
        ? flooder.raw('sync:snapshot', {})
        : i % 3 === 1
          ? flooder.raw('queue:call_next', { commandId: `flood-${i}-xxxxxxxx` })
          : flooder.raw('visit:add_note', { nonsense: i }),
    );
    const during = Date.now();
    await expectUndisturbed(head);
    const latency = Date.now() - during;
    const acks = await Promise.all(flood);
    const limited = acks.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED').length;
    expect(limited).toBeGreaterThanOrEqual(DEFAULT_LIMITS.requests.burst * 3);
    for (const a of acks) if (!a.ok) expect(ERROR_CODES).toContain(a.error.code);
    expect(latency).toBeLessThan(1000);
    // Events without an ack are dropped as quietly as they came.
    for (let i = 0; i < 500; i++)
      flooder.emitRaw('visit:start', { commandId: `no-ack-${i}-xxxx`, visitId: 'x' });
    flooder.close();
    await expectUndisturbed(head);
  });

  it('a flood of connections with bad credentials: all refused, the office undisturbed', async () => {
    const head = server.server.engine.head;
    const attempts = Array.from({ length: scaled(300, 2000) }, (_, i) =>
      refusal(
        i % 2 === 0
          ? { token: `forged-token-${i}-${'z'.repeat(30)}` }
          : { statusToken: `forged-${i}-xxxxxxxxxxxx` },
      ),
    );
    await expectUndisturbed(head);
    const refused = await Promise.all(attempts);
    for (const code of refused) expect(['UNAUTHORIZED', 'UNKNOWN_TICKET']).toContain(code);
    expect(server.server.realtime.io.sockets.sockets.size).toBeLessThan(30);
    await expectUndisturbed(head);
  });
});
