import type { Role } from '../../shared/events.js';

/**
 * The roles the desktop app runs. Admin stays in a browser: it imports and exports files and
 * needs nothing of the shell.
 */
export const DESKTOP_ROLES = ['kiosk', 'desk', 'display', 'reception'] as const satisfies readonly Role[];
export type DesktopRole = (typeof DESKTOP_ROLES)[number];

export function isDesktopRole(value: unknown): value is DesktopRole {
  return (DESKTOP_ROLES as readonly unknown[]).includes(value);
}

/** Where each role's screen lives on the office server (renderer/src/net/device.ts agrees). */
export const ROLE_PATHS: Readonly<Record<DesktopRole, string>> = {
  kiosk: '/kiosk',
  desk: '/desk',
  display: '/display',
  reception: '/reception',
};

/** The app's own pages (setup, admin, reconnecting) are served under this scheme, never file:. */
export const LOCAL_SCHEME = 'motesplats-app';
export const LOCAL_ORIGIN = `${LOCAL_SCHEME}://local`;

export type LocalPage = 'setup' | 'admin' | 'offline';

export function localPageUrl(page: LocalPage, params: Record<string, string> = {}): string {
  const url = new URL(`${LOCAL_ORIGIN}/${page}.html`);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}

export type Parsed<T> = ({ ok: true } & T) | { ok: false; message: string };

const WITH_AUTHORITY = /^[a-z][a-z0-9+.-]*:\/\//i;
/** `javascript:…`, `file:/…`, `data:…`: a scheme not followed by a port number. */
const OTHER_SCHEME = /^[a-z][a-z0-9+.-]*:(?!\d)/i;

/**
 * The office server's origin from what a person typed or a config file holds. A bare
 * `192.168.1.20:8420` means http; any scheme but http and https is refused, so that the app can
 * never be pointed at local files or script URLs. Paths are dropped: the server lives at its root.
 */
export function parseServerUrl(input: string): Parsed<{ origin: string }> {
  const text = input.trim();
  if (text === '') return { ok: false, message: "Enter the office server's address." };
  if (!WITH_AUTHORITY.test(text) && OTHER_SCHEME.test(text)) {
    const scheme = text.slice(0, text.indexOf(':') + 1).toLowerCase();
    return { ok: false, message: `The server address must start with http:// or https://, not ${scheme}` };
  }
  let url: URL;
  try {
    url = new URL(WITH_AUTHORITY.test(text) ? text : `http://${text}`);
  } catch {
    return { ok: false, message: `"${text}" is not a valid server address.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return {
      ok: false,
      message: `The server address must start with http:// or https://, not ${url.protocol}`,
    };
  if (url.username !== '' || url.password !== '')
    return { ok: false, message: 'The server address must not contain a user name or password.' };
  if (url.hostname === '') return { ok: false, message: `"${text}" has no host name.` };
  return { ok: true, origin: url.origin };
}

/** The origin of a URL, or null when it is not one (`about:blank`, garbage). */
export function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

export function screenUrl(serverOrigin: string, role: DesktopRole): string {
  return `${serverOrigin}${ROLE_PATHS[role]}`;
}

export function healthUrl(serverOrigin: string): string {
  return `${serverOrigin}/health`;
}

export function pairApiUrl(serverOrigin: string): string {
  return `${serverOrigin}/api/pair`;
}
