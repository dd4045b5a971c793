import { io, type Socket } from 'socket.io-client';
import { RECONNECT_DELAYS } from '../../../shared/reconnect.js';
import type { CommandName, CommandInput } from '../../../shared/commands.js';
import {
  decodeStaffSnapshot,
  type AckResult,
  type ClientToServerEvents,
  type CommandResult,
  type QueryName,
  type QueryPayload,
  type QueryResults,
  type ServerToClientEvents,
} from '../../../shared/protocol.js';
import type {
  RegionAck,
  RegionQueryName,
  RegionQueryPayload,
  RegionQueryResults,
} from '../../../shared/region.js';
import { lastSeq, officeActions, officeStore } from '../stores/office.js';
import { sessionActions } from '../stores/session.js';
import { publicStore, statusStore } from '../stores/views.js';

/**
 * The one socket module: the only code that touches socket.io. Screens call `send` and `query`;
 * what the server pushes goes into the stores through their module-level actions.
 */

type OfficeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type Credentials =
  | { readonly kind: 'device'; readonly token: string }
  | { readonly kind: 'status'; readonly statusToken: string };

const ACK_TIMEOUT_MS = 8_000;
const REFUSED_RETRY_MS = 5_000;
const ATTEMPTS = 3;

let socket: OfficeSocket | undefined;

export function connect(credentials: Credentials): void {
  disconnect();
  const s: OfficeSocket = io({
    // A staff screen that has state says how far it got, so a reconnect sends only what it missed.
    auth: (cb) =>
      cb(
        credentials.kind === 'device'
          ? { token: credentials.token, ...(officeStore.getState().office && { lastSeq: lastSeq() }) }
          : { statusToken: credentials.statusToken },
      ),
    transports: ['websocket', 'polling'],
    ...RECONNECT_DELAYS,
  });
  socket = s;

  s.on('connect', () => sessionActions.setConnection('online'));
  s.on('disconnect', (reason) => {
    // Let go on purpose, by the server (a revoked device) or by this module after a refusal:
    // nothing will reconnect, and the state already says why.
    if (reason === 'io server disconnect' || reason === 'io client disconnect') return;
    sessionActions.setConnection('reconnecting');
  });
  s.on('connect_error', (error) => {
    const code = (error as Error & { data?: { code?: string } }).data?.code;
    if (code === 'UNAUTHORIZED' || code === 'UNKNOWN_TICKET') {
      if (code === 'UNKNOWN_TICKET') statusStore.setState({ unknown: true });
      sessionActions.setConnection('unauthorized');
      s.disconnect();
      return;
    }
    sessionActions.setConnection('reconnecting');
    // A refused handshake (the device's sockets at their cap, a fault) is not retried by
    // socket.io itself; a transport error is.
    if (!s.active) setTimeout(() => socket === s && s.connect(), REFUSED_RETRY_MS);
  });
  s.on('session:ready', ({ device, serverTime }) => sessionActions.ready(device, serverTime));
  s.on('sync:snapshot', (wire) => {
    const snapshot = decodeStaffSnapshot(wire);
    sessionActions.syncClock(snapshot.serverTime);
    officeActions.loadSnapshot(snapshot);
  });
  s.on('sync:events', ({ events }) => {
    if (!officeActions.applyEvents(events)) void query('sync:snapshot', {});
  });
  s.on('public:view', (view) => publicStore.setState({ view }));
  s.on('status:view', (view) => statusStore.setState({ view, unknown: false }));
  s.on('server:notice', ({ code }) => {
    sessionActions.notice(code);
    if (code === 'device_revoked') s.disconnect();
  });
}

export function disconnect(): void {
  socket?.removeAllListeners();
  socket?.disconnect();
  socket = undefined;
}

/** A command id that is unique without `crypto.randomUUID` (absent outside secure contexts, as on http LANs). */
export function newCommandId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function waitConnected(s: OfficeSocket, timeoutMs: number): Promise<boolean> {
  if (s.connected) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      s.off('connect', onConnect);
      resolve(false);
    }, timeoutMs);
    const onConnect = () => {
      clearTimeout(timer);
      resolve(true);
    };
    s.once('connect', onConnect);
  });
}

const timeout = <T>(): AckResult<T> => ({
  ok: false,
  error: { code: 'TIMEOUT', message: 'no answer from the office server' },
});

async function emitWithRetry<T>(name: string, payload: unknown): Promise<AckResult<T>> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const s = socket;
    if (!s || !(await waitConnected(s, ACK_TIMEOUT_MS))) continue;
    try {
      // The typed maps cannot follow a name chosen at run time; `send` and `query` keep callers typed.
      return (await (
        s.timeout(ACK_TIMEOUT_MS) as unknown as { emitWithAck(n: string, p: unknown): Promise<AckResult<T>> }
      ).emitWithAck(name, payload)) as AckResult<T>;
    } catch {
      // No answer in time: try again with the same command id, which the server runs at most once.
    }
  }
  return timeout<T>();
}

/**
 * Sends a command and resolves with its ack: committed, or refused with a typed error. A caller
 * that may send the same intent again after a timeout (a visitor pressing Confirm twice) passes
 * its own `commandId`, so that the server runs it once and answers both with the first result.
 */
export function send<N extends CommandName>(
  name: N,
  payload: Omit<CommandInput<N>, 'commandId'>,
  options: { commandId?: string } = {},
): Promise<AckResult<CommandResult<N>>> {
  return emitWithRetry(name, { ...payload, commandId: options.commandId ?? newCommandId() });
}

/** Reads something that is not in the pushed state (a visit's personal data, a fresh snapshot). */
export function query<Q extends QueryName>(
  name: Q,
  payload: QueryPayload<Q>,
): Promise<AckResult<QueryResults[Q]>> {
  return emitWithRetry(name, payload);
}

/** The region's view asks its own questions (shared/region.ts): every office's figures, side by side. */
export function regionQuery<Q extends RegionQueryName>(
  name: Q,
  payload: RegionQueryPayload<Q>,
): Promise<RegionAck<RegionQueryResults[Q]>> {
  return emitWithRetry(name, payload);
}
