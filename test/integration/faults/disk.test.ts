import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NoticeCode } from '../../../shared/protocol.js';
import { connectDevice, connectStatusPage, type TestClient } from '../../helpers/client.js';
import {
  cannotMount,
  fillUp,
  freeUp,
  mountExt4,
  mountTmpfs,
  setImmutable,
  type Mount,
} from '../../helpers/mounts.js';
import { connectOffice, ok, type Devices } from '../../helpers/office.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';

const noTmpfs = cannotMount('tmpfs');
const noExt4 = cannotMount('ext4');
if (noTmpfs) console.warn(`SKIPPED the full-disk test: ${noTmpfs}`);
if (noExt4) console.warn(`SKIPPED the read-only-database test: ${noExt4}`);

const PROBE_MS = 100;
/** Devices paired while the disk was fine (pairing itself writes), to connect during the fault. */
const tokens = new Map<'reception' | 'display', string>();

let mount: Mount | undefined;
let server: TestServer | undefined;
let office: Devices | undefined;
const extra: TestClient[] = [];
afterEach(async () => {
  extra.splice(0).forEach((c) => c.close());
  office?.close();
  await server?.close();
  mount?.unmount();
  mount = office = server = undefined;
});

const notices = (client: TestClient) =>
  client.received
    .filter((m) => m.event === 'server:notice')
    .map((m) => (m.args[0] as { code: NoticeCode }).code);

async function health(url: string) {
  const response = await fetch(`${url}/health`);
  return { status: response.status, body: (await response.json()) as { status: string; head: number } };
}

/** A household served at MV 1, and one waiting, so that desks have something to write about. */
async function openDay(s: TestServer, o: Devices) {
  const checkIn = () =>
    o.kiosk.command('visit:check_in', {
      arrival: { kind: 'walk_in', adults: 1, children: 0 },
      language: 'ar',
      interpreterLanguage: null,
      consent: true,
    });
  const served = ok(await checkIn());
  const waiting = ok(await checkIn());
  ok(await o.desks['mv-1'].command('queue:call_next', {}));
  ok(await o.desks['mv-1'].command('visit:start', { visitId: served.visitId }));
  s.clock.advance(60_000);
  return { served, waiting };
}

/**
 * While the database cannot be written: every command is refused with STORAGE_UNAVAILABLE and
 * changes nothing (no ticket number is spent), every staff screen is told, and reads go on:
 * snapshots, the public and status views, new connections, /health (which says so).
 */
async function expectRefusesWritesButServesReads(s: TestServer, o: Devices, waitingId: string) {
  const engine = s.server.engine;
  const head = engine.head;
  const state = engine.state;
  for (const client of [o.reception, o.admin, ...Object.values(o.desks)])
    await client.until(() => notices(client).includes('storage_unavailable'), 'the storage notice');
  expect(notices(o.display)).toEqual([]); // the waiting room is not alarmed

  const refused = [
    await o.kiosk.command('visit:check_in', {
      arrival: { kind: 'walk_in', adults: 2, children: 1 },
      language: 'fa',
      interpreterLanguage: 'fa',
      consent: false,
    }),
    await o.desks['mv-2'].command('queue:call_next', {}),
    await o.reception.command('visit:cancel', { visitId: waitingId, reason: 'visitor_left' }),
    await o.admin.command('interpreter:add', { language: 'ar', mode: 'onsite', name: 'Tolk' }),
  ];
  for (const ack of refused) expect(ack).toMatchObject({ ok: false, error: { code: 'STORAGE_UNAVAILABLE' } });
  expect(engine.head).toBe(head);
  expect(engine.state).toBe(state);

  const h = await health(s.url);
  expect(h).toMatchObject({ status: 503, body: { status: 'storage_unavailable', head } });
  // Reads: a fresh snapshot, a new staff screen, a new display, a visitor's status page.
  const before = o.reception.received.length;
  ok(await o.reception.query('sync:snapshot', {}));
  await o.reception.until(() => o.reception.received.slice(before).some((m) => m.event === 'sync:snapshot'));
  const late = await connectDevice(s.url, tokens.get('reception')!);
  extra.push(late);
  expect(late.state?.visits.get(waitingId)?.status).toBe('active');
  const display = await connectDevice(s.url, tokens.get('display')!);
  extra.push(display);
  expect(display.publicView?.stations.find((st) => st.id === 'mv')?.waiting).toBe(1);
  const token = s.server.engine.state.privateData.get(waitingId)!.statusToken;
  const status = await connectStatusPage(s.url, token);
  extra.push(status);
  expect(status.statusView?.current?.ahead).toBe(0);
  // Reading a visit's personal data is audited; without the audit trail it is not shown.
  const opened = await o.desks['mv-1'].query('visit:open', { visitId: [...state.visits.keys()][0]! });
  expect(opened).toMatchObject({ ok: false, error: { code: 'STORAGE_UNAVAILABLE' } });
}

