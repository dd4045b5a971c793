import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StatusView } from '../../shared/views.js';
import { connectStatusPage, type TestClient } from '../helpers/client.js';
import { connectOffice, ok, type Devices } from '../helpers/office.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const views = (client: TestClient) =>
  client.received.filter((m) => m.event === 'status:view').map((m) => m.args[0] as StatusView);

describe('a visitor’s status page', () => {
  let server: TestServer;
  let office: Devices;

  beforeEach(async () => {
    server = await startTestServer();
    office = await connectOffice(server);
  });
  afterEach(async () => {
    office.close();
    await server.cleanup();
  });

  async function walkIn() {
    return ok(
      await office.kiosk.command('visit:check_in', {
        arrival: { kind: 'walk_in', adults: 1, children: 0 },
        language: 'ar',
        interpreterLanguage: null,
        consent: true,
      }),
    );
  }

  it('hears of its place in the queue at most about once a second, and of its call at once', async () => {
    for (let i = 0; i < 6; i++) await walkIn();
    const mine = await walkIn();
    const page = await connectStatusPage(server.url, mine.statusToken);
    expect(page.statusView?.current?.ahead).toBe(6);
    const other = await walkIn();
    const otherPage = await connectStatusPage(server.url, other.statusToken);
    const before = views(page).length;
    const started = performance.now();

    // Six calls in quick succession: six changes of place, sent as a few updates.
    for (let i = 0; i < 6; i++) {
      const desk = i % 2 === 0 ? office.desks['mv-1'] : office.desks['mv-2'];
      const { visitId } = ok(await desk.command('queue:call_next', {}));
      ok(await desk.command('visit:start', { visitId }));
      ok(await desk.command('visit:hand_over', { visitId, to: { kind: 'next' }, outcome: 'done' }));
    }
    await page.until(() => page.statusView?.current?.ahead === 0, 'the last place', 3000);
    const took = performance.now() - started;
    const updates = views(page).slice(before);
    expect(updates.length).toBeGreaterThanOrEqual(1);
    // One at once, then at most one per second for the rest.
    expect(updates.length).toBeLessThanOrEqual(2 + Math.floor(took / 1000));

    // Being called is not held back.
    const sentAt = performance.now();
    const { visitId } = ok(await office.desks['mv-1'].command('queue:call_next', {}));
    expect(visitId).toBe(mine.visitId);
    await page.until(() => page.statusView?.current?.status === 'called', 'the call', 2000);
    expect(performance.now() - sentAt).toBeLessThan(500);
    expect(page.statusView?.current?.deskName).toBe('Migrationsverket 1');

    // A page is only told what concerns it: the other household's page never got the first's call.
    expect(views(otherPage).every((v) => v.ticket === other.ticket)).toBe(true);
    otherPage.close();
    page.close();
  });
});
