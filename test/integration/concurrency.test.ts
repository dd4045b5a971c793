import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectOffice, ok, type Devices } from '../helpers/office.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('two desks calling next at the same moment', () => {
  let server: TestServer;
  let office: Devices;

  beforeAll(async () => {
    server = await startTestServer();
    office = await connectOffice(server);
  });
  afterAll(async () => {
    office.close();
    await server.cleanup();
  });

  it('never get the same visit, over many rounds', async () => {
    const [a, b] = [office.desks['mv-1'], office.desks['mv-2']];
    for (let round = 0; round < 60; round++) {
      const { visitId } = ok(
        await office.kiosk.command('visit:check_in', {
          arrival: { kind: 'walk_in', adults: 1, children: 0 },
          language: 'uk',
          interpreterLanguage: null,
          consent: false,
        }),
      );
      const [first, second] = await Promise.all([
        a.command('queue:call_next', {}),
        b.command('queue:call_next', {}),
      ]);
      const winners = [first, second].filter((r) => r.ok);
      const losers = [first, second].filter((r) => !r.ok);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      if (!losers[0]!.ok) expect(losers[0]!.error.code).toBe('QUEUE_EMPTY');
      const winner = first.ok ? a : b;
      ok(await winner.command('visit:return_to_queue', { visitId }));
      ok(await office.reception.command('visit:cancel', { visitId, reason: 'duplicate' }));
    }
  });

  it('with a crowd waiting, every call gets a different visit', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 20; i++)
      ids.add(
        ok(
          await office.kiosk.command('visit:check_in', {
            arrival: { kind: 'walk_in', adults: 1, children: 0 },
            language: 'ti',
            interpreterLanguage: null,
            consent: false,
          }),
        ).visitId,
      );
    const desks = [office.desks['mv-1'], office.desks['mv-2']];
    const called: string[] = [];
    for (let round = 0; round < 10; round++) {
      const acks = await Promise.all(desks.map((d) => d.command('queue:call_next', {})));
      for (const [i, ack] of acks.entries()) {
        const { visitId } = ok(ack);
        called.push(visitId);
        ok(await desks[i]!.command('visit:start', { visitId }));
        ok(await desks[i]!.command('visit:hand_over', { visitId, to: { kind: 'next' }, outcome: 'done' }));
      }
    }
    expect(called).toHaveLength(20);
    expect(new Set(called).size).toBe(20);
    expect(new Set(called)).toEqual(ids);
  });
});
