import { existsSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configFilePath, loadConfig, saveConfig, type DeviceConfig } from '../../../electron/src/config.js';
import { hashPin } from '../../../electron/src/pin.js';
import { Shell } from '../../../electron/src/shell.js';
import { LOCAL_ORIGIN } from '../../../electron/src/urls.js';
import { FakeHost, json, tempDir, TOKEN } from './fakes.js';

const SERVER = 'http://192.168.1.20:8420';
const PAIR_LINK = `${SERVER}/pair?code=K7QM-3XWP`;
const deskDevice = { id: 'dev-1', role: 'desk', name: 'Arbetsförmedlingen 1', deskId: 'af-1' };

function paired(role: DeviceConfig['device']['role'], overrides: Partial<DeviceConfig> = {}): DeviceConfig {
  return {
    version: 1,
    serverUrl: SERVER,
    token: TOKEN,
    device: { id: 'dev-1', role, name: `${role} 1`, deskId: role === 'desk' ? 'af-1' : null },
    adminPinHash: hashPin('2468'),
    printerName: null,
    startAtLogin: false,
    ...overrides,
  };
}

function start(config?: DeviceConfig | string) {
  const host = new FakeHost();
  const configFile = configFilePath(tempDir());
  if (typeof config === 'string') writeFileSync(configFile, config);
  else if (config) saveConfig(configFile, config);
  let now = 0;
  const shell = new Shell(host, { configFile, devTools: false, now: () => now });
  shell.start();
  const handlers = shell.handlers();
  return { host, shell, handlers, configFile, advance: (ms: number) => (now += ms) };
}

const pairRequest = { server: PAIR_LINK, code: '', pin: '2468', pinRepeat: '2468', startAtLogin: true };

describe('first run', () => {
  it('opens the setup page in a normal window', async () => {
    const { host, shell, handlers } = start();
    expect(host.windows).toHaveLength(1);
    expect(host.window.spec).toMatchObject({ kind: 'setup', kiosk: false });
    expect(host.window.loads).toEqual([`${LOCAL_ORIGIN}/setup.html`]);
    expect(await handlers['setup:state']()).toEqual({ notice: null });
    expect(shell.expectedOrigin('server')).toBeNull();
    expect(shell.expectedOrigin('local')).toBe(LOCAL_ORIGIN);
    expect(shell.serverOrigin()).toBeNull();
    expect(await handlers['device:token']()).toBeNull();
  });

  it('says why when the saved settings are broken, and never crashes', async () => {
    const { host, handlers, configFile } = start('{ not json');
    expect(host.window.spec.kind).toBe('setup');
    const state = await handlers['setup:state']();
    expect(state.notice).toContain(configFile);
    expect(state.notice).toMatch(/not valid JSON/);
    expect(host.logs.join('\n')).toMatch(/not valid JSON/);
  });

  it('pairs through the server, saves the settings and opens the role screen', async () => {
    const { host, shell, handlers, configFile } = start();
    host.respond = async ({ url }) =>
      url.endsWith('/api/pair') ? json({ token: TOKEN, device: deskDevice }) : json({}, 404);
    const setupWindow = host.window;

    expect(await handlers['setup:pair'](pairRequest)).toEqual({
      ok: true,
      role: 'desk',
      name: 'Arbetsförmedlingen 1',
    });
    expect(host.fetches.map((f) => f.url)).toEqual([`${SERVER}/api/pair`]);
    const saved = loadConfig(configFile);
    expect(saved).toMatchObject({
      kind: 'ok',
      config: { serverUrl: SERVER, token: TOKEN, device: deskDevice },
    });
    if (saved.kind === 'ok') expect(saved.config.adminPinHash).not.toContain('2468');
    if (process.platform !== 'win32') expect(statSync(configFile).mode & 0o777).toBe(0o600);
    expect(host.startAtLogin).toBe(true);

    await host.timers.runAll();
    expect(setupWindow.destroyed).toBe(true);
    expect(host.window.spec).toMatchObject({ kind: 'desk', kiosk: false });
    expect(host.window.loads).toEqual([`${SERVER}/desk`]);
    expect(shell.expectedOrigin('server')).toBe(SERVER);
    expect(await handlers['device:token']()).toBe(TOKEN);
    expect(await handlers['device:app-info']()).toEqual({
      version: '9.9.9',
      platform: 'linux',
      role: 'desk',
      serverUrl: SERVER,
    });
    expect(await handlers['setup:pair'](pairRequest)).toMatchObject({ ok: false, message: /already paired/ });
  });

  it('checks the PIN and the code before asking the server', async () => {
    const { host, handlers } = start();
    expect(await handlers['setup:pair']({ ...pairRequest, pinRepeat: '1357' })).toMatchObject({
      ok: false,
      field: 'pin',
    });
    expect(await handlers['setup:pair']({ ...pairRequest, pin: '12', pinRepeat: '12' })).toMatchObject({
      ok: false,
      field: 'pin',
    });
    expect(await handlers['setup:pair']({ ...pairRequest, server: 'file:///etc' })).toMatchObject({
      ok: false,
      field: 'server',
    });
    expect(await handlers['setup:pair']({ ...pairRequest, server: SERVER, code: 'nope' })).toMatchObject({
      ok: false,
      field: 'code',
    });
    expect(host.fetches).toEqual([]);
  });

  it('stays on setup and saves nothing when the server refuses', async () => {
    const { host, handlers, configFile } = start();
    host.respond = async () => json({ error: { code: 'UNKNOWN_CODE', message: 'unknown' } }, 404);
    const result = await handlers['setup:pair'](pairRequest);
    expect(result).toMatchObject({ ok: false, field: null, message: expect.stringMatching(/new one/) });
    expect(existsSync(configFile)).toBe(false);
    await host.timers.runAll();
    expect(host.windows).toHaveLength(1);
  });
});

