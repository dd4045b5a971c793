import { OfficeConnection } from './connection.js';
import type { Visitor } from './setup.js';

/**
 * Gives every desk households of its own: those of the first station wait there, the others are
 * handed over to the desk by name, so that desks can call them back to back without ever
 * getting in each other's way.
 */
export async function householdsPerDesk(
  url: string,
  mvToken: string,
  desks: readonly string[],
  visitors: readonly Visitor[],
  each: number,
): Promise<Map<string, string[]>> {
  const mv = await OfficeConnection.open(url, { token: mvToken });
  try {
    const own = new Map<string, string[]>();
    let next = 0;
    for (const deskId of desks) {
      const mine = visitors.slice(next, next + each).map((v) => v.visitId);
      next += each;
      own.set(deskId, mine);
      if (deskId.startsWith('mv-')) continue;
      for (const visitId of mine) {
        await mv.command('visit:call', { visitId });
        await mv.command('visit:hand_over', { visitId, to: { kind: 'desk', deskId }, outcome: 'done' });
      }
    }
    return own;
  } finally {
    mv.close();
  }
}
