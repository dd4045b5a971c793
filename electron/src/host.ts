import type { PrintOptions, PrinterSummary } from './printing.js';
import type { Timers } from './reconnect.js';
import type { MenuAction, WindowSpec } from './windows.js';

/**
 * The seam between the shell's decisions (shell.ts, plain and unit-tested) and Electron
 * (main.ts). Everything the shell needs from Electron goes through these two interfaces.
 */
export interface HostWindow {
  /** Loads a URL; failures arrive through `onLoadFailed`, so the promise never rejects. */
  load(url: string): Promise<void>;
  currentUrl(): string;
  /** Main-frame load failures other than an aborted load (Chromium's ERR_ABORTED, -3). */
  onLoadFailed(listener: (failure: { code: number; description: string; url: string }) => void): void;
  /** A main-frame navigation finished with this HTTP status (0 for the app's own pages). */
  onNavigated(listener: (url: string, httpStatus: number) => void): void;
  onRendererGone(listener: (reason: string) => void): void;
  onAdminShortcut(listener: () => void): void;
  onMenuAction(listener: (action: MenuAction) => void): void;
  /** The user or the system asks to close the window; return false to keep it open. */
  onCloseRequested(listener: () => boolean): void;
  /** Windows is logging off or shutting down (the app gets no `before-quit` then). */
  onSessionEnd(listener: () => void): void;
  printers(): Promise<readonly PrinterSummary[]>;
  print(options: PrintOptions): Promise<{ success: boolean; failureReason: string }>;
  focus(): void;
  /** Closes at once, whatever `onCloseRequested` says. */
  destroy(): void;
}

export interface Host {
  readonly version: string;
  readonly platform: string;
  readonly timers: Timers;
  createWindow(spec: WindowSpec): HostWindow;
  /** Electron's `net.fetch`: the system's proxy and certificate settings apply. */
  fetch(url: string, init: RequestInit): Promise<Response>;
  /** Clears cookies and storage the screens kept for this origin (after a reset). */
  clearSiteData(origin: string): Promise<void>;
  setStartAtLogin(enabled: boolean): void;
  quit(): void;
  log(message: string): void;
}
