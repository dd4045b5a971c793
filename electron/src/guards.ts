import { originOf } from './urls.js';

/**
 * The page may navigate only within the office server's origin. The app's own pages never
 * navigate by themselves (the main process loads them), so nothing else is ever allowed.
 */
export function isAllowedNavigation(url: string, serverOrigin: string | null): boolean {
  if (serverOrigin === null) return false;
  const origin = originOf(url);
  return origin !== null && origin === serverOrigin && /^https?:$/.test(new URL(url).protocol);
}

/** Every `window.open` and `target=_blank` is refused: the screens open no other windows. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

/**
 * Permissions the screens need, by Chromium's permission name. None: the display's chime is Web
 * Audio and its call-out is speech synthesis (no permission; autoplay is a window setting), the
 * kiosk is full screen through its window, and nothing uses camera, microphone, location,
 * notifications, the clipboard or devices. A future need goes here, and only the server's origin
 * gets it.
 */
export const SCREEN_PERMISSIONS: readonly string[] = [];

export function isPermissionAllowed(
  permission: string,
  requestingUrl: string | null | undefined,
  serverOrigin: string | null,
): boolean {
  if (serverOrigin === null || !requestingUrl) return false;
  return SCREEN_PERMISSIONS.includes(permission) && originOf(requestingUrl) === serverOrigin;
}

/** What an IPC message's sender frame tells about itself (Electron's WebFrameMain). */
export interface SenderFrame {
  readonly origin: string;
  readonly parent: unknown;
}

/**
 * Only the top frame of a page from the expected origin may call the main process: a frame
 * from elsewhere (an injected iframe, a page navigated away) gets nothing.
 */
export function isTrustedSender(
  frame: SenderFrame | null | undefined,
  expectedOrigin: string | null,
): boolean {
  if (!frame || expectedOrigin === null) return false;
  return frame.parent === null && frame.origin === expectedOrigin;
}

/** The key chord that opens a kiosk's or display's settings: Ctrl+Alt+Shift+M. */
export function isAdminShortcut(input: {
  type: string;
  code?: string;
  key: string;
  control: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
}): boolean {
  return (
    input.type === 'keyDown' &&
    (input.control || input.meta) &&
    input.alt &&
    input.shift &&
    (input.code === 'KeyM' || input.key.toLowerCase() === 'm')
  );
}
