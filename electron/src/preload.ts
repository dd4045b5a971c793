import { contextBridge, ipcRenderer } from 'electron';
import type { DesktopApi } from '../../shared/desktop.js';
import { createInvoker } from './ipc/invoke.js';
import type { LocalApi } from './local-api.js';
import { LOCAL_ORIGIN } from './urls.js';

/**
 * The whole bridge between pages and the main process. The office server's screens get the
 * DesktopApi; the app's own pages get the setup/admin API; nothing else gets anything, and the
 * main process checks every call's sender again. Bundled to one CommonJS file: a sandboxed
 * preload can require nothing but `electron`.
 */
const invoke = createInvoker(ipcRenderer);

/** The page's location (the preload runs beside the page; this project's main has no DOM types). */
declare const location: { readonly protocol: string; readonly origin: string };

if (location.protocol === 'http:' || location.protocol === 'https:') {
  const desktop = {
    deviceToken: () => invoke('device:token'),
    printTicket: () => invoke('device:print-ticket'),
    appInfo: () => invoke('device:app-info'),
  } satisfies DesktopApi;
  contextBridge.exposeInMainWorld('motesplats', desktop);
} else if (location.origin === LOCAL_ORIGIN) {
  const local = {
    setupState: () => invoke('setup:state'),
    pair: (request) => invoke('setup:pair', request),
    adminStatus: () => invoke('admin:status'),
    unlock: (pin) => invoke('admin:unlock', pin),
    setPrinter: (name) => invoke('admin:set-printer', name),
    setStartAtLogin: (enabled) => invoke('admin:set-start-at-login', enabled),
    resetPairing: () => invoke('admin:reset'),
    quit: () => invoke('admin:quit'),
    closeAdmin: () => invoke('admin:close'),
  } satisfies LocalApi;
  contextBridge.exposeInMainWorld('motesplatsLocal', local);
}