describe('later runs', () => {
  it.each([
    ['kiosk', true],
    ['display', true],
    ['desk', false],
    ['reception', false],
  ] as const)('go straight to the %s screen (kiosk mode: %s)', (role, kiosk) => {
    const { host } = start(paired(role));
    expect(host.windows).toHaveLength(1);
    expect(host.window.spec).toMatchObject({ kind: role, kiosk });
    expect(host.window.loads).toEqual([`${SERVER}/${role}`]);
    expect(host.startAtLogin).toBe(false);
  });

  it('keep a kiosk open until the app quits', () => {
    const { host, shell } = start(paired('kiosk'));
    expect(host.window.requestClose()).toBe(false);
    shell.beforeQuit();
    expect(host.window.requestClose()).toBe(true);
  });

  it('let the computer shut down with a kiosk open', () => {
    const { host } = start(paired('display'));
    host.window.endSession();
    expect(host.window.requestClose()).toBe(true);
  });

  it('let a desk window close', () => {
    expect(start(paired('desk')).host.window.requestClose()).toBe(true);
  });

  it('bring the window to the front when a second instance starts', () => {
    const { host, shell } = start(paired('desk'));
    shell.focus();
    expect(host.window.focused).toBe(1);
  });
});

describe('when the server cannot be reached', () => {
  it('shows "Reconnecting" and returns to the screen on its own', async () => {
    const { host, shell } = start(paired('display'));
    const window = host.window;
    window.failLoad();
    window.failLoad(); // a second failure changes nothing
    expect(shell.currentView()).toBe('offline');
    expect(window.loads).toHaveLength(2);
    const offline = new URL(window.loads[1]!);
    expect(offline.href.startsWith(`${LOCAL_ORIGIN}/offline.html`)).toBe(true);
    expect(offline.searchParams.get('server')).toBe(SERVER);
    expect(offline.searchParams.get('reason')).toMatch(/ERR_CONNECTION_REFUSED/);

    await host.timers.runAll(); // the server is still down
    expect(host.fetches.map((f) => f.url)).toEqual([`${SERVER}/health`]);
    expect(window.loads).toHaveLength(2);

    host.respond = async () => json({ status: 'ok', screens: true });
    await host.timers.runAll();
    expect(window.loads.at(-1)).toBe(`${SERVER}/display`);
    expect(shell.currentView()).toBe('screen');
    expect(host.timers.pending.size).toBe(0);
    expect(host.windows).toHaveLength(1);
  });

  it('treats a server error page as unreachable, but not a normal page', () => {
    const { host, shell } = start(paired('kiosk'));
    host.window.finishNavigation(`${SERVER}/kiosk`, 200);
    expect(shell.currentView()).toBe('screen');
    host.window.finishNavigation(`${SERVER}/kiosk`, 503);
    expect(shell.currentView()).toBe('offline');
  });

  it('recovers from a crashed page the same way', async () => {
    const { host, shell } = start(paired('kiosk'));
    host.window.crash('oom');
    expect(shell.currentView()).toBe('offline');
    host.respond = async () => json({ status: 'ok', screens: true });
    await host.timers.runAll();
    expect(host.window.loads.at(-1)).toBe(`${SERVER}/kiosk`);
  });

  it('ignores failures of a window that was replaced', async () => {
    const { host, shell, handlers } = start();
    host.respond = async () => json({ token: TOKEN, device: deskDevice });
    await handlers['setup:pair'](pairRequest);
    const setupWindow = host.window;
    await host.timers.runAll();
    setupWindow.failLoad();
    expect(shell.currentView()).toBe('screen');
  });
});

