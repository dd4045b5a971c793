import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { CommandInput, CommandName } from '../../../shared/commands.js';
import type {
  AckResult,
  CommandResult,
  QueryName,
  QueryPayload,
  QueryResults,
} from '../../../shared/protocol.js';

/**
 * One socket for the orchestrator's own set-up work (signing officers in, checking households
 * in, asking for statistics): not part of what is measured, so plain and closed-loop.
 */
export class OfficeConnection {
  private constructor(private readonly socket: Socket) {}

  static async open(url: string, auth: Record<string, unknown>): Promise<OfficeConnection> {
    const socket = io(url, { transports: ['websocket'], auth, forceNew: true, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('session:ready', () => resolve());
      socket.once('status:view', () => resolve());
      socket.once('connect_error', (error) => reject(error));
    });
    return new OfficeConnection(socket);
  }

  async command<N extends CommandName>(
    name: N,
    payload: Omit<CommandInput<N>, 'commandId'>,
  ): Promise<CommandResult<N>> {
    const ack = (await this.socket
      .timeout(30_000)
      .emitWithAck(name, { commandId: randomUUID(), ...payload })) as AckResult<CommandResult<N>>;
    if (!ack.ok) throw new Error(`${name} refused: ${ack.error.code} (${ack.error.message})`);
    return ack.value;
  }

  async query<Q extends QueryName>(name: Q, payload: QueryPayload<Q>): Promise<QueryResults[Q]> {
    const ack = (await this.socket.timeout(120_000).emitWithAck(name, payload)) as AckResult<QueryResults[Q]>;
    if (!ack.ok) throw new Error(`${name} refused: ${ack.error.code} (${ack.error.message})`);
    return ack.value;
  }

  close(): void {
    this.socket.disconnect();
  }
}
