import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, migrate } from '../../../server/store/postgres/connect.js';
import type { AckResult } from '../../../shared/protocol.js';
import { connectOffice, ok, type Devices } from '../../helpers/office.js';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { TEST_STORE } from '../../helpers/testStore.js';
import { TEMPLATE_DATABASE } from '../../setup/postgres.js';

const walkIn = {
  arrival: { kind: 'walk_in', adults: 1, children: 0 },
  language: 'ti',
  interpreterLanguage: null,
  consent: true,
} as const;

/**
 * The office's PostgreSQL stops in the middle of a burst of check-ins (its own server, so that
 * the other suites' stays up), through the real server and sockets: while it is down, commands
 * are refused with STORAGE_UNAVAILABLE and the desks hear so; nothing acked is lost; once it is
 * back, the office works again by itself and every acked check-in is there once.
 */
describe.runIf(TEST_STORE === 'postgres')('PostgreSQL stopped during a burst', () => {
  let pg: TestPostgres;
  let server: TestServer;
  let office: Devices;

  beforeAll(async () => {
    pg = await startPostgres();
    // The template each test server's database is copied from, as the project's setup makes it.
    const pool = connect(await pg.createDatabase(TEMPLATE_DATABASE), { max: 1 });
    await migrate(pool);
    await pool.end();
    server = await startTestServer({
      storageProbeMs: 100,
      region: { database: 'stopped', officeId: 'falun', server: `postgres://postgres@127.0.0.1:${pg.port}` },
    });
    office = await connectOffice(server, { signIn: false });
  }, 60_000);
  afterAll(async () => {
    office?.close();
    await server?.cleanup().catch(() => undefined);
    await pg?.stop();
  });

  it('refuses with STORAGE_UNAVAILABLE meanwhile, loses nothing acked, and works again once it is back', async () => {
    const acks: { commandId: string; ack: AckResult<unknown> }[] = [];
    // As the kiosk does: a command not answered in time is sent again with its id. A group whose
    // COMMIT was cut off stays unanswered until the database says whether it was stored (up to
    // 10 s, ARCHITECTURE §13), and the commands behind it wait for it.
    const send = async () => {
      const commandId = randomUUID();
      const deadline = Date.now() + 30_000;
      for (;;) {
        try {
          // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the map's emit types are per name
          const ack = (await (office.kiosk.socket.timeout(2_000) as any).emitWithAck('visit:check_in', {
            commandId,
            ...walkIn,
          })) as AckResult<unknown>;
          acks.push({ commandId, ack });
          return;
        } catch (error) {
          if (Date.now() > deadline) throw error;
        }
      }
    };
    // Sent until a few are refused after the kill (at most 2,000), so that a fast machine cannot
    // finish the burst before PostgreSQL is down.
    let killed = false;
    const refusedSince = () => acks.filter((a) => !a.ack.ok).length;
    const burst = (async () => {
      for (let i = 0; i < 2_000 && !(killed && refusedSince() >= 5); i++) await send();
    })();
    await expect.poll(() => acks.length, { timeout: 10_000 }).toBeGreaterThan(20);
    await pg.kill();
    killed = true;
    await burst;
    const codes = new Set(acks.map((a) => (a.ack.ok ? 'ok' : a.ack.error.code)));
    expect(codes).toContain('ok');
    expect(codes).toContain('STORAGE_UNAVAILABLE');
    expect([...codes].every((c) => c === 'ok' || c === 'STORAGE_UNAVAILABLE')).toBe(true);
    const mv = office.desks['mv-1'];
    await mv.until(
      () =>
        mv.received.some(
          (m) => m.event === 'server:notice' && JSON.stringify(m.args).includes('storage_unavailable'),
        ),
      'the desks hear the storage is down',
    );
    expect((await fetch(`${server.url}/health`)).status).toBe(503);

    await pg.start();
    await expect
      .poll(async () => (await fetch(`${server.url}/health`)).status, { timeout: 15_000 })
      .toBe(200);
    ok(await office.kiosk.command('visit:check_in', walkIn));
    const acked = acks.filter((a) => a.ack.ok).map((a) => a.commandId);
    const stored = await server.rows<{ command_id: string }>(`SELECT command_id FROM commands`);
    const once = new Map<string, number>();
    for (const { command_id } of stored) once.set(command_id, (once.get(command_id) ?? 0) + 1);
    for (const id of acked) expect(once.get(id), `acked ${id}`).toBe(1);
    // The state the server holds is the state its tables hold.
    const visits = await server.rows<{ ticket: string }>(`SELECT ticket FROM visits ORDER BY ticket`);
    expect(visits.map((v) => v.ticket)).toEqual(
      [...server.server.engine.state.visits.values()].map((v) => v.ticket).sort(),
    );
  }, 90_000);
});
