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

/** The offices a server serves, as the handshake looks for a token's. */
export interface TokenDirectory {
  offices(): readonly { officeId: string; engine: OfficeEngine; store: OfficeData }[];
  office(officeId: string): { officeId: string; engine: OfficeEngine; store: OfficeData } | undefined;
  /** The database's answer, when no office here knows the token in memory. */
  officeOfToken?(tokenHash: string): Promise<string | undefined>;
  /** On PostgreSQL: a token that is no office's device may be one of the region's. */
  readonly region?: Region;
}

/** Every socket presents a paired device's token or a visitor's status token, of one office. */
export function authenticate(directory: TokenDirectory, failed: (error: unknown) => void) {
  return (socket: OfficeSocket, next: (err?: Error) => void) => {
    const auth = HandshakeAuthSchema.safeParse(socket.handshake.auth);
    if (!auth.success) return next(refusal('UNAUTHORIZED', 'a device token or a ticket token is required'));
    if ('token' in auth.data) {
      const { token } = auth.data;
      const tokenHash = hashSecret(token);
      const internal = (error: unknown) => {
        failed(error);
        next(refusal('INTERNAL', 'the handshake failed'));
      };
      const notOffices = () => regionHandshake(directory.region, socket, token, next, failed);
      const found = (office: { officeId: string; store: OfficeData } | undefined) => {
        if (!office) return notOffices();
        withAnswer(
          office.store.devices.authenticate(token),
          (device) => {
            if (!device) return notOffices();
            socket.data = { kind: 'device', officeId: office.officeId, device, tokenHash };
            next();
          },
          internal,
        );
      };
      const offices = directory.offices();
      const holder = offices.find((o) => o.store.devices.mayHold?.(tokenHash) ?? true);
      if (holder) return found(holder);
      // Paired elsewhere a moment ago, before its news came: the database knows whose it is.
      if (directory.officeOfToken)
        return void directory
          .officeOfToken(tokenHash)
          .then((id) => found(id === undefined ? undefined : directory.office(id)), internal);
      return found(offices.length === 1 ? offices[0] : undefined);
    }
    const { statusToken } = auth.data;
    for (const office of directory.offices()) {
      const visitId = indexOf(office.engine.state).tokens.get(statusToken);
      if (!visitId) continue;
      socket.data = { kind: 'status', officeId: office.officeId, visitId };
      return next();
    }
    next(refusal('UNKNOWN_TICKET', 'no ticket today with this token'));
  };
}
