import Database from 'better-sqlite3';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { connectDevice, type TestClient } from '../helpers/client.js';
import { DAY } from '../helpers/domain.js';
import { ok } from '../helpers/office.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let clients: TestClient[] = [];
afterEach(async () => {
  clients.forEach((c) => c.close());
  clients = [];
  await server.cleanup();
});

async function connect(role: 'admin' | 'reception' | 'desk', deskId?: string): Promise<TestClient> {
  const client = await connectDevice(server.url, await server.pair(role, deskId));
  clients.push(client);
  return client;
}

/** The id of the device `server.pair` made for this role (and desk). */
const deviceIdOf = async (role: string, deskId?: string) =>
  (await server.store.devices.list()).find((d) => d.role === role && d.deskId === (deskId ?? null))!.id;

const auditRows = async () =>
  (await server.rows<{ action: string }>(`SELECT action FROM audit ORDER BY id`)).map((r) => r.action);

/** The audit write fails as on a full disk; everything else in the database still works. */
function breakAudit(): () => void {
  const audit = server.store.audit;
  const record = audit.record.bind(audit);
  audit.record = () => {
    throw new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
  };
  return () => {
    audit.record = record;
  };
}

describe('an admin change and its audit record', () => {
  it('are committed together: when the record cannot be written, the change is rolled back', async () => {
    server = await startTestServer({ storageProbeMs: 20 });
    const admin = await connect('admin');
    const desk = await connect('desk', 'mv-1');
    const deskId = await deviceIdOf('desk', 'mv-1');
    // When a device was last seen is written beside its requests (on PostgreSQL a moment after the
    // desk connected); it is no admin change, so it is left out of the comparison.
    const devices = async () =>
      (await server.store.devices.list()).map(({ lastSeenAt: _seen, ...device }) => device);
    const devicesBefore = await devices();
    const refusedAsStorage = { ok: false, error: { code: 'STORAGE_UNAVAILABLE' } };

    const repair = breakAudit();
    expect(
      await admin.query('device:create', { name: 'Never made', role: 'desk', deskId: 'af-1' }),
    ).toMatchObject(refusedAsStorage);
    expect(await admin.query('device:rename', { deviceId: deskId, name: 'Never renamed' })).toMatchObject(
      refusedAsStorage,
    );
    expect(await admin.query('device:renew_code', { deviceId: deskId })).toMatchObject(refusedAsStorage);
    expect(await admin.query('device:revoke', { deviceId: deskId })).toMatchObject(refusedAsStorage);
    expect(await admin.query('officer:set_pin', { name: 'Never Set', pin: '2468' })).toMatchObject(
      refusedAsStorage,
    );
    // "Nothing was changed" is true: no device, name, code, revocation or PIN came of it.
    expect(await devices()).toEqual(devicesBefore);
    expect(await server.store.officers.list()).toEqual([]);
    expect(await auditRows()).toEqual([]);
    // The revocation did not happen, so the desk was not cut off and its token still works.
    expect(desk.socket.connected).toBe(true);
    ok(await desk.query('sync:snapshot', {}));

    repair();
    const created = ok(await admin.query('device:create', { name: 'Made', role: 'desk', deskId: 'af-1' }));
    ok(await admin.query('device:revoke', { deviceId: deskId }));
    await desk.until(() => !desk.socket.connected, 'the revoked desk is cut off');
    ok(await admin.query('officer:set_pin', { name: 'Anna', pin: '2468' }));
    expect(await auditRows()).toEqual(['device:create', 'device:revoke', 'officer:set_pin']);
    expect((await server.store.devices.get(created.device.id))?.name).toBe('Made');
  });

  it('an unexpected fault is refused as INTERNAL and logged by name and stack, not by its message', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    server = await startTestServer({ log: pino({ level: 'info' }, sink) });
    const admin = await connect('admin');
    const devices = server.store.devices;
    const create = devices.create.bind(devices);
    devices.create = () => {
      throw new TypeError('sentinel Ebba Sentinelsdotter');
    };
    const ack = await admin.query('device:create', { name: 'Sentinel name', role: 'display', deskId: null });
    expect(ack).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    devices.create = create;

    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const fault = logged.find((l) => l.err === 'TypeError');
    expect(fault).toBeDefined();
    expect(fault?.stack).toMatch(/^\s+at /);
    expect(lines.join('')).not.toContain('Sentinel');
    expect((await server.store.devices.list()).some((d) => d.name === 'Sentinel name')).toBe(false);
  });
});

describe('the audit view', () => {
  it('shows every admin change: the office config, the booking list and the interpreters', async () => {
    server = await startTestServer();
    const admin = await connect('admin');
    const adminId = await deviceIdOf('admin');
    const config = structuredClone(admin.state!.config);
    config.name = 'Mötesplats Borlänge';
    ok(await admin.command('office:configure', { config }));
    server.clock.advance(1000);
    const csv = 'time,reference,language,adults,children\n9:00,MV-3001,uk,2,2\n';
    // A preview changes nothing, so it is no change to show.
    ok(await admin.command('appointments:import', { day: DAY, csv, dryRun: true }));
    ok(await admin.command('appointments:import', { day: DAY, csv, dryRun: false }));
    server.clock.advance(1000);
    // A change kept in the audit table, in the same millisecond as the two in the log after it.
    ok(await admin.query('officer:set_pin', { name: 'Anna', pin: '2468' }));
    const { interpreterId } = ok(
      await admin.command('interpreter:add', { language: 'ar', mode: 'onsite', name: 'Tolk Sentinelsson' }),
    );
    ok(await admin.command('interpreter:remove', { interpreterId }));

    const { entries } = ok(await admin.query('audit:list', {}));
    expect(entries.map((e) => [e.action, e.deviceId, e.deviceName, e.officer, e.visitId, e.ticket])).toEqual(
      [
        'interpreter_removed',
        'interpreter_added',
        'officer:set_pin',
        'appointments_imported',
        'config_changed',
      ].map((action) => [action, adminId, 'admin', null, null, null]),
    );
    // What was changed is named, never the data: no booking reference, interpreter, PIN or config.
    for (const secret of ['MV-3001', 'Sentinelsson', '2468', 'Borlänge'])
      expect(JSON.stringify(entries)).not.toContain(secret);
    expect(ok(await admin.query('audit:list', { deviceId: adminId })).entries).toEqual(entries);

    // Paging: a page is the start of the longer one, entries of the same millisecond included.
    for (const limit of [1, 2, 3, 4])
      expect(ok(await admin.query('audit:list', { limit })).entries).toEqual(entries.slice(0, limit));
  });
});
