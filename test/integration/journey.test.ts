import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectStatusPage } from '../helpers/client.js';
import { connectOffice, ok, type DeskId, type Devices } from '../helpers/office.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('a household checked in at the kiosk', () => {
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

  it('goes MV → AF → Servicekontoret → Kommun by call, start, handover and complete, and ends registered', async () => {
    const checkIn = ok(
      await office.kiosk.command('visit:check_in', {
        arrival: { kind: 'walk_in', adults: 2, children: 2 },
        language: 'ar',
        interpreterLanguage: 'ar',
        consent: true,
      }),
    );
    expect(checkIn.ticket).toBe('W001');
    expect(checkIn.stationId).toBe('mv');
    expect(checkIn.ahead).toBe(0);
    const { visitId } = checkIn;
    const status = await connectStatusPage(server.url, checkIn.statusToken);
    expect(status.statusView?.current?.stationId).toBe('mv');

    const chain: [DeskId, string][] = [
      ['mv-1', 'mv'],
      ['af-1', 'af'],
      ['skv-fk-1', 'skv-fk'],
      ['kommun-1', 'kommun'],
    ];
    for (const [i, [deskId, stationId]] of chain.entries()) {
      const desk = office.desks[deskId];
      await desk.until(
        () => desk.state?.visits.get(visitId)?.steps[i]?.status === 'waiting',
        `waiting at ${stationId}`,
      );
      expect(ok(await desk.command('queue:call_next', {}))).toEqual({ visitId, ticket: 'W001' });
      await office.display.until(
        () =>
          office.display.publicView?.calls[0]?.ticket === 'W001' &&
          office.display.publicView.calls[0].deskId === deskId,
        `display shows the call to ${deskId}`,
      );
      await status.until(() => status.statusView?.current?.status === 'called', 'status page sees the call');
      expect(status.statusView?.current?.deskName).toBe(
        server.server.engine.state.config.desks.find((d) => d.id === deskId)?.name,
      );
      ok(await desk.command('visit:start', { visitId }));
      server.clock.advance(15 * 60_000);
      if (i < chain.length - 1)
        ok(await desk.command('visit:hand_over', { visitId, to: { kind: 'next' }, outcome: 'done' }));
      else ok(await desk.command('visit:complete', { visitId, outcome: 'done' }));
    }

    await status.until(() => status.statusView?.status === 'registered', 'status page sees the registration');
    expect(status.statusView?.steps.map((s) => s.status)).toEqual(['done', 'done', 'done', 'done']);
    // Every staff screen converged on the server's state by applying the event stream.
    const serverVisit = server.server.engine.state.visits.get(visitId);
    expect(serverVisit?.status).toBe('registered');
    for (const client of [office.reception, office.admin, ...Object.values(office.desks)]) {
      await client.until(() => client.lastSeq === server.server.engine.head, 'caught up');
      expect(client.state?.visits.get(visitId)).toEqual(serverVisit);
    }
    status.close();
  });
});
