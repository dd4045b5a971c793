import { afterEach, describe, expect, it } from 'vitest';
import { connectDevice, type TestClient } from '../helpers/client.js';
import { testConfig } from '../helpers/domain.js';
import { ok } from '../helpers/office.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let clients: TestClient[] = [];
afterEach(async () => {
  clients.forEach((c) => c.close());
  clients = [];
  await server.cleanup();
});

async function connect(role: 'admin' | 'desk', deskId?: string): Promise<TestClient> {
  const client = await connectDevice(server.url, await server.pair(role, deskId));
  clients.push(client);
  return client;
}

describe('signing in with a PIN', () => {
  it('tells no names, and locks a name after five wrong PINs until the coordinator sets a new one', async () => {
    server = await startTestServer({ config: testConfig({ requireOfficerPin: true }) });
    const admin = await connect('admin');
    const mv = await connect('desk', 'mv-1');
    const af = await connect('desk', 'af-1');
    ok(await admin.query('officer:set_pin', { name: 'Anna', pin: '2468' }));
    ok(await admin.query('officer:set_pin', { name: 'Björn', pin: '1357' }));

    const signIn = (desk: TestClient, officer: string, pin?: string) =>
      desk.command('desk:sign_in', { officer, ...(pin !== undefined && { pin }) });
    const unknown = await signIn(mv, 'Nobody', '2468');
    const wrong = await signIn(mv, 'Anna', '0000');
    // One answer, word for word, whether the name exists or not.
    expect(unknown).toEqual(wrong);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'BAD_PIN' } });
    expect(await signIn(mv, 'Anna')).toMatchObject({ ok: false, error: { code: 'BAD_PIN' } });

    for (let i = 0; i < 3; i++)
      expect(await signIn(mv, 'Anna', '0000')).toMatchObject({ error: { code: 'BAD_PIN' } });
    expect(await signIn(mv, 'Anna', '0000')).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    // Locked: the right PIN waits too, and from another desk.
    const locked = await signIn(af, 'Anna', '2468');
    expect(locked).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(JSON.stringify(locked)).not.toContain('2468');
    // Another officer is not held up.
    ok(await signIn(af, 'Björn', '1357'));

    ok(await admin.query('officer:set_pin', { name: 'Anna', pin: '8642' }));
    ok(await signIn(mv, 'Anna', '8642'));
    expect(server.server.engine.state.desks['mv-1']?.officer).toBe('Anna');
  });
});
