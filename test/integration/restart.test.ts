import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OfficeStore } from '../../server/store/store.js';
import { type TestClient, connectDevice } from '../helpers/client.js';
import { ok } from '../helpers/office.js';
import { freePort, pairWithServer as pair, spawnServer, type ServerProcess } from '../helpers/process.js';

describe('after SIGKILL and a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motesplats-kill-'));
  const dbFile = join(dir, 'motesplats.sqlite');
  let server: ServerProcess | undefined;
  const clients: TestClient[] = [];

  afterEach(async () => {
    clients.forEach((c) => c.close());
    await server?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every acked command is there, and a screen that reconnects gets exactly what it missed', async () => {
    const port = await freePort();
    server = await spawnServer(dir, port);
    const kiosk = await connectDevice(server.url, await pair(server.url, dbFile, 'kiosk'));
    const desk = await connectDevice(server.url, await pair(server.url, dbFile, 'desk', 'mv-1'));
    const watcher = await connectDevice(server.url, await pair(server.url, dbFile, 'reception'));
    clients.push(kiosk, desk, watcher);
    ok(await desk.command('desk:sign_in', { officer: 'Agnes' }));
    await watcher.until(() => watcher.lastSeq === 1, 'watcher saw the sign-in');

    // The watcher goes away; the office carries on without it.
    watcher.socket.disconnect();
    const seen = watcher.lastSeq;
    const acked: { ticket: string; visitId: string }[] = [];
    const burst = Array.from({ length: 60 }, async (_, i) => {
      const ack = await kiosk
        .command('visit:check_in', {
          arrival: { kind: 'walk_in', adults: 1 + (i % 3), children: i % 2 },
          language: 'ar',
          interpreterLanguage: null,
          consent: i % 2 === 0,
        })
        .catch(() => undefined);
      if (ack?.ok) acked.push(ack.value);
      if (acked.length === 25) await server!.kill('SIGKILL');
    });
    await Promise.all(burst);
    expect(acked.length).toBeGreaterThanOrEqual(25);

    server = await spawnServer(dir, port);
    const store = OfficeStore.open(dbFile);
    try {
      const tickets = store.db.prepare(`SELECT ticket FROM visits`).pluck().all() as string[];
      for (const { ticket } of acked) expect(tickets).toContain(ticket);
      expect(new Set(tickets).size).toBe(tickets.length);
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');

      // The watcher comes back with the last sequence number it applied.
      watcher.socket.connect();
      await watcher.connected();
      const head = store.head();
      await watcher.until(() => watcher.lastSeq === head, 'watcher caught up');
      const missed = watcher.events.filter((e) => e.seq > seen).map((e) => e.seq);
      const logged = store.db.prepare(`SELECT seq FROM events WHERE seq > ? ORDER BY seq`).pluck().all(seen);
      expect(missed).toEqual(logged);
      expect(watcher.received.filter((m) => m.event === 'sync:snapshot')).toHaveLength(1); // only the first connect
    } finally {
      store.close();
    }
    // And the restarted server carries on numbering where it left off.
    const next = ok(
      await kiosk.command('visit:check_in', {
        arrival: { kind: 'walk_in', adults: 1, children: 0 },
        language: 'sv',
        interpreterLanguage: null,
        consent: false,
      }),
    );
    expect(acked.map((a) => a.ticket)).not.toContain(next.ticket);
  });
});
