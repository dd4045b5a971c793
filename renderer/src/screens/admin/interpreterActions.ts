import { send } from '../../net/socket.js';
import { outcome, type Outcome } from './outcome.js';

/** Today's interpreters live in the office state: these commands change it, and every screen sees it. */
export const interpreterActions = {
  async add(input: { language: string; mode: 'onsite' | 'phone'; name: string }): Promise<Outcome<unknown>> {
    return outcome(await send('interpreter:add', input));
  },
  async remove(interpreterId: string): Promise<Outcome<unknown>> {
    return outcome(await send('interpreter:remove', { interpreterId }));
  },
};