describe('printing a ticket', () => {
  it('prints silently to the configured printer', async () => {
    const { host, handlers } = start(paired('kiosk', { printerName: 'EPSON_TM_T20III' }));
    host.window.printerList = [{ name: 'EPSON_TM_T20III', displayName: 'EPSON' }];
    expect(await handlers['device:print-ticket']()).toEqual({ ok: true });
    expect(host.window.printed).toEqual([
      expect.objectContaining({ silent: true, deviceName: 'EPSON_TM_T20III' }),
    ]);
  });

  it('shows the dialog with no printer configured, and names a missing one', async () => {
    const dialog = start(paired('kiosk'));
    expect(await dialog.handlers['device:print-ticket']()).toEqual({ ok: true });
    expect(dialog.host.window.printed).toEqual([expect.objectContaining({ silent: false })]);
    const missing = start(paired('kiosk', { printerName: 'Gone' }));
    expect(await missing.handlers['device:print-ticket']()).toMatchObject({ ok: false, reason: /"Gone"/ });
    expect(missing.host.window.printed).toEqual([]);
  });

  it('prints nothing while the screen is not shown', async () => {
    const { host, handlers } = start(paired('kiosk'));
    host.window.failLoad();
    expect(await handlers['device:print-ticket']()).toMatchObject({ ok: false });
    expect(host.window.printed).toEqual([]);
  });
});

