import type { IncomingMessage } from 'node:http';
import { HandshakeAuthSchema } from '../../shared/protocol.js';
import { indexOf } from '../../shared/visitIndex.js';
import { hashSecret } from '../devices/credentials.js';
import type { OfficeEngine } from '../office/engine.js';
import { regionHandshake } from '../region/socket.js';
import type { Region } from '../region/region.js';
import { withAnswer, type OfficeData } from '../store/seam.js';
import type { OfficeSocket } from './types.js';

/** A refused handshake: the client's `connect_error` carries the code in `message` and `data`. */
export function refusal(
  code: 'UNAUTHORIZED' | 'UNKNOWN_TICKET' | 'TOO_MANY_CONNECTIONS' | 'INTERNAL',
  message: string,
): Error {
  return Object.assign(new Error(code), { data: { code, message } });
}

/**
 * Cross-site WebSocket hijacking: a page from another origin in an office browser must not
 * open a socket to the server. Browsers always send Origin on a WebSocket or polling request;
 * it must be the server's own (as the Host header names it) or one configured. Clients that are
 * not browsers send none and still have to present a device token.
 */
export function originAllowed(req: IncomingMessage, extra: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (extra.some((o) => new URL(o).origin === parsed.origin)) return true;
  return parsed.host === req.headers.host && (parsed.protocol === 'http:' || parsed.protocol === 'https:');
}

/** Every socket presents a paired device's token or a visitor's status token. */
export function authenticate(
  store: OfficeData,
  engine: OfficeEngine,
  failed: (error: unknown) => void,
  region?: Region,
) {
  return (socket: OfficeSocket, next: (err?: Error) => void) => {
    const auth = HandshakeAuthSchema.safeParse(socket.handshake.auth);
    if (!auth.success) return next(refusal('UNAUTHORIZED', 'a device token or a ticket token is required'));
    if ('token' in auth.data) {
      const { token } = auth.data;
      return withAnswer(
        store.devices.authenticate(token),
        (device) => {
          if (!device) return regionHandshake(region, socket, token, next, failed);
          socket.data = { kind: 'device', device, tokenHash: hashSecret(token) };
          next();
        },
        (error) => {
          failed(error);
          next(refusal('INTERNAL', 'the handshake failed'));
        },
      );
    }
    const { statusToken } = auth.data;
    const visitId = indexOf(engine.state).tokens.get(statusToken);
    if (!visitId) return next(refusal('UNKNOWN_TICKET', 'no ticket today with this token'));
    socket.data = { kind: 'status', visitId };
    next();
  };
}
