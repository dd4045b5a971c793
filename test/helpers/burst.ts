import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestClient } from './client.js';
import type { Acked } from './ledger.js';
import { untilAnswered } from './retry.js';
import type { Rng } from './rng.js';

/**
 * The crash rounds' burst: kiosks checking in and desks serving, each command sent until it is
 * answered (through kills and restarts) with its own id, as the screens do; what was acked is
 * kept in `acked` for the ledger (ledger.ts).
 */
export function burstCommands(r: Rng) {
  const acked: (Acked & { client: TestClient })[] = [];
  const send = async (client: TestClient, name: string, fields: Record<string, unknown>) => {
    const payload = { commandId: randomUUID(), ...fields };
    const ack = await untilAnswered(client, name, payload);
    if (ack.ok) acked.push({ client, name, payload, ack });
    return ack;
  };
  const checkIns = (kiosk: TestClient, n: number) => async () => {
    for (let i = 0; i < n; i++) {
      const ack = await send(kiosk, 'visit:check_in', {
        arrival: { kind: 'walk_in', adults: 1 + r.int(0, 2), children: r.int(0, 3) },
        language: r.pick(['ar', 'fa', 'ti', 'so', 'uk'] as const),
        interpreterLanguage: null,
        consent: r.chance(0.5),
      });
      expect(ack).toMatchObject({ ok: true });
    }
  };
  const serve =
    (desk: TestClient, n: number, finish: 'visit:hand_over' | 'visit:complete_step') => async () => {
      for (let i = 0; i < n; i++) {
        const called = await send(desk, 'queue:call_next', {});
        if (!called.ok) {
          expect(called.error.code).toBe('QUEUE_EMPTY');
          continue;
        }
        const { visitId } = called.value as { visitId: string };
        // The whole ack, so that a refusal says which it was.
        expect(await send(desk, 'visit:start', { visitId })).toMatchObject({ ok: true });
        const end = finish === 'visit:hand_over' ? { to: { kind: 'next' } } : {};
        expect(await send(desk, finish, { visitId, outcome: 'done', ...end })).toMatchObject({ ok: true });
      }
    };
  return { acked, send, checkIns, serve };
}
