import type { DesktopAppInfo } from '../../shared/desktop.js';
import { deleteConfig, loadConfig, saveConfig, type DeviceConfig } from './config.js';
import type { Host, HostWindow } from './host.js';
import type { Audience } from './ipc/channels.js';
import type { Handlers } from './ipc/router.js';
import type {
  AdminInfo,
  AdminResult,
  AdminStatus,
  AdminUnlock,
  SetupRequest,
  SetupResult,
  SetupState,
} from './local-api.js';
import { parsePairingInput, redeemPairing } from './pairing.js';
import { checkNewPin, hashPin, PinGate } from './pin.js';
import { printTicket, type PrintResult } from './printing.js';
import { isServerReady, Reconnector } from './reconnect.js';
import { healthUrl, LOCAL_ORIGIN, localPageUrl, originOf, screenUrl, type DesktopRole } from './urls.js';
import { windowSpecFor, type MenuAction, type WindowKind } from './windows.js';

type View = 'setup' | 'screen' | 'offline' | 'admin';

/** Unattended screens stand in public: their settings are behind the admin PIN. */
function needsPin(role: DesktopRole): boolean {
  return role === 'kiosk' || role === 'display';
}

export interface ShellOptions {
  readonly configFile: string;
  /** An unpackaged app (development) offers the developer tools in a desk's menu. */
  readonly devTools: boolean;
  readonly now?: () => number;
}

/**
 * The desktop app's behaviour: one window at a time, showing setup, the role's screen, the
 * "Reconnecting…" page or the admin page, and the operations the IPC handlers expose.
 * Electron stays behind `Host`, so all of this runs in unit tests.
 */
export class Shell {
  private config: DeviceConfig | null = null;
  private window: HostWindow | null = null;
  private view: View = 'setup';
  private setupNotice: string | null = null;
  private adminUnlocked = false;
  private pairing = false;
  private quitting = false;
  private readonly pinGate: PinGate;
  private readonly reconnector: Reconnector;

  constructor(
    private readonly host: Host,
    private readonly options: ShellOptions,
  ) {
    this.pinGate = new PinGate(options.now ?? Date.now);
    this.reconnector = new Reconnector({
      probe: () => this.probe(),
      onRecovered: () => this.showScreen(),
      timers: host.timers,
    });
  }

  start(): void {
    const loaded = loadConfig(this.options.configFile);
    if (loaded.kind === 'ok') {
      this.config = loaded.config;
      this.applyStartAtLogin();
      this.openRoleWindow();
      return;
    }
    if (loaded.kind === 'invalid') this.host.log(loaded.message);
    this.setupNotice = loaded.kind === 'invalid' ? loaded.message : null;
    this.openWindow('setup', localPageUrl('setup'));
  }

  /** The origin IPC callers of an audience must come from. */
  expectedOrigin(audience: Audience): string | null {
    return audience === 'local' ? LOCAL_ORIGIN : (this.config?.serverUrl ?? null);
  }

  /** Pages may navigate within this origin only (null: nowhere). */
  serverOrigin(): string | null {
    return this.config?.serverUrl ?? null;
  }

  currentView(): View {
    return this.view;
  }

  focus(): void {
    this.window?.focus();
  }

  beforeQuit(): void {
    this.quitting = true;
    this.reconnector.stop();
  }

  /** The IPC handlers, one per channel (ipc/channels.ts). */
  handlers(): Handlers {
    return {
      'device:token': () => this.config?.token ?? null,
      'device:print-ticket': () => this.printTicket(),
      'device:app-info': () => this.appInfo(),
      'setup:state': () => this.setupState(),
      'setup:pair': (request) => this.pair(request),
      'admin:status': () => this.adminStatus(),
      'admin:unlock': (pin) => this.unlock(pin),
      'admin:set-printer': (name) => this.updateConfig({ printerName: name }),
      'admin:set-start-at-login': (enabled) => this.updateConfig({ startAtLogin: enabled }),
      'admin:reset': () => this.resetPairing(),
      'admin:quit': () => this.quitFromAdmin(),
      'admin:close': () => this.closeAdmin(),
    };
  }

  appInfo(): DesktopAppInfo {
    return {
      version: this.host.version,
      platform: this.host.platform,
      role: this.config?.device.role ?? null,
      serverUrl: this.config?.serverUrl ?? null,
    };
  }

