import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectDevice } from '../helpers/client.js';
import { connectOffice, ok, type Devices } from '../helpers/office.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('a command sent twice with one id', () => {
  let server: TestServer;
  /** The one count a query gives, on either store. */
  const count = async (sql: string) => (await server.rows<{ n: number }>(sql))[0]!.n;
  let office: Devices;

  beforeEach(async () => {
    server = await startTestServer();
    office = await connectOffice(server);
  });
  afterEach(async () => {
    office.close();
    await server.cleanup();
  });

  const checkIn = (commandId: string) =>
    ({
      commandId,
      arrival: { kind: 'walk_in', adults: 1, children: 0 },
      language: 'ar',
      interpreterLanguage: null,
      consent: true,
    }) as const;

  it('takes effect once and returns the first result', async () => {
    const id = randomUUID();
    const first = await office.kiosk.command('visit:check_in', checkIn(id));
    const head = server.server.engine.head;
    const again = await office.kiosk.command('visit:check_in', checkIn(id));
    const concurrent = await Promise.all(
      [1, 2, 3].map(() => office.kiosk.command('visit:check_in', checkIn(id))),
    );
    expect(again).toEqual(first);
    for (const c of concurrent) expect(c).toEqual(first);
    expect(server.server.engine.head).toBe(head);
    expect([...server.server.engine.state.visits.keys()]).toHaveLength(1);
    expect(await count(`SELECT count(*) AS n FROM events WHERE type = 'checked_in'`)).toBe(1);
  });

  it('takes effect once when retried after a reconnect, as the screens do', async () => {
    const id = randomUUID();
    const mv = office.desks['mv-1'];
    ok(await office.kiosk.command('visit:check_in', checkIn(randomUUID())));
    const call = { commandId: id };
    const first = ok(await mv.command('queue:call_next', call));
    mv.socket.disconnect();
    mv.socket.connect();
    await mv.connected();
    const retried = ok(await mv.command('queue:call_next', call));
    expect(retried).toEqual(first);
    expect(await count(`SELECT count(*) AS n FROM events WHERE type = 'called'`)).toBe(1);
  });

  it('is refused when another device reuses the id', async () => {
    const id = randomUUID();
    ok(await office.kiosk.command('visit:check_in', checkIn(id)));
    const other = await connectDevice(server.url, await server.pair('kiosk'));
    const stolen = await other.command('visit:check_in', checkIn(id));
    expect(stolen.ok).toBe(false);
    if (!stolen.ok) expect(stolen.error.code).toBe('DUPLICATE_COMMAND_ID');
    other.close();
  });
});
