import type { AckResult } from '../../shared/protocol.js';
import type { TestClient } from './client.js';

/** Refusals that say "not now" rather than "no": the screens try again with the same command id. */
const TRY_AGAIN = new Set(['RATE_LIMITED', 'STORAGE_UNAVAILABLE', 'INTERNAL']);

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends a command until the server answers it, through lost connections, timeouts and restarts,
 * always with the same command id, as the screens do: the answer is then the first (and only)
 * effect of the command, or a refusal on its merits.
 */
export async function untilAnswered(
  client: TestClient,
  name: string,
  payload: { commandId: string } & Record<string, unknown>,
  options: { deadlineMs?: number; tryMs?: number } = {},
): Promise<AckResult<unknown>> {
  const deadline = Date.now() + (options.deadlineMs ?? 60_000);
  let last = 'no attempt';
  while (Date.now() < deadline) {
    if (!client.socket.connected) {
      await sleep(20);
      continue;
    }
    try {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the map's emit types are per name
      const ack = (await (client.socket.timeout(options.tryMs ?? 2000) as any).emitWithAck(
        name,
        payload,
      )) as AckResult<unknown>;
      if (ack.ok || !TRY_AGAIN.has(ack.error.code)) return ack;
      last = ack.error.code;
      await sleep(ack.error.code === 'RATE_LIMITED' ? 500 : 50);
    } catch {
      last = 'timeout';
    }
  }
  throw new Error(`${name} ${payload.commandId} was never answered (last: ${last})`);
}