  async printTicket(): Promise<PrintResult> {
    if (!this.config || !this.window || this.view !== 'screen')
      return { ok: false, reason: 'There is no ticket page to print.' };
    return printTicket(this.window, this.config.printerName);
  }

  setupState(): SetupState {
    return { notice: this.setupNotice };
  }

  async pair(request: SetupRequest): Promise<SetupResult> {
    if (this.view !== 'setup' || this.config !== null)
      return { ok: false, field: null, message: 'This device is already paired.' };
    if (this.pairing) return { ok: false, field: null, message: 'Pairing is already under way.' };
    const pinProblem = checkNewPin(request.pin, request.pinRepeat);
    if (pinProblem) return { ok: false, field: 'pin', message: pinProblem };
    const target = parsePairingInput(request.server, request.code);
    if (!target.ok) return target;
    this.pairing = true;
    try {
      const paired = await redeemPairing((url, init) => this.host.fetch(url, init), target);
      if (!paired.ok) return { ok: false, field: null, message: paired.message };
      const config: DeviceConfig = {
        version: 1,
        serverUrl: target.serverOrigin,
        token: paired.token,
        device: paired.device,
        adminPinHash: hashPin(request.pin),
        printerName: null,
        startAtLogin: request.startAtLogin,
      };
      try {
        saveConfig(this.options.configFile, config);
      } catch (error) {
        return {
          ok: false,
          field: null,
          message:
            `The device was paired, but its settings could not be saved in ${this.options.configFile} ` +
            `(${(error as Error).message}). Fix that, then ask the office admin for a new code.`,
        };
      }
      this.config = config;
      this.setupNotice = null;
      this.host.log(`paired as ${config.device.role} "${config.device.name}" with ${config.serverUrl}`);
      this.applyStartAtLogin();
      // Let the setup page show the answer before its window gives way to the screen's.
      this.host.timers.setTimeout(() => this.openRoleWindow(), 800);
      return { ok: true, role: config.device.role, name: config.device.name };
    } finally {
      this.pairing = false;
    }
  }

  /** From the admin key chord or a desk's menu: the settings page, in the same window. */
  openAdmin(): void {
    if (!this.config || !this.window || this.view === 'admin' || this.view === 'setup') return;
    this.reconnector.stop();
    this.adminUnlocked = !needsPin(this.config.device.role);
    this.view = 'admin';
    void this.window.load(localPageUrl('admin'));
  }

  async adminStatus(): Promise<AdminStatus> {
    if (this.adminProblem() !== null) return { locked: true };
    return { locked: false, info: await this.adminInfo() };
  }

  async unlock(pin: string): Promise<AdminUnlock> {
    if (this.view !== 'admin' || !this.config) return { ok: false, message: 'The settings are not open.' };
    if (!this.adminUnlocked) {
      const attempt = this.pinGate.attempt(pin, this.config.adminPinHash);
      if (!attempt.ok) {
        this.host.log('admin settings: wrong PIN');
        return attempt;
      }
      this.adminUnlocked = true;
    }
    return { ok: true, info: await this.adminInfo() };
  }

  async resetPairing(): Promise<AdminResult> {
    const problem = this.adminProblem();
    if (problem !== null || !this.config) return { ok: false, message: problem ?? 'Not paired.' };
    const origin = this.config.serverUrl;
    deleteConfig(this.options.configFile);
    this.config = null;
    this.adminUnlocked = false;
    this.host.log(`pairing with ${origin} reset`);
    this.safely(() => this.host.setStartAtLogin(false));
    await this.host.clearSiteData(origin).catch((error: unknown) => {
      this.host.log(`could not clear the data of ${origin}: ${(error as Error).message}`);
    });
    this.host.timers.setTimeout(() => this.openWindow('setup', localPageUrl('setup')), 300);
    return { ok: true };
  }

  closeAdmin(): AdminResult {
    if (this.view !== 'admin') return { ok: true };
    this.adminUnlocked = false;
    this.showScreen();
    return { ok: true };
  }

  private quitFromAdmin(): AdminResult {
    const problem = this.adminProblem();
    if (problem !== null) return { ok: false, message: problem };
    this.quit();
    return { ok: true };
  }

