import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestClient, connectDevice } from '../helpers/client.js';
import { DAY } from '../helpers/domain.js';
import { connectOffice, ok, type Devices } from '../helpers/office.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('the office admin', () => {
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

  it('changes the config live on every desk and display, and the change survives a restart', async () => {
    const config = structuredClone(office.admin.state!.config);
    config.name = 'Mötesplats Borlänge';
    config.noShowRecallLimit = 3;
    config.desks = config.desks.map((d) => (d.id === 'af-1' ? { ...d, name: 'AF Lucka 1' } : d));
    config.stations[0]!.checklist.push({ id: 'photo', label: { sv: 'Foto taget', en: 'Photo taken' } });
    const ack = await office.admin.command('office:configure', { config });
    expect(ack.ok).toBe(true);

    const af = office.desks['af-1'];
    await af.until(() => af.state?.config.name === 'Mötesplats Borlänge', 'desk sees the new config');
    expect(af.state?.config).toEqual(config);
    await office.display.until(
      () => office.display.publicView?.office.name === 'Mötesplats Borlänge',
      'display',
    );

    const { dir, clock } = server;
    office.close();
    await server.close();
    server = await startTestServer({ dir, clock });
    office = await connectOffice(server, { signIn: false });
    expect(server.server.engine.state.config).toEqual(config);
    expect(office.desks['mv-1'].state?.config.stations[0]?.checklist.at(-1)?.id).toBe('photo');
  });

  it('refuses a config that pulls a station from under a waiting household, naming it', async () => {
    ok(
      await office.kiosk.command('visit:check_in', {
        arrival: { kind: 'walk_in', adults: 1, children: 0 },
        language: 'ti',
        interpreterLanguage: null,
        consent: false,
      }),
    );
    const config = structuredClone(office.admin.state!.config);
    config.stations = config.stations.filter((s) => s.id !== 'mv');
    config.desks = config.desks.filter((d) => d.stationId !== 'mv');
    config.chain = config.chain.filter((s) => s !== 'mv');
    const ack = await office.admin.command('office:configure', { config });
    expect(ack).toMatchObject({
      ok: false,
      error: { code: 'CONFIG_CONFLICT', details: { stations: ['mv'] } },
    });
    const invalid = await office.admin.raw('office:configure', {
      commandId: 'bad-config-1',
      config: { ...config, chain: ['nowhere'] },
    });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(server.server.engine.state.config.stations.map((s) => s.id)).toContain('mv');
  });

  it('pairs a new device, renames it, and revokes it: cut off at once, and it cannot come back', async () => {
    const created = ok(
      await office.admin.query('device:create', {
        name: 'Desk by the window',
        role: 'desk',
        deskId: 'kommun-2',
      }),
    );
    expect(created.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const paired = await fetch(`${server.url}/api/pair`, {
      method: 'POST',
      body: JSON.stringify({ code: created.code }),
    });
    const { token } = (await paired.json()) as { token: string };
    const desk = await connectDevice(server.url, token);
    ok(await office.admin.query('device:rename', { deviceId: created.device.id, name: 'Kommunen fönstret' }));
    const listed = ok(await office.admin.query('device:list', {})).devices.find(
      (d) => d.id === created.device.id,
    );
    expect(listed).toMatchObject({
      name: 'Kommunen fönstret',
      role: 'desk',
      deskId: 'kommun-2',
      connected: true,
    });
    expect(JSON.stringify(listed)).not.toContain(token);

    ok(await office.admin.query('device:revoke', { deviceId: created.device.id }));
    await desk.until(() => !desk.socket.connected, 'the desk is cut off');
    const again = new TestClient(server.url, { token });
    expect((await again.refused()).data?.code).toBe('UNAUTHORIZED');
    again.close();
    desk.close();
    expect(await office.admin.query('device:revoke', { deviceId: created.device.id })).toMatchObject({
      ok: false,
    });
    // Only the admin manages devices.
    expect(await office.reception.query('device:list', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('refuses a booking list with bad rows, naming each line, and imports nothing', async () => {
    const csv = [
      'Tid;Referens;Språk;Vuxna;Barn',
      '09:00;MV-1001;arabiska;2;1',
      '25:10;MV-1002;arabiska;1;0',
      '09:30;??;persiska;1;0',
      '10:00;MV-1004;klingon;0;0',
      '10:30;MV-1001;so;1;x',
    ].join('\n');
    for (const dryRun of [true, false]) {
      const ack = await office.admin.command('appointments:import', { day: DAY, csv, dryRun });
      expect(ack.ok).toBe(false);
      if (ack.ok) return;
      expect(ack.error.code).toBe('CSV_INVALID');
      const errors = (ack.error.details as { errors: { line: number; column: string }[] }).errors;
      expect(errors.map((e) => [e.line, e.column])).toEqual([
        [3, 'time'],
        [4, 'reference'],
        [5, 'language'],
        [5, 'adults'],
        [6, 'children'],
      ]);
    }
    expect(server.server.engine.state.appointments.size).toBe(0);
    expect(server.server.engine.head).toBe(8); // only the desks' sign-ins
    const unknown = await office.kiosk.command('visit:check_in', {
      arrival: { kind: 'booked', bookingRef: 'MV-1001' },
      language: 'ar',
      interpreterLanguage: null,
      consent: true,
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_BOOKING_REF' } });
  });

  it('imports a clean list after a preview, and its booked visitors check in with their reference', async () => {
    const csv = 'time,reference,language,adults,children\n9:00,MV-2001,uk,2,2\n9:30,MV-2002,persian,1,0\n';
    const preview = ok(await office.admin.command('appointments:import', { day: DAY, csv, dryRun: true }));
    expect(preview).toMatchObject({ rows: 2, dryRun: true });
    expect(preview.preview?.map((r) => [r.time, r.ref, r.language, r.adults, r.children])).toEqual([
      ['09:00', 'MV-2001', 'uk', 2, 2],
      ['09:30', 'MV-2002', 'fa', 1, 0],
    ]);
    expect(server.server.engine.state.appointments.size).toBe(0);
    ok(await office.admin.command('appointments:import', { day: DAY, csv, dryRun: false }));
    const checkIn = ok(
      await office.kiosk.command('visit:check_in', {
        arrival: { kind: 'booked', bookingRef: 'mv 2001' },
        language: 'uk',
        interpreterLanguage: 'uk',
        consent: true,
      }),
    );
    expect(checkIn.ticket).toBe('B001');
    const visit = server.server.engine.state.visits.get(checkIn.visitId)!;
    expect(visit).toMatchObject({ kind: 'booked', adults: 2, children: 2 });
    const twice = await office.kiosk.command('visit:check_in', {
      arrival: { kind: 'booked', bookingRef: 'MV-2001' },
      language: 'uk',
      interpreterLanguage: null,
      consent: true,
    });
    expect(twice).toMatchObject({ ok: false, error: { code: 'ALREADY_CHECKED_IN' } });
  });

  it('shows who read or changed a visit, with no note text', async () => {
    const { visitId } = ok(
      await office.kiosk.command('visit:check_in', {
        arrival: { kind: 'walk_in', adults: 1, children: 0 },
        language: 'ar',
        interpreterLanguage: null,
        consent: true,
      }),
    );
    const mv = office.desks['mv-1'];
    server.clock.advance(1000);
    ok(await mv.command('queue:call_next', {}));
    server.clock.advance(1000);
    ok(await mv.query('visit:open', { visitId }));
    server.clock.advance(1000);
    ok(
      await mv.command('visit:add_note', {
        visitId,
        note: { text: 'Audit sentinel note', visibility: 'shared' },
      }),
    );
    const { entries } = ok(await office.admin.query('audit:list', { visitId }));
    expect(entries.map((e) => [e.action, e.officer, e.ticket])).toEqual([
      ['note_added', 'Officer mv-1', 'W001'],
      ['visit:open', 'Officer mv-1', 'W001'],
      ['called', 'Officer mv-1', 'W001'],
      ['checked_in', null, 'W001'],
    ]);
    expect(entries[0]?.deviceName).toBe('desk mv-1');
    expect(JSON.stringify(entries)).not.toContain('Audit sentinel note');
  });

  it('shows what concerns no one visit: reception’s searches and the admin’s device and PIN changes', async () => {
    ok(await office.reception.query('visit:find', { text: 'Ebba' }));
    server.clock.advance(1000);
    const created = ok(
      await office.admin.query('device:create', { name: 'Kiosk 2', role: 'kiosk', deskId: null }),
    );
    const deviceId = created.device.id;
    server.clock.advance(1000);
    ok(await office.admin.query('device:rename', { deviceId, name: 'Kiosk by the door' }));
    server.clock.advance(1000);
    ok(await office.admin.query('device:renew_code', { deviceId }));
    server.clock.advance(1000);
    ok(await office.admin.query('device:revoke', { deviceId }));
    server.clock.advance(1000);
    ok(await office.admin.query('officer:set_pin', { name: 'Anna', pin: '2468' }));

    const { entries } = ok(await office.admin.query('audit:list', {}));
    const withoutVisit = entries.filter((e) => e.visitId === null);
    expect(withoutVisit.map((e) => [e.action, e.deviceName, e.ticket])).toEqual([
      ['officer:set_pin', 'admin', null],
      ['device:revoke', 'admin', null],
      ['device:renew_code', 'admin', null],
      ['device:rename', 'admin', null],
      ['device:create', 'admin', null],
      ['visit:find', 'reception', null],
    ]);
    // Neither what was searched for nor the PIN is recorded.
    expect(JSON.stringify(entries)).not.toContain('Ebba');
    expect(JSON.stringify(entries)).not.toContain('2468');
    const reception = (await server.store.devices.list()).find((d) => d.role === 'reception')!.id;
    const searches = ok(await office.admin.query('audit:list', { deviceId: reception })).entries;
    expect(searches.map((e) => e.action)).toEqual(['visit:find']);
  });
});
