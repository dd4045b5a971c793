import { describe, expect, it } from 'vitest';
import {
  DESKTOP_ROLES,
  healthUrl,
  isDesktopRole,
  LOCAL_ORIGIN,
  localPageUrl,
  originOf,
  pairApiUrl,
  parseServerUrl,
  screenUrl,
} from '../../../electron/src/urls.js';

describe('the server address', () => {
  it.each([
    ['http://192.168.1.20:8420', 'http://192.168.1.20:8420'],
    ['192.168.1.20:8420', 'http://192.168.1.20:8420'],
    ['  server.local:8420  ', 'http://server.local:8420'],
    ['localhost:8420', 'http://localhost:8420'],
    ['motesplats', 'http://motesplats'],
    ['https://motesplats.kommun.se/', 'https://motesplats.kommun.se'],
    ['HTTP://SERVER:8420/desk?x=1#y', 'http://server:8420'],
    ['http://[::1]:8420', 'http://[::1]:8420'],
  ])('%s → %s', (input, origin) => {
    expect(parseServerUrl(input)).toEqual({ ok: true, origin });
  });

  it.each([
    ['file:///C:/Windows', 'file:'],
    ['file:/etc/passwd', 'file:'],
    ['javascript:alert(1)', 'javascript:'],
    ['data:text/html,x', 'data:'],
    ['ftp://server', 'ftp:'],
    ['ws://server:8420', 'ws:'],
    ['motesplats-app://local/setup.html', 'motesplats-app:'],
  ])('refuses %s', (input, scheme) => {
    const parsed = parseServerUrl(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(`must start with http:// or https://, not ${scheme}`);
  });

  it('asks for an address when there is none', () => {
    expect(parseServerUrl('  ')).toEqual({ ok: false, message: "Enter the office server's address." });
  });

  it('refuses credentials and garbage', () => {
    expect(parseServerUrl('http://a:b@server').ok).toBe(false);
    expect(parseServerUrl('http://').ok).toBe(false);
    expect(parseServerUrl('not a url at all').ok).toBe(false);
  });
});

describe('URLs', () => {
  it('builds each role screen on the server', () => {
    const origin = 'http://10.0.0.5:8420';
    expect(DESKTOP_ROLES.map((role) => screenUrl(origin, role))).toEqual([
      'http://10.0.0.5:8420/kiosk',
      'http://10.0.0.5:8420/desk',
      'http://10.0.0.5:8420/display',
      'http://10.0.0.5:8420/reception',
    ]);
    expect(healthUrl(origin)).toBe('http://10.0.0.5:8420/health');
    expect(pairApiUrl(origin)).toBe('http://10.0.0.5:8420/api/pair');
  });

  it('knows the desktop roles', () => {
    expect(isDesktopRole('desk')).toBe(true);
    expect(isDesktopRole('admin')).toBe(false);
    expect(isDesktopRole(undefined)).toBe(false);
  });

  it('builds the local pages, with their parameters encoded', () => {
    expect(localPageUrl('setup')).toBe(`${LOCAL_ORIGIN}/setup.html`);
    const offline = new URL(localPageUrl('offline', { server: 'http://x:1', reason: 'a&b' }));
    expect(offline.searchParams.get('server')).toBe('http://x:1');
    expect(offline.searchParams.get('reason')).toBe('a&b');
  });

  it('gives the origin of web URLs only', () => {
    expect(originOf('http://server:8420/desk?x')).toBe('http://server:8420');
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('nonsense')).toBeNull();
  });
});
