import type { ErrorCode } from '../../../../shared/errors.js';
import { languageTag } from '../../../../shared/languages.js';

/** Where the ticket's QR code leads: the visitor's own status page. */
export function statusUrl(origin: string, statusToken: string): string {
  return `${origin.replace(/\/+$/, '')}/status/${encodeURIComponent(statusToken)}`;
}

/**
 * Date and time on the receipt in the visitor's language, with the same digits as the ticket
 * number and the waiting-room screens (Latin), so a number never reads two ways.
 */
export function formatIssuedAt(at: number, language: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(languageTag(language), {
    dateStyle: 'medium',
    timeStyle: 'short',
    hourCycle: 'h23',
    numberingSystem: 'latn',
    ...(timeZone && { timeZone }),
  }).format(at);
}

/**
 * Catalog keys for a refusal, most specific first: the kiosk's own wording, the visitor
 * screens' shared one, then a general message. i18next tries each key in the visitor's
 * language before the next.
 */
export function errorKeys(code: ErrorCode): string[] {
  return [`kiosk:error.${code}`, `common:error.${code}`, 'common:error.generic'];
}

/**
 * The countdown before the kiosk starts over: nothing to show until the last `warnMs`, then
 * whole seconds left (never 0 while still on screen).
 */
export function idleCountdown(
  now: number,
  lastActivity: number,
  totalMs: number,
  warnMs: number,
): { expired: boolean; secondsLeft: number | null } {
  const left = lastActivity + totalMs - now;
  if (left <= 0) return { expired: true, secondsLeft: null };
  return { expired: false, secondsLeft: left <= warnMs ? Math.ceil(left / 1000) : null };
}
