import { pino } from 'pino';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../server/realtime/budgets.js';
import { MAX_PAYLOAD_BYTES } from '../../server/realtime/server.js';
import { DAY } from '../helpers/domain.js';
import { connectOffice, ok, type Devices } from '../helpers/office.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let office: Devices;
afterEach(async () => {
  office.close();
  await server.cleanup();
});

describe('socket limits', () => {
  it('a flood from one socket is refused with RATE_LIMITED while other desks carry on', async () => {
    server = await startTestServer({ limits: DEFAULT_LIMITS });
    office = await connectOffice(server, { signIn: false });
    const flooder = office.desks['mv-1'];
    const acks = await Promise.all(
      Array.from({ length: DEFAULT_LIMITS.requests.burst * 3 }, () => flooder.command('queue:call_next', {})),
    );
    const limited = acks.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED').length;
    expect(limited).toBeGreaterThanOrEqual(DEFAULT_LIMITS.requests.burst);
    // Everything else was judged normally (nobody is signed in at mv-1), and changed nothing.
    for (const a of acks) if (!a.ok) expect(['RATE_LIMITED', 'NOT_SIGNED_IN']).toContain(a.error.code);
    expect(server.server.engine.head).toBe(0);
    ok(await office.desks['mv-2'].command('desk:sign_in', { officer: 'Unaffected' }));
  });

  it('a frame beyond the payload limit closes that socket only; nothing changes and the server serves on', async () => {
    server = await startTestServer();
    office = await connectOffice(server);
    const head = server.server.engine.head;
    const big = office.desks['mv-1'];
    const dropped = new Promise<string>((resolve) =>
      big.socket.once('disconnect', (reason) => resolve(reason)),
    );
    big.emitRaw('visit:add_note', { commandId: 'too-big-frame', text: 'x'.repeat(MAX_PAYLOAD_BYTES + 10) });
    expect(await dropped).toMatch(/transport (close|error)/);
    expect(server.server.engine.head).toBe(head);
    ok(await office.desks['af-1'].command('desk:sign_out', {}));
  });
});

describe('the server log', () => {
  it('carries ids, codes and timings, never personal data', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    server = await startTestServer({ log: pino({ level: 'trace' }, sink) });
    office = await connectOffice(server);
    const secrets = ['QWERTY-9981', 'Ebba Sentinelsdotter', '1979-12-24', 'note: sentinel secret'];
    ok(
      await office.admin.command('appointments:import', {
        day: DAY,
        csv: `tid,referens,språk,vuxna,barn\n9:30,${secrets[0]},so,1,0`,
        dryRun: false,
      }),
    );
    const { visitId, statusToken } = ok(
      await office.kiosk.command('visit:check_in', {
        arrival: { kind: 'booked', bookingRef: secrets[0]! },
        language: 'so',
        interpreterLanguage: 'so',
        consent: true,
      }),
    );
    const mv = office.desks['mv-1'];
    ok(await mv.command('queue:call_next', {}));
    ok(await mv.command('visit:start', { visitId }));
    ok(
      await mv.command('visit:set_household', {
        visitId,
        adults: 1,
        children: 0,
        members: [{ name: secrets[1]!, birthDate: secrets[2]!, kind: 'adult' }],
      }),
    );
    ok(await mv.command('visit:add_note', { visitId, note: { text: secrets[3]!, visibility: 'shared' } }));
    await mv.query('visit:open', { visitId });
    const bad = await mv.raw('visit:add_note', {
      commandId: 'bad-note-1',
      visitId,
      note: { text: secrets[3], visibility: 'everyone' },
    });
    expect(bad.ok).toBe(false);

    const log = lines.join('');
    expect(log).toContain('command committed');
    expect(log).toContain('command refused');
    for (const secret of [...secrets, statusToken, secrets[0]!.replace('-', '')])
      expect(log).not.toContain(secret);
  });
});
