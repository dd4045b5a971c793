import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { publicView } from '../../../shared/views.js';
import { bundled } from '../../helpers/bundle.js';
import { digest } from '../../helpers/canonical.js';
import { connectDevice, type TestClient } from '../../helpers/client.js';
import { scaled } from '../../helpers/long.js';
import { DESKS } from '../../helpers/office.js';
import { freePort, spawnServer, type ServerProcess } from '../../helpers/process.js';
import { ManualClock, startTestServer } from '../../helpers/server.js';
import { Swarm, type SwarmSpec } from '../../helpers/swarm.js';

const CLIENTS = 1000;
const VISITS = 300;
const RESTARTS = scaled(1, 5);

/**
 * A thousand screens (100 staff screens, 100 displays and kiosks, 800 visitors' status pages)
 * in two processes of their own are connected to the office server when it restarts. All of them
 * must be back, and served, within a deadline: staff screens resynced to the log's head without a
 * gap (all holding the same state as a fresh snapshot), displays holding the current public view,
 * status pages a fresh view of their ticket; and a desk's command during the storm's wake is
 * answered and reaches all of them.
 */
describe('a reconnect storm after a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motesplats-storm-'));
  let server: ServerProcess | undefined;
  let swarm: Swarm | undefined;
  const own: TestClient[] = [];
  afterAll(async () => {
    swarm?.stop();
    own.forEach((c) => c.close());
    await server?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    `${CLIENTS} screens are all back and in step (${RESTARTS} restart${RESTARTS > 1 ? 's' : ''})`,
    async () => {
      // The day so far, prepared in-process: devices paired, households checked in, some called.
      const prepared = await startTestServer({ dir, clock: new ManualClock(Date.now()) });
      // One device per screen, as in an office (a device's sockets are capped): reception and
      // admin first, then desks round the stations; displays, and a kiosk in every tenth.
      const tokens = {
        staff: [
          await prepared.pair('reception'),
          await prepared.pair('admin'),
          ...(await Promise.all(
            Array.from({ length: 98 }, (_, i) => prepared.pair('desk', DESKS[i % DESKS.length])),
          )),
        ],
        public: await Promise.all(
          Array.from({ length: 100 }, (_, i) => prepared.pair(i % 10 === 9 ? 'kiosk' : 'display')),
        ),
      };
      const statusTokens: string[] = [];
      const kiosk = await connectDevice(prepared.url, tokens.public[9]!);
      const mv = await connectDevice(prepared.url, tokens.staff[2]!);
      const ok = <T>(ack: { ok: true; value: T } | { ok: false; error: { code: string } }) => {
        if (!ack.ok) throw new Error(ack.error.code);
        return ack.value;
      };
      ok(await mv.command('desk:sign_in', { officer: 'Storm Officer' }));
      for (let i = 0; i < VISITS; i++)
        statusTokens.push(
          ok(
            await kiosk.command('visit:check_in', {
              arrival: { kind: 'walk_in', adults: 1, children: i % 3 },
              language: 'ar',
              interpreterLanguage: null,
              consent: i % 2 === 0,
            }),
          ).statusToken,
        );
      const { visitId } = ok(await mv.command('queue:call_next', {}));
      ok(await mv.command('visit:start', { visitId }));
      kiosk.close();
      mv.close();
      await prepared.close();

      const script = await bundled('server/main.ts');
      const port = await freePort();
      server = await spawnServer(dir, port, [], script);
      const specs: SwarmSpec[] = [];
      for (let i = 0; i < 100; i++) specs.push({ kind: 'staff', auth: { token: tokens.staff[i]! } });
      for (let i = 0; i < 100; i++) specs.push({ kind: 'public', auth: { token: tokens.public[i]! } });
      for (let i = specs.length; i < CLIENTS; i++)
        specs.push({ kind: 'status', auth: { statusToken: statusTokens[i % statusTokens.length]! } });
      swarm = await Swarm.start(server.url, specs, 2);
      const s = swarm;
      await s.until(
        (r) => r.connected === CLIENTS && r.freshViews === CLIENTS - 100,
        'all connected',
        60_000,
      );

      for (let round = 1; round <= RESTARTS; round++) {
        await s.mark();
        await server.kill('SIGTERM');
        const down = Date.now();
        server = await spawnServer(dir, port, [], script);
        const up = Date.now();
        const back = await s.until((r) => r.reconnected === CLIENTS, 'every screen reconnected', 45_000);
        const storm = Date.now() - up;

        // Served: staff screens at the head with the state of a fresh snapshot, views fresh.
        const fresh = await connectDevice(server.url, tokens.staff[0]!);
        own.push(fresh);
        const state = fresh.state!;
        const head = fresh.lastSeq;
        const served = await s.until(
          (r) => r.staffHeads === head && r.freshViews === CLIENTS - 100,
          'every screen served',
          30_000,
        );
        expect(served.gaps).toBe(0);
        expect(served.staffDigests).toEqual({ [digest(state)]: 100 });
        expect(served.viewDigests).toEqual({
          [digest({ ...publicView(state, head), seq: 0 })]: 100,
        });

        // The office goes on: a desk's command is answered at once and reaches every staff screen.
        const desk = await connectDevice(server.url, tokens.staff[3]!);
        own.push(desk);
        const started = Date.now();
        ok(await desk.command('desk:sign_in', { officer: `After restart ${round}` }));
        const answered = Date.now() - started;
        const after = await s.until((r) => r.staffHeads >= head + 1, 'the sign-in everywhere', 10_000);
        expect(Object.keys(after.staffDigests)).toHaveLength(1);
        console.info(
          `restart ${round}: down ${up - down} ms; ${back.reconnected} screens back within ${storm} ms; ` +
            `a command answered in ${answered} ms; swarm RSS ${Math.round(after.rss / 1e6)} MB`,
        );
        expect(answered).toBeLessThan(2000);
        own.splice(0).forEach((c) => c.close());
      }
    },
    scaled(150_000, 600_000),
  );
});
