import { z } from 'zod';
import {
  DESKTOP_ROLES,
  isDesktopRole,
  pairApiUrl,
  parseServerUrl,
  type DesktopRole,
  type Parsed,
} from './urls.js';

/** The server's alphabet (server/devices/credentials.ts): no 0/O, 1/I/L. */
const CODE_PATTERN = /^[A-HJKMNP-Z2-9]{8}$/;

export type PairingTarget = { serverOrigin: string; code: string };
export type PairingInput =
  ({ ok: true } & PairingTarget) | { ok: false; field: 'server' | 'code'; message: string };

/** `k7qm 3xwp` → `K7QM-3XWP`, or null when it cannot be a pairing code. */
export function normalizeCode(input: string): string | null {
  const plain = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return CODE_PATTERN.test(plain) ? `${plain.slice(0, 4)}-${plain.slice(4)}` : null;
}

const CODE_HELP = 'A pairing code has 8 letters and digits, like K7QM-3XWP.';

/** A pairing link as the server prints it: `http://192.168.1.20:8420/pair?code=K7QM-3XWP`. */
export function parsePairingUrl(input: string): Parsed<PairingTarget> {
  const server = parseServerUrl(input);
  if (!server.ok) return server;
  const url = new URL(
    /^[a-z][a-z0-9+.-]*:\/\//i.test(input.trim()) ? input.trim() : `http://${input.trim()}`,
  );
  if (url.pathname.replace(/\/+$/, '') !== '/pair')
    return { ok: false, message: 'A pairing link ends in /pair?code=…' };
  const raw = url.searchParams.get('code');
  if (raw === null) return { ok: false, message: 'The pairing link has no code.' };
  const code = normalizeCode(raw);
  if (code === null) return { ok: false, message: `The pairing link's code is not valid. ${CODE_HELP}` };
  return { ok: true, serverOrigin: server.origin, code };
}

function looksLikeLink(text: string): boolean {
  return /\/pair\b/i.test(text) || /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
}

/**
 * What the setup page collected: a server address and a code, or a pairing link in either field
 * (people paste the link wherever the cursor is). A code typed beside a link wins over the link's.
 */
export function parsePairingInput(serverField: string, codeField: string): PairingInput {
  const server = serverField.trim();
  const typed = codeField.trim();
  if (typed !== '' && looksLikeLink(typed)) {
    const link = parsePairingUrl(typed);
    return link.ok ? link : { ok: false, field: 'code', message: link.message };
  }
  if (/\/pair\b/i.test(server)) {
    const link = parsePairingUrl(server);
    if (!link.ok) return { ok: false, field: 'server', message: link.message };
    if (typed === '') return link;
    const code = normalizeCode(typed);
    return code === null
      ? { ok: false, field: 'code', message: CODE_HELP }
      : { ok: true, serverOrigin: link.serverOrigin, code };
  }
  const parsed = parseServerUrl(server);
  if (!parsed.ok) return { ok: false, field: 'server', message: parsed.message };
  if (typed === '')
    return { ok: false, field: 'code', message: 'Enter the pairing code, or paste the whole pairing link.' };
  const code = normalizeCode(typed);
  if (code === null) return { ok: false, field: 'code', message: CODE_HELP };
  return { ok: true, serverOrigin: parsed.origin, code };
}

const PairResponseSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,200}$/),
  device: z.object({
    id: z.string().min(1).max(100),
    role: z.string(),
    name: z.string().min(1).max(200),
    deskId: z.string().min(1).max(100).nullable(),
  }),
});
const ErrorResponseSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export interface PairedDevice {
  readonly token: string;
  readonly device: { id: string; role: DesktopRole; name: string; deskId: string | null };
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Redeems a one-time code at the server's `POST /api/pair`; every failure is a sentence. */
export async function redeemPairing(
  fetchFn: FetchLike,
  target: PairingTarget,
  timeoutMs = 10_000,
): Promise<Parsed<PairedDevice>> {
  const { serverOrigin, code } = target;
  let response: Response;
  try {
    response = await fetchFn(pairApiUrl(serverOrigin), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return {
      ok: false,
      message:
        `Could not reach ${serverOrigin} (${describeNetworkError(error)}). ` +
        'Check the address and that this computer is on the office network.',
    };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    if (response.status === 404)
      return {
        ok: false,
        message:
          'The server did not accept the code: it is unknown, already used or expired. ' +
          'Ask the office admin for a new one.',
      };
    if (response.status === 429)
      return {
        ok: false,
        message: 'Too many wrong codes from this computer: wait a minute and try again.',
      };
    const error = ErrorResponseSchema.safeParse(body);
    return {
      ok: false,
      message: `The server answered ${response.status}${error.success ? `: ${error.data.error.message}` : ''}.`,
    };
  }
  const paired = PairResponseSchema.safeParse(body);
  if (!paired.success)
    return { ok: false, message: `${serverOrigin} did not answer like a Mötesplats office server.` };
  const { token, device } = paired.data;
  if (!isDesktopRole(device.role))
    return {
      ok: false,
      message:
        `The code paired a device with the role "${device.role}", and the code is now used. ` +
        `The desktop app runs ${DESKTOP_ROLES.join(', ')}; open ${serverOrigin}/${device.role} in a ` +
        'browser instead, or ask the office admin for a code for one of those roles.',
    };
  return { ok: true, token, device: { ...device, role: device.role } };
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return 'no answer in time';
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  if (cause?.code) return cause.code;
  return error instanceof Error ? error.message : String(error);
}
