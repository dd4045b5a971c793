import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectStatusPage, type TestClient } from '../helpers/client.js';
import { DAY } from '../helpers/domain.js';
import { connectOffice, ok, type Devices } from '../helpers/office.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** Values that must never reach a public screen; distinctive enough to find anywhere on the wire. */
const SENTINELS = {
  bookingRef: 'ZQXW-4471',
  adultName: 'Sentinella Qwertyson',
  childName: 'Junior Qwertyson',
  birthDate: '1987-03-14',
  childBirth: '2019-11-02',
  sharedNote: 'Sentinel shared note: diabetes, needs a chair',
  agencyNote: 'Sentinel agency note: case 9912',
};

function wire(client: TestClient): string {
  return JSON.stringify(client.received);
}

function expectClean(client: TestClient, what: string): void {
  const text = wire(client);
  for (const [name, value] of Object.entries(SENTINELS))
    expect(
      text.includes(value) || text.toUpperCase().includes(value.replace(/-/g, '')),
      `${what} received ${name}`,
    ).toBe(false);
}

describe('what public screens receive during a whole journey', () => {
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

  it('never carries a name, birth date, booking reference or note to the display, kiosk or status page', async () => {
    const csv = `time;reference;language;adults;children\n09:00;${SENTINELS.bookingRef};arabiska;1;1\n`;
    ok(await office.admin.command('appointments:import', { day: DAY, csv, dryRun: false }));
    const checkIn = ok(
      await office.kiosk.command('visit:check_in', {
        arrival: { kind: 'booked', bookingRef: SENTINELS.bookingRef.toLowerCase() },
        language: 'ar',
        interpreterLanguage: 'ar',
        consent: true,
      }),
    );
    expect(checkIn.ticket).toBe('B001');
    const { visitId } = checkIn;
    const status = await connectStatusPage(server.url, checkIn.statusToken);

    const desks = ['mv-1', 'af-1', 'skv-fk-1', 'kommun-1'] as const;
    for (const [i, id] of desks.entries()) {
      const desk = office.desks[id];
      await desk.until(() => desk.state?.visits.get(visitId)?.steps[i]?.status === 'waiting', 'waiting');
      ok(await desk.command('queue:call_next', {}));
      server.clock.advance(20_000);
      ok(await desk.command('visit:recall', { visitId }));
      ok(await desk.command('visit:start', { visitId }));
      const details = ok(await desk.query('visit:open', { visitId }));
      expect(details.private?.bookingRef).toBe(SENTINELS.bookingRef.replace('-', ''));
      if (i === 0)
        ok(
          await desk.command('visit:set_household', {
            visitId,
            adults: 1,
            children: 1,
            members: [
              { name: SENTINELS.adultName, birthDate: SENTINELS.birthDate, kind: 'adult' },
              { name: SENTINELS.childName, birthDate: SENTINELS.childBirth, kind: 'child' },
            ],
          }),
        );
      ok(
        await desk.command('visit:add_note', {
          visitId,
          note: { text: SENTINELS.sharedNote, visibility: 'shared' },
        }),
      );
      ok(
        await desk.command('visit:add_note', {
          visitId,
          note: { text: SENTINELS.agencyNote, visibility: 'agency' },
        }),
      );
      ok(
        await desk.command('visit:set_checklist_item', {
          visitId,
          itemId: desk.state!.config.stations[i]!.checklist[0]!.id,
          checked: true,
        }),
      );
      if (i < desks.length - 1)
        ok(await desk.command('visit:hand_over', { visitId, to: { kind: 'next' }, outcome: 'done' }));
      else ok(await desk.command('visit:complete', { visitId, outcome: 'done' }));
    }
    await status.until(() => status.statusView?.status === 'registered', 'registered');
    await office.display.until(
      () => office.display.publicView?.calls.some((c) => c.deskId === 'kommun-1') === true,
      'display saw the last call',
    );

    // The public screens did receive the journey: calls and the ticket, but nothing personal.
    expect(wire(office.display)).toContain('B001');
    expect(wire(status)).toContain('B001');
    expectClean(office.display, 'display');
    expectClean(office.kiosk, 'kiosk');
    expectClean(status, 'status page');
    // Staff streams carry no personal data either: desks fetch it with visit:open, audited.
    for (const client of [office.reception, office.admin, office.desks['mv-2'], office.desks['kommun-1']])
      expectClean(client, 'staff stream');
    // The status page never hears of anyone else's ticket.
    ok(
      await office.kiosk.command('visit:check_in', {
        arrival: { kind: 'walk_in', adults: 1, children: 0 },
        language: 'sv',
        interpreterLanguage: null,
        consent: false,
      }),
    );
    await office.display.until(
      () => office.display.publicView?.stations.find((st) => st.id === 'mv')?.waiting === 1,
      'display counts the new arrival',
    );
    expect(wire(status)).not.toContain('W001');
    status.close();
  });
});
