import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_NAMES, COMMAND_ROLES, type CommandName } from '../../../shared/commands.js';
import { QUERY_NAMES, QUERY_ROLES, type QueryName } from '../../../shared/protocol.js';
import { TestClient, connectDevice } from '../../helpers/client.js';
import { testConfig } from '../../helpers/domain.js';
import { connectOffice, ok, type Devices } from '../../helpers/office.js';
import { startTestServer, ManualClock, type TestServer } from '../../helpers/server.js';
import { startOfficesOnOneNode } from '../../helpers/region.js';
import { CHAIN, ludvika } from '../../helpers/region.js';
import { TEST_STORE } from '../../helpers/testStore.js';

/** A household through the whole chain, a note at each desk; returns its visit id and ticket. */
async function journey(server: TestServer, office: Devices, note: string) {
  const checkIn = ok(
    await office.kiosk.command('visit:check_in', {
      arrival: { kind: 'walk_in', adults: 2, children: 1 },
      language: 'ar',
      interpreterLanguage: 'ar',
      consent: true,
    }),
  );
  const { visitId, ticket } = checkIn;
  for (const [i, [deskId]] of CHAIN.entries()) {
    const desk = office.desks[deskId];
    await desk.until(
      () => desk.state?.visits.get(visitId)?.steps[i]?.status === 'waiting',
      `waiting at ${deskId}`,
    );
    expect(ok(await desk.command('queue:call_next', {}))).toEqual({ visitId, ticket });
    ok(await desk.command('visit:start', { visitId }));
    ok(
      await desk.command('visit:add_note', {
        visitId,
        note: { text: `${note} ${deskId}`, visibility: 'shared' },
      }),
    );
    server.clock.advance(10 * 60_000);
    if (i < CHAIN.length - 1)
      ok(await desk.command('visit:hand_over', { visitId, to: { kind: 'next' }, outcome: 'done' }));
    else ok(await desk.command('visit:complete', { visitId, outcome: 'done' }));
  }
  expect(server.server.engine.state.visits.get(visitId)?.status).toBe('registered');
  return { visitId, ticket, statusToken: checkIn.statusToken };
}

/** What a device was sent, as text. */
const wire = (client: TestClient) => JSON.stringify(client.received);

/** Each office on a server of its own, or both on one node (as a region's nodes serve them). */
const SETUPS = ['a server each', 'one node'] as const;

