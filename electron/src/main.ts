import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  net,
  powerSaveBlocker,
  protocol,
  session,
  type MenuItemConstructorOptions,
} from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setLinuxAutostart } from './autostart.js';
import { configFilePath } from './config.js';
import { isAdminShortcut, isAllowedNavigation, isPermissionAllowed, windowOpenDecision } from './guards.js';
import type { Host, HostWindow } from './host.js';
import { registerIpcHandlers } from './ipc/router.js';
import { localResponseHeaders, resolveLocalAsset } from './local-assets.js';
import { Shell } from './shell.js';
import { LOCAL_SCHEME } from './urls.js';
import type { MenuAction, MenuSpec, WindowSpec } from './windows.js';

/**
 * The Electron side of the seam: it turns the shell's decisions (shell.ts) into windows, menus,
 * sessions and IPC, and applies Electron's security checklist to every web contents.
 */

const log = (message: string) => console.log(`[motesplats] ${message}`);

// The app's own pages get a standard, secure origin of their own instead of file:.
protocol.registerSchemesAsPrivileged([
  { scheme: LOCAL_SCHEME, privileges: { standard: true, secure: true } },
]);
app.enableSandbox();

// Tests (and a second profile on one machine) choose the user-data folder.
const userDataDir = app.commandLine.getSwitchValue('user-data-dir');
if (userDataDir) app.setPath('userData', userDataDir);

const ERR_ABORTED = -3;
const HIDE_CURSOR_CSS = '*, *::before, *::after { cursor: none !important; }';

function menuTemplate(menus: readonly MenuSpec[], onAction: (action: MenuAction) => void) {
  return menus.map((menu): MenuItemConstructorOptions => ({
    label: menu.label,
    submenu: menu.items.map((item): MenuItemConstructorOptions => {
      if ('separator' in item) return { type: 'separator' };
      if ('role' in item) return { role: item.role };
      return { label: item.label, accelerator: item.accelerator, click: () => onAction(item.action) };
    }),
  }));
}

function createWindow(spec: WindowSpec): HostWindow {
  const window = new BrowserWindow({
    title: spec.title,
    width: spec.width,
    height: spec.height,
    kiosk: spec.kiosk,
    fullscreen: spec.kiosk,
    autoHideMenuBar: spec.kiosk,
    backgroundColor: '#f5f6f8',
    icon: join(app.getAppPath(), 'icon.png'),
    webPreferences: {
      // The preload is one bundled file that exposes typed IPC calls only (preload.ts).
      preload: join(app.getAppPath(), 'preload.cjs'), // eng-disable PRELOAD_JS_CHECK -- sandboxed, reviewed
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      // Middle-click would open links in new windows (denied anyway by the window-open handler).
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: false,
      devTools: !app.isPackaged,
      autoplayPolicy: spec.autoplayWithoutGesture
        ? 'no-user-gesture-required'
        : 'document-user-activation-required',
    },
  });
  const contents = window.webContents;
  const menuListeners: ((action: MenuAction) => void)[] = [];
  Menu.setApplicationMenu(
    spec.menu
      ? Menu.buildFromTemplate(menuTemplate(spec.menu, (a) => menuListeners.forEach((l) => l(a))))
      : null,
  );
  if (!spec.menu) window.removeMenu();

  let awake: number | null = spec.keepAwake ? powerSaveBlocker.start('prevent-display-sleep') : null;
  window.on('closed', () => {
    if (awake !== null) powerSaveBlocker.stop(awake);
    awake = null;
  });
  contents.on('dom-ready', () => {
    // A constant stylesheet of ours: no page or user input reaches insertCSS.
    if (spec.hideCursor) void contents.insertCSS(HIDE_CURSOR_CSS); // eng-disable DANGEROUS_FUNCTIONS_JS_CHECK -- constant CSS
    if (spec.lockZoom) void contents.setVisualZoomLevelLimits(1, 1);
  });

  return {
    load: (url) => contents.loadURL(url).catch(() => undefined),
    currentUrl: () => contents.getURL(),
    onLoadFailed: (listener) =>
      contents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
        if (isMainFrame && code !== ERR_ABORTED) listener({ code, description, url });
      }),
    onNavigated: (listener) => contents.on('did-navigate', (_event, url, status) => listener(url, status)),
    onRendererGone: (listener) =>
      contents.on('render-process-gone', (_event, details) => {
        if (details.reason !== 'clean-exit') listener(details.reason);
      }),
    onAdminShortcut: (listener) =>
      contents.on('before-input-event', (event, input) => {
        if (!isAdminShortcut(input)) return;
        event.preventDefault();
        listener();
      }),
    onMenuAction: (listener) => menuListeners.push(listener),
    onCloseRequested: (listener) =>
      window.on('close', (event) => {
        if (!listener()) event.preventDefault();
      }),
    onSessionEnd: (listener) => {
      window.on('query-session-end', listener);
      window.on('session-end', listener);
    },
    printers: async () =>
      (await contents.getPrintersAsync()).map((p) => ({ name: p.name, displayName: p.displayName })),
    print: (options) =>
      new Promise((resolve) =>
        contents.print(options, (success, failureReason) => resolve({ success, failureReason })),
      ),
    focus: () => {
      if (window.isMinimized()) window.restore();
      window.focus();
    },
    destroy: () => window.destroy(),
  };
}

const host: Host = {
  version: app.getVersion(),
  platform: process.platform,
  timers: {
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  },
  createWindow,
  fetch: (url, init) => net.fetch(url, init),
  clearSiteData: (origin) => session.defaultSession.clearStorageData({ origin }),
  setStartAtLogin(enabled) {
    // An unpackaged app would register the bare Electron binary.
    if (!app.isPackaged) return;
    if (process.platform === 'linux') setLinuxAutostart(enabled, process.env.APPIMAGE ?? process.execPath);
    else app.setLoginItemSettings({ openAtLogin: enabled });
  },
  quit: () => app.quit(),
  log,
};

const shell = new Shell(host, {
  configFile: configFilePath(app.getPath('userData')),
  devTools: !app.isPackaged,
});

/** Electron's checklist for every web contents the app ever creates, whoever creates it. */
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => windowOpenDecision());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('will-navigate', (event) => {
    if (isAllowedNavigation(event.url, shell.serverOrigin())) return;
    log(`navigation to ${event.url} blocked`);
    event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (isAllowedNavigation(event.url, shell.serverOrigin())) return;
    log(`redirect to ${event.url} blocked`);
    event.preventDefault();
  });
});

function secureSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details.requestingUrl, shell.serverOrigin())),
  );
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, shell.serverOrigin()),
  );
  ses.setDevicePermissionHandler(() => false);
  ses.on('will-download', (event) => event.preventDefault());
  const pagesDir = join(app.getAppPath(), 'pages');
  protocol.handle(LOCAL_SCHEME, async (request) => {
    const asset = resolveLocalAsset(request.url);
    if (!asset || request.method !== 'GET') return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(join(pagesDir, asset.file));
      return new Response(body, { headers: localResponseHeaders(asset.contentType) });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

if (!app.requestSingleInstanceLock()) {
  // One instance per machine: the running one comes to the front instead.
  app.quit();
} else {
  app.on('second-instance', () => shell.focus());
  app.on('before-quit', () => shell.beforeQuit());
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(() => {
    secureSession();
    registerIpcHandlers(ipcMain, shell.handlers(), (audience) => shell.expectedOrigin(audience), log);
    shell.start();
  });
}
