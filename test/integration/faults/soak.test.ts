import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/events.js';
import { bundled } from '../../helpers/bundle.js';
import { connectDevice, connectStatusPage, type TestClient } from '../../helpers/client.js';
import { LONG } from '../../helpers/long.js';
import { DESKS, ok, type DeskId } from '../../helpers/office.js';
import type { SoakRequest, SoakSample } from '../../helpers/soakServer.js';

const HOUSEHOLDS_PER_DAY = 600; // the top of docs/ARCHITECTURE.md §1
const DAYS = 2;
const HOUR = 3_600_000;
const TICK = (8 * HOUR) / HOUSEHOLDS_PER_DAY;
const MB = 1024 * 1024;

/**
 * Long mode only. Two simulated office days at the top of the design's range (600 households in
 * eight hours, every desk busy, a status page open on each household's phone, two displays),
 * driven through real sockets against the server in a process of its own on a clock the test
 * moves. Each simulated hour the server's heap (after a full collection) and event-loop delay
 * are sampled: within a day the heap grows only by the day's own visits, across days it is flat
 * (the day's turn lets the last day go), and the event loop stays responsive all day.
 */
describe.skipIf(!LONG)('soak: two peak days', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motesplats-soak-'));
  let child: ChildProcess | undefined;
  const clients: TestClient[] = [];
  afterAll(() => {
    clients.forEach((c) => c.close());
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('memory and event-loop delay stay flat', async () => {
    const script = await bundled('test/helpers/soakServer.ts');
    const server = spawn(process.execPath, ['--expose-gc', script, dir], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child = server;
    const ask = <T>(request: SoakRequest | null, answer: string): Promise<T> =>
      new Promise((resolve) => {
        const on = (m: { type: string } & Record<string, unknown>) => {
          if (m.type !== answer) return;
          server.off('message', on);
          resolve(m as T);
        };
        server.on('message', on);
        if (request) server.send(request);
      });
    const { port } = await ask<{ port: number }>(null, 'ready');
    const url = `http://127.0.0.1:${port}`;
    const device = async (role: Role, deskId: DeskId | null = null) => {
      const { token } = await ask<{ token: string }>({ type: 'pair', role, deskId }, 'paired');
      const client = await connectDevice(url, token);
      clients.push(client);
      return client;
    };
    const kiosk = await device('kiosk');
    const displays = [await device('display'), await device('display')];
    const reception = await device('reception');
    // One request at a time: the answers over IPC are not matched to their questions.
    const desks = {} as Record<DeskId, TestClient>;
    for (const d of DESKS) desks[d] = await device('desk', d);
    const advance = (ms: number) => ask({ type: 'advance', ms }, 'advanced');
    const sample = async () => (await ask<{ sample: SoakSample }>({ type: 'sample' }, 'sample')).sample;
    const phones = new Map<string, TestClient>();

    /** One household at a desk, if one waits: call, start, a note, and on along the chain. */
    const serveOne = async (id: DeskId) => {
      const desk = desks[id];
      const called = await desk.command('queue:call_next', {});
      if (!called.ok) return expect(called.error.code).toBe('QUEUE_EMPTY');
      const { visitId } = called.value;
      ok(await desk.command('visit:start', { visitId }));
      ok(
        await desk.command('visit:add_note', {
          visitId,
          note: { text: `Soak note at ${id}`, visibility: 'agency' },
        }),
      );
      const last = id.startsWith('kommun');
      ok(
        await (last
          ? desk.command('visit:complete', { visitId, outcome: 'done' })
          : desk.command('visit:hand_over', { visitId, to: { kind: 'next' }, outcome: 'done' })),
      );
    };
    const forgetTheDay = () => {
      // The screens' own records of the day are not what is measured.
      for (const c of clients) c.received.splice(0);
      for (const [visitId, phone] of phones)
        if (phone.statusView?.status !== 'active') {
          phone.close();
          phones.delete(visitId);
        }
    };

    const firstDay = reception.state!.day;
    const samples: { day: number; hour: number; s: SoakSample }[] = [];
    for (let day = 1; day <= DAYS; day++) {
      for (const id of DESKS) ok(await desks[id].command('desk:sign_in', { officer: `Soak ${id} ${day}` }));
      for (let i = 0; i < HOUSEHOLDS_PER_DAY; i++) {
        await advance(TICK);
        const { visitId, statusToken } = ok(
          await kiosk.command('visit:check_in', {
            arrival: { kind: 'walk_in', adults: 1 + (i % 2), children: i % 4 },
            language: (['ar', 'fa', 'ti', 'so', 'uk', 'sv'] as const)[i % 6]!,
            interpreterLanguage: null,
            consent: i % 3 !== 0,
          }),
        );
        phones.set(visitId, await connectStatusPage(url, statusToken));
        await Promise.all(DESKS.map(serveOne));
        if ((i + 1) % (HOUSEHOLDS_PER_DAY / 8) === 0) {
          forgetTheDay();
          samples.push({ day, hour: (i + 1) / (HOUSEHOLDS_PER_DAY / 8), s: await sample() });
        }
      }
      // The last households are served after the last arrival; then the desks go home.
      for (let round = 0; round < 60 && phones.size > 0; round++) {
        await advance(TICK);
        await Promise.all(DESKS.map(serveOne));
        forgetTheDay();
      }
      for (const id of DESKS) ok(await desks[id].command('desk:sign_out', {}));
      await advance(16 * HOUR); // to the next morning: the day turns at midnight
    }

    const table = samples.map(
      ({ day, hour, s }) =>
        `day ${day} hour ${hour}: heap ${(s.heapUsed / MB).toFixed(1)} MB, rss ${(s.rss / MB).toFixed(0)} MB, ` +
        `loop delay p99 ${s.delayP99.toFixed(1)} ms (max ${s.delayMax.toFixed(0)}), ${s.sockets} sockets, head ${s.head}`,
    );
    console.info(table.join('\n'));
    // The screens were with it all along: the second day's state, the waiting room's view.
    expect(reception.state!.day > firstDay).toBe(true);
    for (const display of displays) expect(display.socket.connected).toBe(true);
    const at = (day: number, hour: number) => samples.find((x) => x.day === day && x.hour === hour)!.s;
    // Within a day: the heap grows by the day's visits only (a few kB each), not by what was served.
    for (let day = 1; day <= DAYS; day++)
      expect(at(day, 8).heapUsed - at(day, 2).heapUsed).toBeLessThan(30 * MB);
    // Across days: flat, as yesterday's visits leave the live state.
    expect(at(DAYS, 8).heapUsed).toBeLessThan(at(1, 8).heapUsed * 1.25 + 5 * MB);
    // The event loop answers all day, and no worse in the evening than in the morning.
    for (const { s } of samples) expect(s.delayP99).toBeLessThan(200);
    expect(at(DAYS, 8).delayP99).toBeLessThan(at(1, 1).delayP99 * 3 + 50);
  }, 1_800_000);
});
