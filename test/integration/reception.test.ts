import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../helpers/domain.js';
import { connectOffice, ok, type Devices } from '../helpers/office.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('reception finding a visit', () => {
  let server: TestServer;
  let office: Devices;
  let booked: string;

  beforeAll(async () => {
    server = await startTestServer();
    office = await connectOffice(server);
    ok(
      await office.admin.command('appointments:import', {
        day: DAY,
        csv: 'time,reference,language,adults,children\n10:00,MV-55021,uk,2,1',
        dryRun: false,
      }),
    );
    booked = ok(
      await office.kiosk.command('visit:check_in', {
        arrival: { kind: 'booked', bookingRef: 'mv 55021' },
        language: 'uk',
        interpreterLanguage: 'uk',
        consent: true,
      }),
    ).visitId;
    ok(await office.desks['mv-1'].command('queue:call_next', {}));
    ok(
      await office.desks['mv-1'].command('visit:set_household', {
        visitId: booked,
        adults: 2,
        children: 1,
        members: [{ name: 'Olena Kovalenkó', birthDate: null, kind: 'adult' }],
      }),
    );
  });
  afterAll(async () => {
    office.close();
    await server.cleanup();
  });

  it('finds by ticket, booking reference or part of a name, and audits the search', async () => {
    for (const text of ['B001', 'b001', 'MV-55021', '55021', 'kovalenko', 'Olena'])
      expect(ok(await office.reception.query('visit:find', { text })).visitIds, text).toEqual([booked]);
    expect(ok(await office.reception.query('visit:find', { text: 'nobody' })).visitIds).toEqual([]);
    const [searches] = await server.rows<{ n: number }>(
      `SELECT count(*) AS n FROM audit WHERE action = 'visit:find'`,
    );
    expect(searches!.n).toBe(7);
  });

  it('is not for desks, kiosks or displays', async () => {
    for (const client of [office.desks['af-1'], office.kiosk, office.display])
      expect(await client.query('visit:find', { text: 'Olena' })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
  });
});
