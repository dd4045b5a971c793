import { z } from 'zod';
import { isTrustedSender, type SenderFrame } from '../guards.js';
import { CHANNEL_AUDIENCE, type Args, type Audience, type Channel, type Result } from './channels.js';

/** The arguments each channel accepts: the renderer is not trusted to send what its types say. */
const SetupRequestSchema = z.strictObject({
  server: z.string().max(2000),
  code: z.string().max(2000),
  pin: z.string().max(64),
  pinRepeat: z.string().max(64),
  startAtLogin: z.boolean(),
});

const ARGS: { readonly [C in Channel]: z.ZodType<Args<C>> } = {
  'device:token': z.tuple([]),
  'device:print-ticket': z.tuple([]),
  'device:app-info': z.tuple([]),
  'setup:state': z.tuple([]),
  'setup:pair': z.tuple([SetupRequestSchema]),
  'admin:status': z.tuple([]),
  'admin:unlock': z.tuple([z.string().max(64)]),
  'admin:set-printer': z.tuple([z.string().min(1).max(200).nullable()]),
  'admin:set-start-at-login': z.tuple([z.boolean()]),
  'admin:reset': z.tuple([]),
  'admin:quit': z.tuple([]),
  'admin:close': z.tuple([]),
};

export type Handlers = {
  readonly [C in Channel]: (...args: Args<C>) => Result<C> | Promise<Result<C>>;
};

/** The part of an `IpcMainInvokeEvent` the router reads. */
export interface InvokeEvent {
  readonly senderFrame: SenderFrame | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown): void;
}

export class IpcRefusal extends Error {
  override readonly name = 'IpcRefusal';
}

/**
 * The only place that registers IPC handlers. Each call is answered only when it comes from the
 * top frame of the channel's audience (the office server's origin, or the app's own pages) and
 * its arguments pass the channel's schema; anything else is refused and logged.
 */
export function registerIpcHandlers(
  ipc: IpcMainLike,
  handlers: Handlers,
  expectedOrigin: (audience: Audience) => string | null,
  log: (message: string) => void = () => {},
): void {
  for (const channel of Object.keys(CHANNEL_AUDIENCE) as Channel[]) {
    ipc.handle(channel, (event, ...raw) => {
      const audience = CHANNEL_AUDIENCE[channel];
      if (!isTrustedSender(event.senderFrame, expectedOrigin(audience))) {
        log(`IPC ${channel} refused: sender ${event.senderFrame?.origin ?? 'unknown'} is not trusted`);
        throw new IpcRefusal(`${channel}: not allowed from this page`);
      }
      const args = ARGS[channel].safeParse(raw);
      if (!args.success) {
        log(`IPC ${channel} refused: invalid arguments`);
        throw new IpcRefusal(`${channel}: invalid arguments`);
      }
      const handler = handlers[channel] as (...args: unknown[]) => unknown;
      return handler(...(args.data as unknown[]));
    });
  }
}
