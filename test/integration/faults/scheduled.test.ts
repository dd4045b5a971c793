import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandName } from '../../../shared/commands.js';
import type { AckResult } from '../../../shared/protocol.js';
import { scaled } from '../../helpers/long.js';
import {
  FIRST_OFFICERS,
  makeOfficeTemplate,
  ServerOffice,
  type ActorKey,
  type OfficeTemplate,
} from '../../helpers/modelSystems.js';
import { QueueModel } from '../../helpers/queueModel.js';

interface Sent {
  readonly actor: ActorKey;
  readonly name: CommandName;
  readonly payload: Record<string, unknown>;
  ack?: AckResult<unknown>;
}

/**
 * Two Migrationsverket desks call next, start and hand over, while the kiosk checks households
 * in, all at once: fast-check's scheduler picks the order in which each request leaves, so the
 * requests of the three sockets cross on the wire in ever different interleavings. Whatever the
 * order the server took them in, the commands it committed, replayed in its own order through
 * the model of the queues, must give exactly its answers: never one visit at two desks, never
 * one called out of turn, never a ticket number twice.
 */
describe('concurrent desks, in the orders a scheduler picks', () => {
  let template: OfficeTemplate;
  beforeAll(async () => {
    template = await makeOfficeTemplate();
  });
  afterAll(() => template.cleanup());

  it(
    'every committed command is what the model says, in the server order; losers get QUEUE_EMPTY',
    async () => {
      let contested = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.scheduler(),
          fc.integer({ min: 0, max: 4 }),
          fc.integer({ min: 1, max: 4 }),
          fc.integer({ min: 0, max: 4 }),
          async (s, waiting, rounds, arrivals) => {
            const office = await ServerOffice.open(template);
            try {
              const model = new QueueModel(office.now(), FIRST_OFFICERS);
              for (let i = 0; i < waiting; i++) {
                const arrival = model.checkInWalkIn(false);
                const ack = await office.send('kiosk', 'visit:check_in', walkIn());
                if (!ack.ok) throw new Error(ack.error.code);
                arrival.commit((ack.value as { visitId: string }).visitId);
              }

              const sent = new Map<string, Sent>();
              const send = async (actor: ActorKey, name: CommandName, payload: Record<string, unknown>) => {
                await s.schedule(Promise.resolve(), `${actor} ${name}`);
                const commandId = randomUUID();
                const record: Sent = { actor, name, payload };
                sent.set(commandId, record);
                record.ack = await office.send(actor, name, { commandId, ...payload });
                return record.ack;
              };
              const desk = async (d: 'mv-1' | 'mv-2') => {
                for (let round = 0; round < rounds; round++) {
                  const called = await send(d, 'queue:call_next', {});
                  if (!called.ok) {
                    expect(called.error.code).toBe('QUEUE_EMPTY');
                    continue;
                  }
                  const { visitId } = called.value as { visitId: string };
                  expect((await send(d, 'visit:start', { visitId })).ok).toBe(true);
                  const handOver = { visitId, to: { kind: 'next' }, outcome: 'done' };
                  expect((await send(d, 'visit:hand_over', handOver)).ok).toBe(true);
                }
              };
              const kiosk = async () => {
                for (let i = 0; i < arrivals; i++)
                  expect((await send('kiosk', 'visit:check_in', walkIn())).ok).toBe(true);
              };
              await s.waitFor(Promise.all([desk('mv-1'), desk('mv-2'), kiosk()]));

              // Replay what the server committed, in its order, through the model.
              const committed = office.committedCommandIds().filter((id) => sent.has(id));
              for (const id of committed) {
                const { actor, name, payload, ack } = sent.get(id)!;
                if (!ack?.ok) throw new Error(`${name} committed but not acked as done`);
                const value = ack.value as { visitId: string; ticket: string };
                const label = `${actor} ${name}`;
                if (name === 'visit:check_in') {
                  const arrival = model.checkInWalkIn(false);
                  expect(value.ticket, label).toBe(arrival.ticket);
                  arrival.commit(value.visitId);
                } else if (name === 'queue:call_next') {
                  const outcome = model.callNext(actor);
                  expect(outcome.ok && outcome.visit?.id, label).toBe(value.visitId);
                } else if (name === 'visit:start') {
                  expect(model.start(actor, payload.visitId as string), label).toEqual({ ok: true });
                } else {
                  const to = { kind: 'next' } as const;
                  expect(model.handOver(actor, payload.visitId as string, to, null), label).toEqual({
                    ok: true,
                  });
                }
              }
              expect(committed).toHaveLength([...sent.values()].filter((c) => c.ack?.ok).length);
              model.now = office.now();
              model.expectAgrees(office.state(), 'after the interleaving');
              await office.settle('after the interleaving');
              const calls = [...sent.values()].filter((c) => c.name === 'queue:call_next');
              if (calls.some((c) => !c.ack?.ok) && calls.some((c) => c.ack?.ok)) contested++;
            } finally {
              await office.dispose();
            }
          },
        ),
        { numRuns: scaled(20, 300) },
      );
      // Some runs had more callers than households: somebody had to lose a race.
      expect(contested).toBeGreaterThan(0);
    },
    scaled(90_000, 1_800_000),
  );
});

function walkIn() {
  return {
    arrival: { kind: 'walk_in', adults: 1, children: 0 },
    language: 'so',
    interpreterLanguage: null,
    consent: false,
  };
}