/** Space is back: the server says so by itself, and the commands that were refused go through. */
async function expectRecovers(s: TestServer, o: Devices, waitingId: string) {
  for (const client of [o.reception, ...Object.values(o.desks)])
    await client.until(() => notices(client).includes('storage_restored'), 'the restored notice', 5000);
  expect((await health(s.url)).status).toBe(200);
  const ticket = ok(
    await o.kiosk.command('visit:check_in', {
      arrival: { kind: 'walk_in', adults: 2, children: 1 },
      language: 'fa',
      interpreterLanguage: 'fa',
      consent: false,
    }),
  ).ticket;
  expect(ticket).toBe('W003'); // the refused check-in spent no number
  ok(await o.reception.command('visit:cancel', { visitId: waitingId, reason: 'visitor_left' }));
  // The office as written is the office in memory: a restart on the same data gives the same state.
  const state = s.server.engine.state;
  const { dir, port, clock } = s;
  o.close();
  await s.close();
  const again = await startTestServer({ dir, port, clock });
  server = again;
  office = undefined;
  expect(again.server.engine.state).toEqual(state);
  const db = new Database(join(dir, 'motesplats.sqlite'), { readonly: true });
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.close();
}

describe('disk faults', () => {
  it.skipIf(noTmpfs)(
    'a full disk: refuses to ack, tells the desks, serves reads, recovers when space returns',
    async () => {
      mount = mountTmpfs(6 * 1024 * 1024);
      server = await startTestServer({ dir: mount.dir, storageProbeMs: PROBE_MS });
      office = await connectOffice(server);
      tokens.set('reception', await server.pair('reception'));
      tokens.set('display', await server.pair('display'));
      const { served, waiting } = await openDay(server, office);

      const filler = fillUp(mount.dir);
      // The write-ahead log may still have room; notes of 4000 characters fill it soon.
      let first: string | undefined;
      for (let i = 0; i < 5000 && first === undefined; i++) {
        const ack = await office.desks['mv-1'].command('visit:add_note', {
          visitId: served.visitId,
          note: { text: `${i} ${'x'.repeat(3990)}`, visibility: 'agency' },
        });
        if (!ack.ok) first = ack.error.code;
      }
      expect(first).toBe('STORAGE_UNAVAILABLE');
      await expectRefusesWritesButServesReads(server, office, waiting.visitId);

      freeUp(filler);
      await expectRecovers(server, office, waiting.visitId);
    },
  );

  it.skipIf(noExt4)('a read-only database file: the same, until it is writable again', async () => {
    mount = mountExt4(16);
    server = await startTestServer({ dir: mount.dir, storageProbeMs: PROBE_MS });
    office = await connectOffice(server);
    tokens.set('reception', await server.pair('reception'));
    tokens.set('display', await server.pair('display'));
    const { waiting } = await openDay(server, office);

    const files = ['motesplats.sqlite', 'motesplats.sqlite-wal'].map((f) => join(mount!.dir, f));
    for (const file of files) setImmutable(file, true);
    try {
      const ack = await office.desks['mv-1'].command('visit:set_checklist_item', {
        visitId: [...server.server.engine.state.visits.keys()][0]!,
        itemId: 'ut-card',
        checked: true,
      });
      expect(ack).toMatchObject({ ok: false, error: { code: 'STORAGE_UNAVAILABLE' } });
      await expectRefusesWritesButServesReads(server, office, waiting.visitId);
    } finally {
      for (const file of files) setImmutable(file, false);
    }
    await expectRecovers(server, office, waiting.visitId);
  });
});
