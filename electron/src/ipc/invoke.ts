import type { Args, Channel, Result } from './channels.js';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
}

/** The preload's one way to call the main process: typed by the channel map. */
export function createInvoker(ipc: IpcRendererLike) {
  return <C extends Channel>(channel: C, ...args: Args<C>): Promise<Result<C>> =>
    ipc.invoke(channel, ...args) as Promise<Result<C>>;
}