describe('the settings behind the admin PIN', () => {
  it('open on a kiosk with the key chord, locked', async () => {
    const { host, shell, handlers } = start(paired('kiosk'));
    host.window.pressAdminShortcut();
    expect(shell.currentView()).toBe('admin');
    expect(host.window.loads.at(-1)).toBe(`${LOCAL_ORIGIN}/admin.html`);
    expect(await handlers['admin:status']()).toEqual({ locked: true });
    for (const refused of [
      handlers['admin:set-printer']('P'),
      handlers['admin:set-start-at-login'](true),
      handlers['admin:reset'](),
      handlers['admin:quit'](),
    ])
      expect(await refused).toEqual({ ok: false, message: 'Enter the admin PIN first.' });
    expect(host.quitCalls).toBe(0);
  });

  it('unlock with the PIN, and change the printer and start at login', async () => {
    const { host, handlers, configFile } = start(paired('display'));
    host.window.printerList = [{ name: 'EPSON', displayName: 'EPSON' }];
    host.window.pressAdminShortcut();
    expect(await handlers['admin:unlock']('1111')).toEqual({ ok: false, message: 'Wrong PIN.' });
    const unlocked = await handlers['admin:unlock']('2468');
    expect(unlocked).toMatchObject({
      ok: true,
      info: { role: 'display', serverUrl: SERVER, printers: ['EPSON'], printerName: null, version: '9.9.9' },
    });
    expect(await handlers['admin:set-printer']('EPSON')).toEqual({ ok: true });
    expect(await handlers['admin:set-start-at-login'](true)).toEqual({ ok: true });
    expect(loadConfig(configFile)).toMatchObject({ config: { printerName: 'EPSON', startAtLogin: true } });
    expect(host.startAtLogin).toBe(true);
    expect(await handlers['admin:close']()).toEqual({ ok: true });
    expect(host.window.loads.at(-1)).toBe(`${SERVER}/display`);
    expect(await handlers['admin:status']()).toEqual({ locked: true });
  });

  it('lock after five wrong PINs', async () => {
    const { host, handlers, advance } = start(paired('kiosk'));
    host.window.pressAdminShortcut();
    for (let i = 0; i < 5; i++) await handlers['admin:unlock']('0000');
    expect(await handlers['admin:unlock']('2468')).toMatchObject({
      ok: false,
      message: /Too many wrong PINs/,
    });
    advance(60_000);
    expect(await handlers['admin:unlock']('2468')).toMatchObject({ ok: true });
  });

  it('reset the pairing: settings gone, site data cleared, setup next', async () => {
    const { host, shell, handlers, configFile } = start(paired('kiosk', { startAtLogin: true }));
    const kioskWindow = host.window;
    host.window.pressAdminShortcut();
    await handlers['admin:unlock']('2468');
    expect(await handlers['admin:reset']()).toEqual({ ok: true });
    expect(existsSync(configFile)).toBe(false);
    expect(host.cleared).toEqual([SERVER]);
    expect(host.startAtLogin).toBe(false);
    expect(shell.expectedOrigin('server')).toBeNull();
    expect(await handlers['device:token']()).toBeNull();
    await host.timers.runAll();
    expect(kioskWindow.destroyed).toBe(true);
    expect(host.window.spec.kind).toBe('setup');
    expect(host.window.loads).toEqual([`${LOCAL_ORIGIN}/setup.html`]);
  });

  it('quit the app from a kiosk', async () => {
    const { host, handlers } = start(paired('kiosk'));
    host.window.pressAdminShortcut();
    await handlers['admin:unlock']('2468');
    expect(await handlers['admin:quit']()).toEqual({ ok: true });
    expect(host.window.requestClose()).toBe(true);
    await host.timers.runAll();
    expect(host.quitCalls).toBe(1);
  });

  it('open from a desk menu without a PIN', async () => {
    const { host, handlers } = start(paired('desk'));
    host.window.chooseMenu('settings');
    expect(await handlers['admin:status']()).toMatchObject({ locked: false, info: { role: 'desk' } });
    host.window.chooseMenu('reload');
    expect(host.window.loads.at(-1)).toBe(`${LOCAL_ORIGIN}/admin.html`); // reload applies to the screen only
    await handlers['admin:close']();
    host.window.chooseMenu('reload');
    expect(host.window.loads.filter((u) => u === `${SERVER}/desk`)).toHaveLength(3);
    host.window.chooseMenu('quit');
    await host.timers.runAll();
    expect(host.quitCalls).toBe(1);
  });

  it('do not open during setup', () => {
    const { host, shell } = start();
    host.window.pressAdminShortcut();
    expect(shell.currentView()).toBe('setup');
    expect(host.window.loads).toHaveLength(1);
  });
});