describe.runIf(TEST_STORE === 'postgres').each(SETUPS)(
  'two offices in one PostgreSQL database, %s',
  (setup) => {
    const database = `region_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    let borlange: TestServer;
    let ludvikaServer: TestServer;
    let a: Devices;
    let b: Devices;
    let inA: Awaited<ReturnType<typeof journey>>;
    let inB: Awaited<ReturnType<typeof journey>>;

    beforeAll(async () => {
      const clock = new ManualClock();
      if (setup === 'one node') {
        const servers = await startOfficesOnOneNode(
          [
            { id: 'borlange', config: testConfig() },
            { id: 'ludvika', config: ludvika() },
          ],
          clock,
        );
        borlange = servers[0]!;
        ludvikaServer = servers[1]!;
      } else {
        borlange = await startTestServer({ clock, region: { database, officeId: 'borlange' } });
        ludvikaServer = await startTestServer({
          clock,
          config: ludvika(),
          region: { database, officeId: 'ludvika' },
        });
      }
      // One after the other: on one node both offices' pairings count against one address's limit.
      a = await connectOffice(borlange);
      b = await connectOffice(ludvikaServer);
      inA = await journey(borlange, a, 'Sentinel Borlänge note');
      inB = await journey(ludvikaServer, b, 'Sentinel Ludvika note');
    }, 60_000);
    afterAll(async () => {
      a?.close();
      b?.close();
      await borlange.cleanup();
      await ludvikaServer.cleanup();
    });

    it('each office numbers its own log and tickets, in one database', async () => {
      expect(inA.ticket).toBe('W001');
      expect(inB.ticket).toBe('L001');
      const offices = await borlange.rows<{ id: string; head: number }>(
        `SELECT id, head FROM offices ORDER BY id`,
      );
      expect(offices).toEqual([
        { id: 'borlange', head: borlange.server.engine.head },
        { id: 'ludvika', head: ludvikaServer.server.engine.head },
      ]);
      for (const office of ['borlange', 'ludvika']) {
        const seqs = await borlange.rows<{ seq: number }>(
          `SELECT seq FROM events WHERE office_id = ? ORDER BY seq`,
          [office],
        );
        expect(seqs.map((r) => r.seq)).toEqual(seqs.map((_, i) => i + 1));
      }
    });

    it('no frame a device of one office receives mentions the other’s tickets, stations, visits or notes', () => {
      const foreign = {
        borlange: [inB.visitId, inB.statusToken, 'Ludvika', '"L001"', 'Sentinel Ludvika'],
        ludvika: [
          inA.visitId,
          inA.statusToken,
          'Mötesplats Servicekontoret (demo)',
          '"W001"',
          'Sentinel Borlänge',
        ],
      };
      for (const [office, devices] of [
        ['borlange', a],
        ['ludvika', b],
      ] as const)
        for (const client of devices.all()) {
          const text = wire(client);
          for (const needle of foreign[office])
            expect(text.includes(needle), `${office} saw ${needle}`).toBe(false);
        }
      // And each saw its own: the checks above can fail.
      expect(wire(a.desks['mv-1'])).toContain(inA.visitId);
      expect(wire(b.desks['mv-1'])).toContain('Ludvika');
    });

    it.runIf(setup === 'one node')(
      'on one node, a token or a status token is its own office’s only',
      async () => {
        const tokenOfB = await ludvikaServer.pair('desk', 'mv-2');
        const desk = await connectDevice(borlange.url, tokenOfB);
        const status = new TestClient(borlange.url, { statusToken: inB.statusToken });
        try {
          expect(desk.state?.config.name).toBe('Ludvika servicekontor');
          expect(desk.state?.visits.has(inA.visitId)).toBe(false);
          await status.until(() => status.statusView !== undefined, 'status view');
          expect(status.statusView?.ticket).toBe(inB.ticket);
        } finally {
          desk.close();
          status.close();
        }
      },
    );

    it.runIf(setup === 'a server each')(
      'a token, a pairing code or a status token of one office is unknown at the other’s server',
      async () => {
        const tokenOfB = await ludvikaServer.pair('desk', 'mv-2');
        const refusal = async (url: string, auth: Record<string, unknown>) => {
          const client = new TestClient(url, auth);
          try {
            return await new Promise<string | undefined>((resolve) => {
              client.socket.once('connect_error', (e) =>
                resolve((e as { data?: { code?: string } }).data?.code),
              );
              client.socket.once('connect', () => resolve(undefined));
            });
          } finally {
            client.close();
          }
        };
        expect(await refusal(borlange.url, { token: tokenOfB })).toBe('UNAUTHORIZED');
        expect(await refusal(borlange.url, { statusToken: inB.statusToken })).toBe('UNKNOWN_TICKET');
        // The same token is good at its own office's server.
        expect(await refusal(ludvikaServer.url, { token: tokenOfB })).toBeUndefined();

        const { code } = await ludvikaServer.store.devices.create(
          { name: 'Kiosk 2', role: 'kiosk', deskId: null },
          0,
        );
        const paired = await fetch(`${borlange.url}/api/pair`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ code }),
        });
        expect(paired.status).toBe(404);
      },
    );

    it('every command and query of a device of one office that names the other’s visits, desks or devices changes nothing there', async () => {
      const bDevices = await ludvikaServer.store.devices.list();
      const foreignDevice = bDevices.find((d) => d.role === 'desk')!.id;
      // A household waiting at Ludvika's MV, and an interpreter on Ludvika's list.
      const waiting = ok(
        await b.kiosk.command('visit:check_in', {
          arrival: { kind: 'walk_in', adults: 1, children: 0 },
          language: 'so',
          interpreterLanguage: 'so',
          consent: true,
        }),
      ).visitId;
      const interpreterId = ok(
        await b.admin.command('interpreter:add', { language: 'so', mode: 'onsite', name: 'Tolk Ludvika' }),
      ).interpreterId as string;
      const before = { head: ludvikaServer.server.engine.head, state: ludvikaServer.server.engine.state };
      const devicesBefore = await ludvikaServer.store.devices.list();
      const v = waiting;
      // Each request valid in form, naming Ludvika's visit, desk, interpreter or device.
      const commands: Partial<Record<CommandName, Record<string, unknown>>> = {
        'visit:update': { visitId: v, consent: false },
        'visit:set_household': { visitId: v, adults: 1, children: 0, members: [] },
        'visit:call': { visitId: v },
        'visit:recall': { visitId: v },
        'visit:no_show': { visitId: v },
        'visit:start': { visitId: v },
        'visit:return_to_queue': { visitId: v },
        'visit:park': { visitId: v },
        'visit:reinstate': { visitId: v },
        'visit:add_note': { visitId: v, note: { text: 'from Borlänge', visibility: 'shared' } },
        'visit:set_checklist_item': { visitId: v, itemId: 'ut-card', checked: true },
        'visit:hand_over': { visitId: v, to: { kind: 'desk', deskId: 'mv-1' }, outcome: 'done' },
        'visit:complete_step': { visitId: v, outcome: 'done' },
        'visit:skip_step': { visitId: v, stationId: 'mv', reason: 'not_needed' },
        'visit:restore_step': { visitId: v, stationId: 'mv', reason: 'visitor_request' },
        'visit:complete': { visitId: v, outcome: 'done' },
        'visit:cancel': { visitId: v, reason: 'wrong_office' },
        'interpreter:remove': { interpreterId },
        'interpreter:attach': { interpreterId, visitId: v },
        'interpreter:release': { interpreterId },
      };
      const queries: Partial<Record<QueryName, Record<string, unknown>>> = {
        'visit:open': { visitId: v },
        'device:rename': { deviceId: foreignDevice, name: 'Renamed from Borlänge' },
        'device:renew_code': { deviceId: foreignDevice },
        'device:revoke': { deviceId: foreignDevice },
      };
      const byRole = {
        admin: a.admin,
        reception: a.reception,
        kiosk: a.kiosk,
        display: a.display,
        desk: a.desks['mv-1'],
      } as const;
      let sent = 0;
      for (const name of COMMAND_NAMES) {
        const payload = commands[name];
        if (!payload) continue;
        for (const role of COMMAND_ROLES[name]) {
          const ack = await byRole[role].raw(name, { commandId: randomUUID(), ...payload });
          expect(ack.ok, `${role} ${name}`).toBe(false);
          if (!ack.ok)
            expect(['UNKNOWN_VISIT', 'UNKNOWN_INTERPRETER'], `${role} ${name}: ${ack.error.code}`).toContain(
              ack.error.code,
            );
          sent++;
        }
      }
      for (const name of QUERY_NAMES) {
        const payload = queries[name];
        if (!payload) continue;
        for (const role of QUERY_ROLES[name]) {
          const ack = await byRole[role].raw(name, payload);
          expect(ack.ok, `${role} ${name}`).toBe(false);
          if (!ack.ok)
            expect(['UNKNOWN_VISIT', 'VALIDATION_FAILED'], `${role} ${name}: ${ack.error.code}`).toContain(
              ack.error.code,
            );
          if (!ack.ok && ack.error.code === 'VALIDATION_FAILED')
            expect(ack.error.message, `${role} ${name}`).toMatch(/no (active )?(such )?device/);
          sent++;
        }
      }
      expect(sent).toBe(38);
      // The other office did not move, and its devices are as they were.
      expect(ludvikaServer.server.engine.head).toBe(before.head);
      expect(ludvikaServer.server.engine.state).toBe(before.state);
      expect(await ludvikaServer.store.devices.list()).toEqual(devicesBefore);
      // Nothing of Borlänge's names Ludvika's visit in the database either.
      const crossed = await borlange.rows(
        `SELECT 1 FROM events WHERE office_id = 'borlange' AND (visit_id = ? OR payload LIKE ?)`,
        [inB.visitId, `%${inB.visitId}%`],
      );
      expect(crossed).toEqual([]);
      // The visit is open to its own office's reception, and unknown to the other's.
      expect((await b.reception.query('visit:open', { visitId: inB.visitId })).ok).toBe(true);
      expect(await a.reception.query('visit:open', { visitId: inB.visitId })).toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_VISIT' },
      });
      expect((await b.reception.query('visit:open', { visitId: waiting })).ok).toBe(true);
      const audit = ok(await a.admin.query('audit:list', { visitId: inB.visitId }));
      expect(audit.entries).toEqual([]);
    });

    it('each office’s statistics count its own visits only', async () => {
      const admin = await connectDevice(borlange.url, await borlange.pair('admin'));
      try {
        const day = borlange.server.engine.state.day;
        const stats = ok(await admin.query('stats:compute', { from: day, to: day }));
        expect(stats.visits.arrivals).toBe(1);
      } finally {
        admin.close();
      }
    });
  },
);
