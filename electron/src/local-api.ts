/**
 * The API the app's own pages (setup, admin) get as `window.motesplatsLocal`. The screens from
 * the server never see it: the preload exposes it only on the app's origin, and the main
 * process checks every call's sender.
 */
export interface SetupRequest {
  /** The server's address, or a whole pairing link. */
  readonly server: string;
  /** The pairing code, or a whole pairing link; may be empty when `server` is a link. */
  readonly code: string;
  readonly pin: string;
  readonly pinRepeat: string;
  readonly startAtLogin: boolean;
}

export type SetupResult =
  | { ok: true; role: string; name: string }
  | { ok: false; field: 'server' | 'code' | 'pin' | null; message: string };

export interface SetupState {
  /** Why setup is shown although the device was paired (a broken settings file), or null. */
  readonly notice: string | null;
}

export interface AdminInfo {
  readonly role: string;
  readonly name: string;
  readonly serverUrl: string;
  readonly version: string;
  readonly printerName: string | null;
  readonly printers: readonly string[];
  readonly startAtLogin: boolean;
}

export type AdminStatus = { locked: true } | { locked: false; info: AdminInfo };
export type AdminUnlock = { ok: true; info: AdminInfo } | { ok: false; message: string };
export type AdminResult = { ok: true } | { ok: false; message: string };

export interface LocalApi {
  setupState(): Promise<SetupState>;
  pair(request: SetupRequest): Promise<SetupResult>;
  adminStatus(): Promise<AdminStatus>;
  unlock(pin: string): Promise<AdminUnlock>;
  setPrinter(name: string | null): Promise<AdminResult>;
  setStartAtLogin(enabled: boolean): Promise<AdminResult>;
  resetPairing(): Promise<AdminResult>;
  quit(): Promise<AdminResult>;
  closeAdmin(): Promise<AdminResult>;
}
