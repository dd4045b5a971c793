import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectOffice, ok, type Devices } from '../helpers/office.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('malformed payloads', () => {
  let server: TestServer;
  let office: Devices;
  let visitId: string;

  beforeAll(async () => {
    server = await startTestServer();
    office = await connectOffice(server);
    visitId = ok(
      await office.kiosk.command('visit:check_in', {
        arrival: { kind: 'walk_in', adults: 1, children: 0 },
        language: 'ar',
        interpreterLanguage: null,
        consent: true,
      }),
    ).visitId;
    ok(await office.desks['mv-1'].command('queue:call_next', {}));
    ok(await office.desks['mv-1'].command('visit:start', { visitId }));
  });
  afterAll(async () => {
    office.close();
    await server.cleanup();
  });

  const cases: [string, () => [string, unknown]][] = [
    [
      'wrong types',
      () => [
        'visit:check_in',
        {
          commandId: 'bad-types-1',
          arrival: { kind: 'walk_in', adults: '2', children: 0 },
          language: 'ar',
          interpreterLanguage: null,
          consent: 'yes',
        },
      ],
    ],
    ['missing fields', () => ['visit:check_in', { commandId: 'missing-fields-1', language: 'ar' }]],
    [
      'no command id',
      () => [
        'visit:check_in',
        {
          arrival: { kind: 'walk_in', adults: 1, children: 0 },
          language: 'ar',
          interpreterLanguage: null,
          consent: true,
        },
      ],
    ],
    [
      'an unknown language',
      () => [
        'visit:check_in',
        {
          commandId: 'bad-lang-1',
          arrival: { kind: 'walk_in', adults: 1, children: 0 },
          language: 'xx',
          interpreterLanguage: null,
          consent: true,
        },
      ],
    ],
    [
      'a household of 10 000',
      () => [
        'visit:check_in',
        {
          commandId: 'huge-house',
          arrival: { kind: 'walk_in', adults: 10_000, children: 0 },
          language: 'ar',
          interpreterLanguage: null,
          consent: true,
        },
      ],
    ],
    [
      'an oversized note',
      () => [
        'visit:add_note',
        { commandId: 'huge-note-1', visitId, note: { text: 'x'.repeat(100_000), visibility: 'agency' } },
      ],
    ],
    [
      'an empty note',
      () => [
        'visit:add_note',
        { commandId: 'empty-note-1', visitId, note: { text: '   ', visibility: 'agency' } },
      ],
    ],
    [
      'an extra key',
      () => [
        'visit:add_note',
        { commandId: 'extra-key-1', visitId, note: { text: 'hi', visibility: 'agency' }, admin: true },
      ],
    ],
    [
      'a __proto__ key',
      () => [
        'visit:add_note',
        JSON.parse(
          `{"commandId":"proto-key-1","visitId":"${visitId}","note":{"text":"hi","visibility":"agency"},"__proto__":{"isAdmin":true}}`,
        ),
      ],
    ],
    [
      'a nested __proto__ key',
      () => [
        'visit:add_note',
        JSON.parse(
          `{"commandId":"proto-key-2","visitId":"${visitId}","note":{"text":"hi","visibility":"agency","__proto__":{"x":1}}}`,
        ),
      ],
    ],
    [
      'a constructor key',
      () => [
        'visit:hand_over',
        {
          commandId: 'ctor-key-1',
          visitId,
          to: { kind: 'next', constructor: { prototype: {} } },
          outcome: 'done',
        },
      ],
    ],
    ['a string payload', () => ['visit:start', 'start everything']],
    ['a null payload', () => ['visit:start', null]],
    ['an array payload', () => ['visit:start', [visitId]]],
    [
      'a visit id that is no uuid',
      () => ['visit:start', { commandId: 'not-uuid-1', visitId: "1' OR '1'='1" }],
    ],
    [
      'deep nesting',
      () => [
        'visit:add_note',
        { commandId: 'deep-1', visitId, note: JSON.parse('['.repeat(2000) + ']'.repeat(2000)) },
      ],
    ],
    [
      'a unicode trick in the command id',
      () => ['visit:start', { commandId: 'abc\u202edef\u0000gh', visitId }],
    ],
  ];

  it.each(cases)('%s: a typed error, and nothing changes', async (_, make) => {
    const [name, payload] = make();
    const head = server.server.engine.head;
    const state = server.server.engine.state;
    const ack = await office.desks['mv-1'].raw(name, payload);
    const kioskAck = name === 'visit:check_in' ? await office.kiosk.raw(name, payload) : ack;
    for (const a of [ack, kioskAck]) {
      expect(a.ok).toBe(false);
      if (!a.ok) expect(['VALIDATION_FAILED', 'FORBIDDEN']).toContain(a.error.code);
    }
    if (!kioskAck.ok && name === 'visit:check_in') expect(kioskAck.error.code).toBe('VALIDATION_FAILED');
    expect(server.server.engine.head).toBe(head);
    expect(server.server.engine.state).toBe(state);
  });

  it('the prototype of server objects is untouched after __proto__ payloads', () => {
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('a command without an ack callback is ignored', async () => {
    const head = server.server.engine.head;
    office.desks['mv-1'].emitRaw('visit:park', { commandId: 'no-ack-park-1', visitId });
    await new Promise((r) => setTimeout(r, 100));
    expect(server.server.engine.head).toBe(head);
  });

  it('a command or query with an ack but no payload is answered, and changes nothing', async () => {
    const head = server.server.engine.head;
    const socket = office.desks['mv-1'].socket as unknown as {
      timeout(ms: number): { emitWithAck(event: string): Promise<{ ok: boolean; error?: { code: string } }> };
    };
    for (const name of ['visit:park', 'desk:sign_out', 'visit:open', 'sync:snapshot']) {
      const ack = await socket.timeout(2000).emitWithAck(name);
      expect(ack, name).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    expect(server.server.engine.head).toBe(head);
  });

  it('the server still serves after all of it', async () => {
    ok(await office.desks['mv-1'].command('visit:park', { visitId }));
  });
});
