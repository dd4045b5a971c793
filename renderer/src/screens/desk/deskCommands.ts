import type { CommandInput, CommandName } from '../../../../shared/commands.js';
import type { AckResult, CommandResult } from '../../../../shared/protocol.js';
import { send } from '../../net/socket.js';
import { deskActions, deskStore } from './deskStore.js';

/**
 * Sends a desk command and reports its answer on the screen: a refusal in the alert region,
 * a success (when a message is given) in the polite status region. A blocking command holds
 * the action buttons until its answer comes, so that a double click cannot send it twice.
 */
export async function run<N extends CommandName>(
  name: N,
  payload: Omit<CommandInput<N>, 'commandId'>,
  options: {
    done?: (value: CommandResult<N>) => { key: string; values?: Record<string, string> };
    block?: boolean;
  } = {},
): Promise<AckResult<CommandResult<N>>> {
  const block = options.block ?? true;
  if (block) deskActions.begin(name);
  try {
    const ack = await send(name, payload);
    if (!ack.ok) deskActions.fail(ack.error.code);
    else if (options.done) {
      const { key, values } = options.done(ack.value);
      deskActions.done(key, values);
    } else if (deskStore.getState().notice?.kind === 'error') deskActions.clearNotice();
    return ack;
  } finally {
    if (block) deskActions.end();
  }
}
