import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../../shared/commands.js';
import { LONG, scaled, testSeed } from '../../helpers/long.js';
import { answersSeen, officeCommands } from '../../helpers/modelCommands.js';
import {
  DomainOffice,
  FIRST_OFFICERS,
  makeOfficeTemplate,
  ServerOffice,
  type OfficeTemplate,
} from '../../helpers/modelSystems.js';
import { QueueModel } from '../../helpers/queueModel.js';

/** The normal run's sample, or MOTESPLATS_SEED's. */
const fixedSeed = () => (process.env.MOTESPLATS_SEED ? testSeed() : 20261203);

/**
 * Random sequences of every command of the protocol, across all eight desks, reception, the
 * kiosk and the admin, checked step by step against a simple model of the queues (queueModel.ts):
 * the answer (accepted, or refused with which code), who waits where in which order, who is at
 * which desk, and what each staff screen holds. Restarts fall in the middle of the sequences.
 */
describe('the office against a model of its queues', () => {
  it('the pure domain: every answer and every queue as the model says, and the log rebuilds the state', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.commands(officeCommands({ restarts: true }), { maxCommands: 80, size: 'max' }),
        async (commands) => {
          const office = await DomainOffice.open();
          await fc.asyncModelRun(
            () => ({ model: new QueueModel(office.now(), FIRST_OFFICERS), real: office }),
            commands,
          );
        },
      ),
      // The normal run is one fixed sample, so that whether it reaches every corner below does
      // not change from run to run; the long run explores new ones (MOTESPLATS_SEED repeats one).
      { numRuns: scaled(200, 3000), seed: LONG ? testSeed() : fixedSeed() },
    );
    // The sequences reach every corner of a journey, not only refusals.
    for (const answer of [
      'queue:call_next → ok',
      'queue:call_next → DESK_BUSY',
      'visit:recall → ok',
      'visit:recall → RECALL_TOO_SOON',
      'visit:no_show → ok',
      'visit:reinstate → ok',
      'visit:hand_over → ok',
      'visit:hand_over → CONSENT_REQUIRED',
      'visit:complete_step → ok',
      'visit:complete → ok',
      'visit:complete → JOURNEY_NOT_FINISHED',
      'visit:skip_step → ok',
      'visit:restore_step → ok',
      'visit:set_household → ok',
      'visit:check_in → ALREADY_CHECKED_IN',
      'interpreter:attach → ok',
      'interpreter:release → ok',
      'desk:sign_out → DESK_BUSY',
    ])
      expect(answersSeen, answer).toContain(answer);
    // And every command of the protocol was in the sequences.
    for (const name of COMMAND_NAMES)
      expect(
        [...answersSeen].some((a) => a.startsWith(`${name} →`)),
        name,
      ).toBe(true);
  });

  describe('the real server over sockets, restarted in the middle', () => {
    let template: OfficeTemplate;
    beforeAll(async () => {
      template = await makeOfficeTemplate();
    });
    afterAll(() => template.cleanup());

    it(
      'agrees with the model after every command, across restarts; staff screens hold the same state',
      async () => {
        answersSeen.clear();
        await fc.assert(
          fc.asyncProperty(
            fc.commands(officeCommands({ restarts: true }), { maxCommands: 60, size: 'max' }),
            async (commands) => {
              const office = await ServerOffice.open(template);
              try {
                await fc.asyncModelRun(
                  () => ({ model: new QueueModel(office.now(), FIRST_OFFICERS), real: office }),
                  commands,
                );
              } finally {
                await office.dispose();
              }
            },
          ),
          { numRuns: scaled(20, 250) },
        );
        expect(answersSeen).toContain('restart');
        expect(answersSeen).toContain('visit:hand_over → ok');
      },
      scaled(90_000, 1_800_000),
    );
  });
});
