import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectOffice, ok, type DeskId, type Devices } from '../helpers/office.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('notes between agencies', () => {
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

  async function visitAtMv(consent: boolean) {
    const { visitId } = ok(
      await office.kiosk.command('visit:check_in', {
        arrival: { kind: 'walk_in', adults: 1, children: 0 },
        language: 'fa',
        interpreterLanguage: 'fa',
        consent,
      }),
    );
    const mv = office.desks['mv-1'];
    ok(await mv.command('queue:call_next', {}));
    ok(await mv.command('visit:start', { visitId }));
    return visitId;
  }

  async function openAt(deskId: DeskId, visitId: string) {
    const desk = office.desks[deskId];
    await desk.until(() => desk.state?.visits.get(visitId)?.current !== undefined, 'visit known');
    ok(await desk.command('visit:call', { visitId }));
    return ok(await desk.query('visit:open', { visitId }));
  }

  it('a note shared with consent is seen at the next agency, an agency-only note is not', async () => {
    const visitId = await visitAtMv(true);
    const mv = office.desks['mv-1'];
    ok(
      await mv.command('visit:add_note', {
        visitId,
        note: { text: 'SHARED-NOTE-7781', visibility: 'shared' },
      }),
    );
    ok(
      await mv.command('visit:add_note', {
        visitId,
        note: { text: 'MV-ONLY-NOTE-5521', visibility: 'agency' },
      }),
    );
    ok(await mv.command('visit:hand_over', { visitId, to: { kind: 'next' }, outcome: 'done' }));

    const atAf = await openAt('af-1', visitId);
    expect(atAf.notes.map((n) => n.text)).toEqual(['SHARED-NOTE-7781']);
    expect(atAf.notes[0]).toMatchObject({
      agency: 'MV',
      deskId: 'mv-1',
      officer: 'Officer mv-1',
      visibility: 'shared',
    });
    // The author's own agency still reads both, from another desk of the agency.
    const mvDetails = server.server.engine.state.notes.get(visitId) ?? [];
    expect(mvDetails.map((n) => n.text)).toEqual(['SHARED-NOTE-7781', 'MV-ONLY-NOTE-5521']);
  });

  it('without consent nothing is shared: a shared note is refused, agency notes stay in the agency', async () => {
    const visitId = await visitAtMv(false);
    const mv = office.desks['mv-1'];
    const shared = await mv.command('visit:add_note', {
      visitId,
      note: { text: 'NOPE', visibility: 'shared' },
    });
    expect(shared.ok).toBe(false);
    if (!shared.ok) expect(shared.error.code).toBe('CONSENT_REQUIRED');
    ok(
      await mv.command('visit:add_note', {
        visitId,
        note: { text: 'MV-INTERNAL-3390', visibility: 'agency' },
      }),
    );
    ok(await mv.command('visit:hand_over', { visitId, to: { kind: 'next' }, outcome: 'done' }));
    const atAf = await openAt('af-1', visitId);
    expect(atAf.notes).toEqual([]);
  });

  it('a desk cannot read a visit it has not called (names show only once called)', async () => {
    const { visitId } = ok(
      await office.kiosk.command('visit:check_in', {
        arrival: { kind: 'walk_in', adults: 1, children: 0 },
        language: 'so',
        interpreterLanguage: null,
        consent: true,
      }),
    );
    const denied = await office.desks['mv-1'].query('visit:open', { visitId });
    expect(denied.ok).toBe(false);
    if (!denied.ok) expect(denied.error.code).toBe('NOT_AT_THIS_DESK');
    // Reception may look (no notes), and every look is audited.
    const atReception = ok(await office.reception.query('visit:open', { visitId }));
    expect(atReception.notes).toEqual([]);
    const [audited] = await server.rows<{ n: number }>(`SELECT count(*) AS n FROM audit WHERE visit_id = ?`, [
      visitId,
    ]);
    expect(audited!.n).toBe(1);
  });
});
