import { describe, expect, it } from 'vitest';
import { CHANNEL_AUDIENCE, type Channel } from '../../../electron/src/ipc/channels.js';
import { createInvoker } from '../../../electron/src/ipc/invoke.js';
import {
  IpcRefusal,
  registerIpcHandlers,
  type Handlers,
  type InvokeEvent,
  type IpcMainLike,
} from '../../../electron/src/ipc/router.js';
import { LOCAL_ORIGIN } from '../../../electron/src/urls.js';

const SERVER = 'http://192.168.1.20:8420';

class FakeIpcMain implements IpcMainLike {
  readonly listeners = new Map<string, (event: InvokeEvent, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown): void {
    if (this.listeners.has(channel)) throw new Error(`${channel} registered twice`);
    this.listeners.set(channel, listener);
  }
  async call(channel: Channel, frame: InvokeEvent['senderFrame'], ...args: unknown[]): Promise<unknown> {
    const listener = this.listeners.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener({ senderFrame: frame }, ...args);
  }
}

const fromServer = { origin: SERVER, parent: null };
const fromLocal = { origin: LOCAL_ORIGIN, parent: null };

function setup(serverOrigin: string | null = SERVER) {
  const calls: { channel: string; args: unknown[] }[] = [];
  const record =
    <T>(channel: string, result: T) =>
    (...args: unknown[]) => {
      calls.push({ channel, args });
      return result;
    };
  const handlers: Handlers = {
    'device:token': record('device:token', 'the-token'),
    'device:print-ticket': record('device:print-ticket', { ok: true as const }),
    'device:app-info': record('device:app-info', {
      version: '1',
      platform: 'linux',
      role: 'desk',
      serverUrl: SERVER,
    }),
    'setup:state': record('setup:state', { notice: null }),
    'setup:pair': record('setup:pair', { ok: true as const, role: 'desk', name: 'AF 1' }),
    'admin:status': record('admin:status', { locked: true as const }),
    'admin:unlock': record('admin:unlock', { ok: false as const, message: 'Wrong PIN.' }),
    'admin:set-printer': record('admin:set-printer', { ok: true as const }),
    'admin:set-start-at-login': record('admin:set-start-at-login', { ok: true as const }),
    'admin:reset': record('admin:reset', { ok: true as const }),
    'admin:quit': record('admin:quit', { ok: true as const }),
    'admin:close': record('admin:close', { ok: true as const }),
  };
  const ipc = new FakeIpcMain();
  const logs: string[] = [];
  registerIpcHandlers(
    ipc,
    handlers,
    (audience) => (audience === 'local' ? LOCAL_ORIGIN : serverOrigin),
    (m) => logs.push(m),
  );
  return { ipc, calls, logs };
}

const pairRequest = {
  server: 'http://s/pair?code=K7QM-3XWP',
  code: '',
  pin: '2468',
  pinRepeat: '2468',
  startAtLogin: true,
};

describe('the IPC router', () => {
  it('registers every channel once', () => {
    const { ipc } = setup();
    expect([...ipc.listeners.keys()].sort()).toEqual(Object.keys(CHANNEL_AUDIENCE).sort());
  });

  it('answers the screens from the server origin', async () => {
    const { ipc } = setup();
    expect(await ipc.call('device:token', fromServer)).toBe('the-token');
    expect(await ipc.call('device:print-ticket', fromServer)).toEqual({ ok: true });
    expect(await ipc.call('device:app-info', fromServer)).toMatchObject({ role: 'desk' });
  });

  it('answers the app pages from the app origin, with their arguments', async () => {
    const { ipc, calls } = setup();
    expect(await ipc.call('setup:pair', fromLocal, pairRequest)).toEqual({
      ok: true,
      role: 'desk',
      name: 'AF 1',
    });
    await ipc.call('admin:unlock', fromLocal, '2468');
    await ipc.call('admin:set-printer', fromLocal, null);
    await ipc.call('admin:set-printer', fromLocal, 'EPSON');
    await ipc.call('admin:set-start-at-login', fromLocal, false);
    expect(calls.map((c) => [c.channel, c.args])).toEqual([
      ['setup:pair', [pairRequest]],
      ['admin:unlock', ['2468']],
      ['admin:set-printer', [null]],
      ['admin:set-printer', ['EPSON']],
      ['admin:set-start-at-login', [false]],
    ]);
  });

  it.each(Object.entries(CHANNEL_AUDIENCE) as [Channel, 'server' | 'local'][])(
    '%s refuses every sender but its own audience',
    async (channel, audience) => {
      const { ipc, calls, logs } = setup();
      const wrongOrigin = audience === 'server' ? fromLocal : fromServer;
      const strangers = [
        wrongOrigin,
        { origin: 'https://example.com', parent: null },
        { origin: audience === 'server' ? SERVER : LOCAL_ORIGIN, parent: { origin: 'x' } },
        null,
      ];
      for (const frame of strangers)
        await expect(ipc.call(channel, frame)).rejects.toBeInstanceOf(IpcRefusal);
      expect(calls).toEqual([]);
      expect(logs).toHaveLength(strangers.length);
    },
  );

  it('refuses the screens before the device is paired', async () => {
    const { ipc } = setup(null);
    await expect(ipc.call('device:token', fromServer)).rejects.toThrow(/not allowed from this page/);
  });

  it.each([
    ['device:token', ['extra']],
    ['setup:pair', []],
    ['setup:pair', [{ ...pairRequest, nodeIntegration: true }]],
    ['setup:pair', [{ ...pairRequest, startAtLogin: 'yes' }]],
    ['setup:pair', [{ ...pairRequest, server: 'x'.repeat(5000) }]],
    ['admin:unlock', [2468]],
    ['admin:set-printer', ['']],
    ['admin:set-printer', [undefined]],
    ['admin:set-start-at-login', ['true']],
  ] as [Channel, unknown[]][])('%s refuses malformed arguments %j', async (channel, args) => {
    const { ipc, calls } = setup();
    const frame = CHANNEL_AUDIENCE[channel] === 'server' ? fromServer : fromLocal;
    await expect(ipc.call(channel, frame, ...args)).rejects.toThrow(/invalid arguments/);
    expect(calls).toEqual([]);
  });
});

describe('the preload invoker', () => {
  it('sends the channel and arguments as they are', async () => {
    const sent: unknown[][] = [];
    const invoke = createInvoker({
      invoke: async (...args: unknown[]) => {
        sent.push(args);
        return 'answer';
      },
    });
    expect(await invoke('admin:unlock', '2468')).toBe('answer');
    await invoke('device:token');
    expect(sent).toEqual([['admin:unlock', '2468'], ['device:token']]);
  });
});
