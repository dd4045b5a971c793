import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { NoticeCode } from '../../../shared/protocol.js';
import type { DeviceInfo } from '../../../shared/protocol.js';
import type { RegionDeviceInfo } from '../../../shared/region.js';

export type Connection = 'connecting' | 'online' | 'reconnecting' | 'unauthorized' | 'revoked';

export interface SessionState {
  readonly connection: Connection;
  readonly device: DeviceInfo | RegionDeviceInfo | null;
  /** server time − local time, so that waits shown agree across screens. */
  readonly clockOffset: number;
  /** The server cannot write its database: commands are refused until it can again. */
  readonly storageDown: boolean;
}

export const sessionStore = createStore<SessionState>()(() => ({
  connection: 'connecting',
  device: null,
  clockOffset: 0,
  storageDown: false,
}));

export const useSession = <T>(selector: (s: SessionState) => T): T => useStore(sessionStore, selector);

export const sessionActions = {
  setConnection(connection: Connection): void {
    sessionStore.setState({ connection });
  },
  ready(device: DeviceInfo | RegionDeviceInfo, serverTime: number): void {
    sessionStore.setState({ device, clockOffset: serverTime - Date.now(), connection: 'online' });
  },
  syncClock(serverTime: number): void {
    sessionStore.setState({ clockOffset: serverTime - Date.now() });
  },
  notice(code: NoticeCode): void {
    if (code === 'device_revoked') sessionStore.setState({ connection: 'revoked' });
    else sessionStore.setState({ storageDown: code === 'storage_unavailable' });
  },
};

/** The office server's time now. */
export function serverNow(): number {
  return Date.now() + sessionStore.getState().clockOffset;
}
