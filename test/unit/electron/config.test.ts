import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  configFilePath,
  deleteConfig,
  loadConfig,
  saveConfig,
  type DeviceConfig,
} from '../../../electron/src/config.js';
import { hashPin } from '../../../electron/src/pin.js';
import { tempDir, TOKEN } from './fakes.js';

const valid: DeviceConfig = {
  version: 1,
  serverUrl: 'http://192.168.1.20:8420',
  token: TOKEN,
  device: { id: 'dev-1', role: 'desk', name: 'Arbetsförmedlingen 1', deskId: 'af-1' },
  adminPinHash: hashPin('2468'),
  printerName: null,
  startAtLogin: true,
};

function withFile(content: string): string {
  const file = configFilePath(tempDir());
  writeFileSync(file, content);
  return file;
}

function invalidMessage(content: unknown): string {
  const loaded = loadConfig(withFile(typeof content === 'string' ? content : JSON.stringify(content)));
  if (loaded.kind !== 'invalid') throw new Error(`expected invalid, got ${loaded.kind}`);
  return loaded.message;
}

describe('loading the device settings', () => {
  it('reads a valid file', () => {
    const loaded = loadConfig(withFile(JSON.stringify(valid)));
    expect(loaded).toEqual({ kind: 'ok', config: valid });
  });

  it('treats a missing file as a first run, not an error', () => {
    expect(loadConfig(join(tempDir(), 'device.json'))).toEqual({ kind: 'missing' });
  });

  it('names the file and the JSON error when the file is corrupt', () => {
    const file = withFile('{"version": 1, "serverUrl": ');
    const loaded = loadConfig(file);
    expect(loaded.kind).toBe('invalid');
    if (loaded.kind === 'invalid') {
      expect(loaded.message).toContain(file);
      expect(loaded.message).toMatch(/not valid JSON/);
    }
  });

  it('says which role would be right when the role is wrong', () => {
    const message = invalidMessage({ ...valid, device: { ...valid.device, role: 'admin' } });
    expect(message).toMatch(/device\.role: must be one of kiosk, desk, display, reception \(got "admin"\)/);
  });

  it.each([
    ['file:///etc/passwd', 'file:'],
    ['javascript:alert(1)', 'javascript:'],
    ['ftp://server.local', 'ftp:'],
    ['data:text/html,<h1>hi</h1>', 'data:'],
  ])('refuses the server URL %s', (serverUrl, scheme) => {
    const message = invalidMessage({ ...valid, serverUrl });
    expect(message).toContain(
      `serverUrl: The server address must start with http:// or https://, not ${scheme}`,
    );
  });

  it('refuses a server URL with credentials', () => {
    expect(invalidMessage({ ...valid, serverUrl: 'http://user:secret@server:8420' })).toMatch(
      /serverUrl: .*user name or password/,
    );
  });

  it('names extra keys', () => {
    expect(invalidMessage({ ...valid, nodeIntegration: true })).toMatch(/\(top level\): .*"nodeIntegration"/);
    expect(invalidMessage({ ...valid, device: { ...valid.device, admin: true } })).toMatch(
      /device: .*"admin"/,
    );
  });

  it('names missing and mistyped fields', () => {
    const { token: _token, ...withoutToken } = valid;
    expect(invalidMessage(withoutToken)).toMatch(/token: /);
    expect(invalidMessage({ ...valid, startAtLogin: 'yes' })).toMatch(/startAtLogin: /);
    expect(invalidMessage({ ...valid, version: 2 })).toMatch(/version: /);
    expect(invalidMessage({ ...valid, adminPinHash: '2468' })).toMatch(/adminPinHash: must be a hashed PIN/);
  });

  it('describes a file that is not an object', () => {
    expect(invalidMessage('[]')).toMatch(/\(top level\): /);
    expect(invalidMessage('null')).toMatch(/\(top level\): /);
  });

  it('keeps only the origin of the server URL', () => {
    const loaded = loadConfig(
      withFile(JSON.stringify({ ...valid, serverUrl: 'http://Server.local:8420/desk/' })),
    );
    expect(loaded.kind === 'ok' && loaded.config.serverUrl).toBe('http://server.local:8420');
  });

  it('reports an unreadable path instead of throwing', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'device.json'));
    const loaded = loadConfig(join(dir, 'device.json'));
    expect(loaded.kind).toBe('invalid');
    if (loaded.kind === 'invalid') expect(loaded.message).toMatch(/could not be read/);
  });
});

describe('saving the device settings', () => {
  it('round-trips and leaves no temporary file', () => {
    const dir = tempDir();
    const file = configFilePath(join(dir, 'nested'));
    saveConfig(file, valid);
    expect(loadConfig(file)).toEqual({ kind: 'ok', config: valid });
    expect(readdirSync(join(dir, 'nested'))).toEqual(['device.json']);
    expect(JSON.parse(readFileSync(file, 'utf8')).token).toBe(TOKEN);
  });

  it.skipIf(process.platform === 'win32')('is readable by this user only (0600)', () => {
    const file = configFilePath(tempDir());
    writeFileSync(file, '{}', { mode: 0o644 });
    saveConfig(file, valid);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses to write settings that would not load', () => {
    const file = configFilePath(tempDir());
    expect(() => saveConfig(file, { ...valid, serverUrl: 'file:///x' })).toThrow();
    expect(existsSync(file)).toBe(false);
  });

  it('deletes, also when there is nothing to delete', () => {
    const file = configFilePath(tempDir());
    saveConfig(file, valid);
    deleteConfig(file);
    deleteConfig(file);
    expect(loadConfig(file)).toEqual({ kind: 'missing' });
  });
});
