import { CommandSchemas } from '../../shared/commands.js';
import { prepareCommand } from '../../server/office/prepare.js';
import { actors } from './domain.js';
import type { TestServer } from './server.js';

/**
 * Checks in `count` walk-in households through the real engine, many at a time so that group
 * commit takes them together (a day of 10 000 visits in seconds, not minutes).
 */
export async function checkInMany(server: TestServer, count: number, prefix = 'crowd'): Promise<void> {
  const { engine } = server.server;
  const CHUNK = 500;
  for (let from = 0; from < count; from += CHUNK) {
    const acks = await Promise.all(
      Array.from({ length: Math.min(CHUNK, count - from) }, async (_, i) => {
        const payload = CommandSchemas['visit:check_in'].parse({
          commandId: `${prefix}-${from + i}-check-in`,
          arrival: { kind: 'walk_in', adults: 1 + (i % 2), children: i % 3 },
          language: 'ar',
          interpreterLanguage: null,
          consent: true,
        });
        const command = await prepareCommand('visit:check_in', payload, engine.state, server.store);
        if (!command.ok) throw new Error(command.error.code);
        return engine.execute(command.value, payload.commandId, actors.kiosk);
      }),
    );
    const refused = acks.find((a) => !a.ok);
    if (refused && !refused.ok) throw new Error(`check-in refused: ${refused.error.code}`);
  }
}
