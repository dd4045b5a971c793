/**
 * The desktop app's preload API, exposed to the screens as `window.motesplats`. The preload's
 * object `satisfies` this type and the screens use it only through this type, so the two sides
 * cannot drift. In a plain browser it is absent and the screens fall back (localStorage for the
 * device token, `window.print()` for tickets).
 */
export interface DesktopApi {
  /** The paired device's token, kept by the app in its user-data folder. */
  deviceToken(): Promise<string | null>;
  /** Prints the current page (the ticket) silently on the configured printer, or with a dialog. */
  printTicket(): Promise<{ ok: true } | { ok: false; reason: string }>;
  appInfo(): Promise<DesktopAppInfo>;
}

export interface DesktopAppInfo {
  readonly version: string;
  readonly platform: string;
  readonly role: string | null;
  readonly serverUrl: string | null;
}
