import type { DesktopAppInfo } from '../../../shared/desktop.js';
import type {
  AdminResult,
  AdminStatus,
  AdminUnlock,
  SetupRequest,
  SetupResult,
  SetupState,
} from '../local-api.js';
import type { PrintResult } from '../printing.js';

/**
 * Every IPC channel, its arguments and its answer, and who may call it: `server` — the office
 * server's screens (the DesktopApi); `local` — the app's own setup and admin pages.
 */
export interface Channels {
  'device:token': { args: []; result: string | null };
  'device:print-ticket': { args: []; result: PrintResult };
  'device:app-info': { args: []; result: DesktopAppInfo };
  'setup:state': { args: []; result: SetupState };
  'setup:pair': { args: [request: SetupRequest]; result: SetupResult };
  'admin:status': { args: []; result: AdminStatus };
  'admin:unlock': { args: [pin: string]; result: AdminUnlock };
  'admin:set-printer': { args: [name: string | null]; result: AdminResult };
  'admin:set-start-at-login': { args: [enabled: boolean]; result: AdminResult };
  'admin:reset': { args: []; result: AdminResult };
  'admin:quit': { args: []; result: AdminResult };
  'admin:close': { args: []; result: AdminResult };
}

export type Channel = keyof Channels;
export type Audience = 'server' | 'local';

export const CHANNEL_AUDIENCE: Readonly<Record<Channel, Audience>> = {
  'device:token': 'server',
  'device:print-ticket': 'server',
  'device:app-info': 'server',
  'setup:state': 'local',
  'setup:pair': 'local',
  'admin:status': 'local',
  'admin:unlock': 'local',
  'admin:set-printer': 'local',
  'admin:set-start-at-login': 'local',
  'admin:reset': 'local',
  'admin:quit': 'local',
  'admin:close': 'local',
};

export type Args<C extends Channel> = Channels[C]['args'];
export type Result<C extends Channel> = Channels[C]['result'];