  private quit(): void {
    this.beforeQuit();
    this.host.timers.setTimeout(() => this.host.quit(), 0);
  }

  private adminProblem(): string | null {
    if (this.view !== 'admin' || !this.config) return 'The settings are not open.';
    if (!this.adminUnlocked) return 'Enter the admin PIN first.';
    return null;
  }

  private async adminInfo(): Promise<AdminInfo> {
    const config = this.config!;
    const printers = await (this.window?.printers() ?? Promise.resolve([])).catch(() => []);
    return {
      role: config.device.role,
      name: config.device.name,
      serverUrl: config.serverUrl,
      version: this.host.version,
      printerName: config.printerName,
      printers: printers.map((p) => p.name),
      startAtLogin: config.startAtLogin,
    };
  }

  private updateConfig(change: Partial<Pick<DeviceConfig, 'printerName' | 'startAtLogin'>>): AdminResult {
    const problem = this.adminProblem();
    if (problem !== null || !this.config) return { ok: false, message: problem ?? 'Not paired.' };
    const next = { ...this.config, ...change };
    try {
      saveConfig(this.options.configFile, next);
    } catch (error) {
      return { ok: false, message: `Could not save the settings: ${(error as Error).message}` };
    }
    this.config = next;
    if ('startAtLogin' in change) this.applyStartAtLogin();
    return { ok: true };
  }

  private applyStartAtLogin(): void {
    const enabled = this.config?.startAtLogin ?? false;
    this.safely(() => this.host.setStartAtLogin(enabled));
  }

  private openRoleWindow(): void {
    if (!this.config) return;
    this.openWindow(this.config.device.role, screenUrl(this.config.serverUrl, this.config.device.role));
  }

  private openWindow(kind: WindowKind, url: string): void {
    this.reconnector.stop();
    this.view = kind === 'setup' ? 'setup' : 'screen';
    const spec = windowSpecFor(kind, { devTools: this.options.devTools });
    const previous = this.window;
    const window = this.host.createWindow(spec);
    this.window = window;
    const current = () => this.window === window;
    window.onLoadFailed((failure) => {
      if (current() && this.view === 'screen') this.goOffline(`${failure.description} (${failure.code})`);
    });
    window.onNavigated((navigated, status) => {
      if (current() && this.view === 'screen' && status >= 500 && originOf(navigated) === this.serverOrigin())
        this.goOffline(`the server answered ${status}`);
    });
    window.onRendererGone((reason) => {
      this.host.log(`the page stopped (${reason})`);
      if (!current()) return;
      if (this.view === 'screen' || this.view === 'offline') this.goOffline(`the page stopped (${reason})`);
      else void window.load(localPageUrl(this.view));
    });
    window.onAdminShortcut(() => {
      if (current()) this.openAdmin();
    });
    window.onMenuAction((action) => {
      if (current()) this.onMenuAction(action);
    });
    window.onCloseRequested(() => !spec.guardClose || this.quitting);
    // A kiosk that refused to close would hold up the computer's shutdown.
    window.onSessionEnd(() => this.beforeQuit());
    void window.load(url);
    previous?.destroy();
  }

  private onMenuAction(action: MenuAction): void {
    if (action === 'settings') this.openAdmin();
    else if (action === 'quit') this.quit();
    else if (this.view === 'screen') this.showScreen();
  }

  private goOffline(reason: string): void {
    if (!this.config || !this.window || this.view === 'offline') return;
    this.view = 'offline';
    this.host.log(`cannot show ${this.config.serverUrl}: ${reason}`);
    void this.window.load(localPageUrl('offline', { server: this.config.serverUrl, reason }));
    this.reconnector.start();
  }

  private showScreen(): void {
    if (!this.config || !this.window) return;
    this.view = 'screen';
    void this.window.load(screenUrl(this.config.serverUrl, this.config.device.role));
  }

  private async probe(): Promise<boolean> {
    if (!this.config) return false;
    try {
      const response = await this.host.fetch(healthUrl(this.config.serverUrl), {
        signal: AbortSignal.timeout(5_000),
      });
      return await isServerReady(response);
    } catch {
      return false;
    }
  }

  private safely(action: () => void): void {
    try {
      action();
    } catch (error) {
      this.host.log(`start at login: ${(error as Error).message}`);
    }
  }
}
