import { afterEach, describe, expect, it } from 'vitest';
import { connectDevice, type TestClient } from '../helpers/client.js';
import { checkInMany } from '../helpers/crowd.js';
import { ManualClock, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer | undefined;
let dir: string | undefined;
const clients: TestClient[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await server?.cleanup();
  server = undefined;
});

const tickets = (client: TestClient) => [...client.state!.visits.values()].map((v) => v.ticket);

/** Drops the screen's connection and lets it come back with the last sequence number it applied. */
async function resume(client: TestClient, url: string): Promise<{ replayed: boolean }> {
  const before = client.received.length;
  client.socket.disconnect();
  (client.socket.io as unknown as { uri: string }).uri = url;
  client.socket.connect();
  await client.until(
    () => client.received.slice(before).some((m) => m.event === 'sync:events' || m.event === 'sync:snapshot'),
    'the resync',
    10_000,
  );
  const resync = client.received.slice(before).filter((m) => m.event.startsWith('sync:'));
  return { replayed: resync.every((m) => m.event === 'sync:events') };
}

describe('a day past ticket 10 000', () => {
  it('a staff screen resumes from before it, live and after a restart', async () => {
    const clock = new ManualClock(Date.now());
    server = await startTestServer({ clock });
    dir = server.dir;
    await checkInMany(server, 9990, 'morning');
    const reception = await connectDevice(server.url, await server.pair('reception'));
    clients.push(reception);
    expect(tickets(reception)).toContain('W9990');

    // Live: it misses the tickets past 9 999 and comes back for exactly those events.
    reception.socket.disconnect();
    await checkInMany(server, 20, 'afternoon');
    const live = await resume(reception, server.url);
    await reception.until(() => reception.lastSeq === server!.server.engine.head, 'caught up');
    expect(live.replayed).toBe(true);
    expect(tickets(reception)).toEqual(expect.arrayContaining(['W9999', 'W10000', 'W10010']));

    // After a restart, from a sequence number before ticket 10 000.
    reception.socket.disconnect();
    reception.lastSeq -= 15;
    reception.state = undefined;
    await server.close();
    server = await startTestServer({ dir, clock });
    await checkInMany(server, 5, 'evening');
    const restarted = await resume(reception, server.url);
    await reception.until(
      () => reception.lastSeq === server!.server.engine.head,
      'caught up after the restart',
    );
    expect(restarted.replayed).toBe(true);
    const events = reception.events.filter((e) => e.event.type === 'checked_in');
    expect(events.at(-1)?.event).toMatchObject({ visit: { ticket: 'W10015' } });
  }, 120_000);
});
