import { describe, expect, it } from 'vitest';
import {
  isAdminShortcut,
  isAllowedNavigation,
  isPermissionAllowed,
  isTrustedSender,
  SCREEN_PERMISSIONS,
  windowOpenDecision,
} from '../../../electron/src/guards.js';
import { LOCAL_ORIGIN } from '../../../electron/src/urls.js';

const SERVER = 'http://192.168.1.20:8420';

describe('the navigation guard', () => {
  it.each([`${SERVER}/desk`, `${SERVER}/pair?code=K7QM-3XWP`, `${SERVER}/status/abc#x`, `${SERVER}`])(
    'lets the page move within the server: %s',
    (url) => {
      expect(isAllowedNavigation(url, SERVER)).toBe(true);
    },
  );

  it.each([
    'https://192.168.1.20:8420/desk',
    'http://192.168.1.20:8421/desk',
    'http://192.168.1.21:8420/desk',
    'http://192.168.1.20.evil.example:8420/',
    'https://example.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'about:blank',
    `${LOCAL_ORIGIN}/setup.html`,
    'not a url',
  ])('stops every other destination: %s', (url) => {
    expect(isAllowedNavigation(url, SERVER)).toBe(false);
  });

  it('allows nothing before the device is paired', () => {
    expect(isAllowedNavigation(`${SERVER}/desk`, null)).toBe(false);
  });
});

describe('new windows', () => {
  it('are always denied', () => {
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
  });
});

describe('permissions', () => {
  it('the screens need none', () => {
    expect(SCREEN_PERMISSIONS).toEqual([]);
  });

  it.each([
    'media',
    'geolocation',
    'notifications',
    'fullscreen',
    'clipboard-read',
    'clipboard-sanitized-write',
    'openExternal',
    'pointerLock',
    'keyboardLock',
    'midi',
    'midiSysex',
    'display-capture',
    'speaker-selection',
    'storage-access',
    'window-management',
    'unknown',
  ])('%s is denied, even to the server', (permission) => {
    expect(isPermissionAllowed(permission, `${SERVER}/display`, SERVER)).toBe(false);
    expect(isPermissionAllowed(permission, SERVER, SERVER)).toBe(false);
    expect(isPermissionAllowed(permission, 'https://example.com/', SERVER)).toBe(false);
    expect(isPermissionAllowed(permission, `${LOCAL_ORIGIN}/setup.html`, null)).toBe(false);
    expect(isPermissionAllowed(permission, undefined, SERVER)).toBe(false);
  });
});

describe('the IPC sender check', () => {
  it('trusts the top frame of the expected origin only', () => {
    expect(isTrustedSender({ origin: SERVER, parent: null }, SERVER)).toBe(true);
    expect(isTrustedSender({ origin: LOCAL_ORIGIN, parent: null }, LOCAL_ORIGIN)).toBe(true);
  });

  it('refuses subframes, other origins, vanished frames and an unpaired app', () => {
    expect(isTrustedSender({ origin: SERVER, parent: { origin: SERVER } }, SERVER)).toBe(false);
    expect(isTrustedSender({ origin: 'https://example.com', parent: null }, SERVER)).toBe(false);
    expect(isTrustedSender({ origin: 'null', parent: null }, SERVER)).toBe(false);
    expect(isTrustedSender({ origin: LOCAL_ORIGIN, parent: null }, SERVER)).toBe(false);
    expect(isTrustedSender(null, SERVER)).toBe(false);
    expect(isTrustedSender(undefined, SERVER)).toBe(false);
    expect(isTrustedSender({ origin: SERVER, parent: null }, null)).toBe(false);
  });
});

describe('the admin key chord', () => {
  const chord = {
    type: 'keyDown',
    code: 'KeyM',
    key: 'M',
    control: true,
    alt: true,
    shift: true,
    meta: false,
  };

  it('is Ctrl+Alt+Shift+M (Cmd on a Mac)', () => {
    expect(isAdminShortcut(chord)).toBe(true);
    expect(isAdminShortcut({ ...chord, control: false, meta: true })).toBe(true);
    expect(isAdminShortcut({ ...chord, code: undefined, key: 'm' })).toBe(true);
  });

  it('is nothing else', () => {
    expect(isAdminShortcut({ ...chord, type: 'keyUp' })).toBe(false);
    expect(isAdminShortcut({ ...chord, shift: false })).toBe(false);
    expect(isAdminShortcut({ ...chord, alt: false })).toBe(false);
    expect(isAdminShortcut({ ...chord, control: false })).toBe(false);
    expect(isAdminShortcut({ ...chord, code: 'KeyN', key: 'N' })).toBe(false);
  });
});
