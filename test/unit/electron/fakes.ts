import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Host, HostWindow } from '../../../electron/src/host.js';
import type { PrintOptions, PrinterSummary } from '../../../electron/src/printing.js';
import type { Timers } from '../../../electron/src/reconnect.js';
import type { MenuAction, WindowSpec } from '../../../electron/src/windows.js';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'motesplats-desktop-'));
}

/** Timers that run only when the test says so. */
export class ManualTimers implements Timers {
  private next = 1;
  readonly pending = new Map<number, { callback: () => void; ms: number }>();

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { callback, ms });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** Runs every timer due now (not the ones they schedule), then lets promises settle. */
  async runAll(): Promise<void> {
    const due = [...this.pending.entries()];
    this.pending.clear();
    for (const [, timer] of due) timer.callback();
    await settle();
  }
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A window that records what the shell asks of it and lets the test play Chromium. */
export class FakeWindow implements HostWindow {
  readonly loads: string[] = [];
  destroyed = false;
  focused = 0;
  printed: PrintOptions[] = [];
  printerList: PrinterSummary[] = [];
  printAnswer = { success: true, failureReason: '' };
  private loadFailed: ((failure: { code: number; description: string; url: string }) => void)[] = [];
  private navigated: ((url: string, status: number) => void)[] = [];
  private gone: ((reason: string) => void)[] = [];
  private adminShortcut: (() => void)[] = [];
  private menu: ((action: MenuAction) => void)[] = [];
  private close: (() => boolean)[] = [];
  private sessionEnd: (() => void)[] = [];

  constructor(readonly spec: WindowSpec) {}

  async load(url: string): Promise<void> {
    this.loads.push(url);
  }
  currentUrl(): string {
    return this.loads.at(-1) ?? '';
  }
  onLoadFailed(listener: (failure: { code: number; description: string; url: string }) => void): void {
    this.loadFailed.push(listener);
  }
  onNavigated(listener: (url: string, status: number) => void): void {
    this.navigated.push(listener);
  }
  onRendererGone(listener: (reason: string) => void): void {
    this.gone.push(listener);
  }
  onAdminShortcut(listener: () => void): void {
    this.adminShortcut.push(listener);
  }
  onMenuAction(listener: (action: MenuAction) => void): void {
    this.menu.push(listener);
  }
  onCloseRequested(listener: () => boolean): void {
    this.close.push(listener);
  }
  onSessionEnd(listener: () => void): void {
    this.sessionEnd.push(listener);
  }
  async printers(): Promise<readonly PrinterSummary[]> {
    return this.printerList;
  }
  async print(options: PrintOptions): Promise<{ success: boolean; failureReason: string }> {
    this.printed.push(options);
    return this.printAnswer;
  }
  focus(): void {
    this.focused += 1;
  }
  destroy(): void {
    this.destroyed = true;
  }

  failLoad(code = -102, description = 'ERR_CONNECTION_REFUSED'): void {
    for (const listener of this.loadFailed) listener({ code, description, url: this.currentUrl() });
  }
  finishNavigation(url: string, status: number): void {
    for (const listener of this.navigated) listener(url, status);
  }
  crash(reason = 'crashed'): void {
    for (const listener of this.gone) listener(reason);
  }
  pressAdminShortcut(): void {
    for (const listener of this.adminShortcut) listener();
  }
  chooseMenu(action: MenuAction): void {
    for (const listener of this.menu) listener(action);
  }
  endSession(): void {
    for (const listener of this.sessionEnd) listener();
  }
  /** What closing the window (Alt+F4, the close button) would do: true if it may close. */
  requestClose(): boolean {
    return this.close.every((listener) => listener());
  }
}

export type FetchCall = { url: string; init: RequestInit };

export class FakeHost implements Host {
  readonly version = '9.9.9';
  readonly platform = 'linux';
  readonly timers = new ManualTimers();
  readonly windows: FakeWindow[] = [];
  readonly fetches: FetchCall[] = [];
  readonly logs: string[] = [];
  readonly cleared: string[] = [];
  startAtLogin: boolean | null = null;
  quitCalls = 0;
  respond: (call: FetchCall) => Promise<Response> = async () => {
    throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
  };

  get window(): FakeWindow {
    const window = this.windows.at(-1);
    if (!window) throw new Error('no window was opened');
    return window;
  }

  createWindow(spec: WindowSpec): HostWindow {
    const window = new FakeWindow(spec);
    this.windows.push(window);
    return window;
  }
  fetch(url: string, init: RequestInit): Promise<Response> {
    const call = { url, init };
    this.fetches.push(call);
    return this.respond(call);
  }
  async clearSiteData(origin: string): Promise<void> {
    this.cleared.push(origin);
  }
  setStartAtLogin(enabled: boolean): void {
    this.startAtLogin = enabled;
  }
  quit(): void {
    this.quitCalls += 1;
  }
  log(message: string): void {
    this.logs.push(message);
  }
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

export const TOKEN = 'tok_0123456789abcdefghijklmnopqrstuvwxyzABCD';
