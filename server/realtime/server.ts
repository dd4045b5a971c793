import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { staffEvent } from '../../shared/views.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { OfficeEngine } from '../office/engine.js';
import type { Region } from '../region/region.js';
import { onRegionConnection, registerRegionHandlers } from '../region/socket.js';
import type { StatsService } from '../stats/service.js';
import { UnreadableEventError } from '../store/eventLog.js';
import { withAnswer, type OfficeData } from '../store/seam.js';
import type { EventEnvelope } from '../../shared/events.js';
import { authenticate, originAllowed, refusal } from './auth.js';
import { guarded, logFault } from './guard.js';
import { Broadcaster } from './broadcaster.js';
import { dropIfSlow, watchBackpressure } from './backpressure.js';
import { Budgets, budgetKey, type DeviceLimits } from './budgets.js';
import { deviceInfo, rateLimit, registerHandlers, sendInitialState, type HandlerDeps } from './handlers.js';
import { STAFF_ROOMS, deviceRoom, type OfficeIo, type OfficeSocket } from './types.js';

/** A screen that missed more than this many events gets a fresh snapshot rather than a replay. */
export const REPLAY_LIMIT = 5000;

/**
 * The largest payload is a day's booking list (at most 200 000 characters). Anything larger is
 * cut off by the transport; everything smaller is checked by the command's schema.
 */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

/** socket.io's ping interval and timeout, in milliseconds. */
export interface Heartbeat {
  readonly intervalMs: number;
  readonly timeoutMs: number;
}

/**
 * socket.io's defaults (25 s + 20 s) leave a desk whose connection silently died (a Wi-Fi that
 * dropped without a goodbye: a half-open socket) showing a stale queue for up to 45 s; these
 * bring it under 20 s, for one small packet every 10 s per screen.
 */
export const DEFAULT_HEARTBEAT: Heartbeat = { intervalMs: 10_000, timeoutMs: 8_000 };

/** While the database cannot be written, it is tried again this often. */
export const DEFAULT_STORAGE_PROBE_MS = 5_000;

export interface Realtime {
  readonly io: OfficeIo;
  readonly broadcaster: Broadcaster;
  /** Disconnects a revoked device's sockets at once. */
  disconnectDevice(deviceId: string): void;
  /**
   * Cuts off the connections of devices revoked or paired anew outside this server's own
   * requests (the CLI, a new pairing elsewhere); run every 30 s. Returns how many it cut.
   */
  cutOffUnpaired(): number;
  close(): Promise<void>;
}

export function attachRealtime(
  httpServer: HttpServer,
  deps: {
    engine: OfficeEngine;
    store: OfficeData;
    clock: Clock;
    log: Logger;
    allowedOrigins: readonly string[];
    limits: DeviceLimits;
    stats: StatsService;
    storageProbeMs: number;
    heartbeat: Heartbeat;
    /** On PostgreSQL: the region's devices and figures (server/region/). */
    region?: Region;
  },
): Realtime {
  const { engine, store, clock, log } = deps;
  const io: OfficeIo = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: MAX_PAYLOAD_BYTES,
    pingInterval: deps.heartbeat.intervalMs,
    pingTimeout: deps.heartbeat.timeoutMs,
    // A foreign origin gets HTTP 403 with `{"code":4,"message":"FORBIDDEN"}`, before any handshake.
    allowRequest: (req, callback) => {
      const allowed = originAllowed(req, deps.allowedOrigins);
      callback(allowed ? null : 'FORBIDDEN', allowed);
    },
  });
  const broadcaster = new Broadcaster(io, engine, clock);
  const unlisten = engine.onCommit((committed) => broadcaster.publish(committed));
  const disconnectDevice = (deviceId: string) => {
    io.to(deviceRoom(deviceId)).emit('server:notice', { code: 'device_revoked' });
    io.in(deviceRoom(deviceId)).disconnectSockets(true);
  };
  // A screen that only listens sends no request that would find it out.
  const cutOffUnpaired = () => {
    let cut = 0;
    for (const socket of io.sockets.sockets.values()) {
      const data = socket.data;
      if (data.kind !== 'device' || store.devices.holdsToken(data.device.id, data.tokenHash)) continue;
      socket.emit('server:notice', { code: 'device_revoked' });
      socket.disconnect(true);
      cut++;
    }
    return cut;
  };
  const connectedDevices = () => {
    const ids = new Set<string>();
    for (const socket of io.sockets.sockets.values())
      if (socket.data.kind === 'device') ids.add(socket.data.device.id);
    return ids;
  };
  const budgets = new Budgets(deps.limits);
  // A screen that reads may still have the day's snapshot in flight (14 MB at 10 000 visits):
  // the bound is on what it holds beyond that. The snapshot's bytes are shared, not per screen.
  const unsentBound = () => deps.limits.maxUnsentBytes + broadcaster.snapshotBytes();
  const stopWatching = watchBackpressure(io, unsentBound, log);
  const handlerDeps: HandlerDeps = {
    budgets,
    engine,
    store,
    broadcaster,
    clock,
    log,
    stats: deps.stats,
    connectedDevices,
    disconnectDevice,
  };

  const regionDeps = { region: deps.region, clock, log };
  const auth = authenticate(store, engine, (error) => logFault(log, 'handshake', error), deps.region);
  io.use((socket, next) => {
    try {
      auth(socket, next);
    } catch (error) {
      logFault(log, 'handshake', error);
      next(refusal('INTERNAL', 'the handshake failed'));
    }
  });
  // After the token is known: the slots are the device's (or the ticket's), not the socket's.
  io.use((socket, next) => {
    const release = budgets.admit(socket.data);
    if (!release) {
      log.info({ client: budgetKey(socket.data) }, 'connection refused: too many sockets');
      return next(refusal('TOO_MANY_CONNECTIONS', 'this device has too many connections open'));
    }
    // Whichever comes first: the socket ends, or its connection does (before it ever connected).
    socket.conn.once('close', release);
    socket.once('disconnect', () => {
      socket.conn.off('close', release);
      release();
    });
    next();
  });
  io.on('connection', (socket) => {
    try {
      onConnection(socket);
    } catch (error) {
      // The screen reconnects and tries again; the office goes on.
      logFault(log, 'connection', error);
      socket.disconnect(true);
    }
  });
  function onConnection(socket: OfficeSocket) {
    rateLimit(socket, budgets);
    registerHandlers(socket, handlerDeps);
    registerRegionHandlers(socket, regionDeps);
    const data = socket.data;
    if (data.kind === 'region') return onRegionConnection(socket, regionDeps);
    if (data.kind === 'status') {
      log.debug('status page connected');
      return sendInitialState(socket, handlerDeps);
    }
    const { device } = data;
    const bookkeeping = (error: unknown) => engine.storageFailed(error);
    try {
      // Only bookkeeping: a database that cannot be written must not turn screens away (reads go on).
      withAnswer(store.devices.touch(device.id, clock.now()), () => undefined, bookkeeping);
    } catch (error) {
      bookkeeping(error);
    }
    // The rooms are joined once the replay is read, in the same turn as it is sent: no live
    // event can reach the screen before the ones it missed.
    withAnswer(
      missedEvents(socket, handlerDeps),
      guarded(log, 'resume', (missed: EventEnvelope[] | undefined) => {
        // Revoked while its replay was read (PostgreSQL awaits it): not let in.
        if (socket.disconnected || !store.devices.holdsToken(device.id, data.tokenHash)) {
          socket.disconnect(true);
          return;
        }
        void socket.join([`role:${device.role}`, deviceRoom(device.id)]);
        log.info({ device: device.id, role: device.role }, 'device connected');
        socket.emit('session:ready', { device: deviceInfo(device), serverTime: clock.now() });
        if (missed) socket.emit('sync:events', { events: missed.map(staffEvent) });
        else sendInitialState(socket, handlerDeps);
        dropIfSlow(socket, unsentBound(), log);
      }),
      (error) => {
        logFault(log, 'resume', error);
        socket.disconnect(true);
      },
    );
    socket.on('disconnect', (reason) => log.info({ device: device.id, reason }, 'device disconnected'));
  }

  const unsubscribe = engine.onStorageChange((healthy) =>
    io.to(STAFF_ROOMS).emit('server:notice', { code: healthy ? 'storage_restored' : 'storage_unavailable' }),
  );
  // Due bookings move up the queue as time passes, without any command.
  const timer = setInterval(
    guarded(log, 'timer', () => {
      void engine.startDayIfDue();
      broadcaster.refreshViews();
      cutOffUnpaired();
    }),
    30_000,
  );
  timer.unref();
  const probe = setInterval(
    () => void engine.probeStorage().catch((error: unknown) => logFault(log, 'storage probe', error)),
    deps.storageProbeMs,
  );
  probe.unref();

  return {
    io,
    broadcaster,
    disconnectDevice,
    cutOffUnpaired,
    async close() {
      clearInterval(timer);
      clearInterval(probe);
      stopWatching();
      unsubscribe();
      unlisten();
      broadcaster.close();
      await io.close();
    },
  };
}

/**
 * A staff screen that reconnects with the last sequence number it applied gets exactly the
 * events it missed, from the log (which survives restarts, unlike socket.io's own recovery), up
 * to the engine's head when they are sent; undefined gets it a snapshot instead.
 */
function missedEvents(
  socket: OfficeSocket,
  deps: HandlerDeps,
): EventEnvelope[] | undefined | Promise<EventEnvelope[] | undefined> {
  const data = socket.data;
  const auth = socket.handshake.auth as { lastSeq?: number };
  if (data.kind !== 'device' || auth.lastSeq === undefined) return undefined;
  if (data.device.role === 'display' || data.device.role === 'kiosk') return undefined;
  const { engine, store } = deps;
  const from = auth.lastSeq;
  if (from > engine.head || engine.head - from > REPLAY_LIMIT) return undefined;
  const unreadable = (error: unknown) => {
    if (!(error instanceof UnreadableEventError)) throw error;
    // Loud, for whoever reads the log, but the screen goes on from a fresh snapshot.
    deps.log.error(
      { seq: error.seq, type: error.type, paths: error.paths },
      'stored event does not match the schema; the screen gets a snapshot instead',
    );
    return undefined;
  };
  let read;
  try {
    read = store.eventsSince(from, REPLAY_LIMIT, engine.head);
  } catch (error) {
    return unreadable(error);
  }
  if (!(read instanceof Promise)) return read;
  // Read over the network, while the engine went on: read again until the log read reaches
  // the head as it is now, in this turn.
  const upToHead = async (events: EventEnvelope[], head: number): Promise<EventEnvelope[] | undefined> => {
    while (engine.head > head) {
      if (engine.head - from > REPLAY_LIMIT) return undefined;
      const to = engine.head;
      events = [...events, ...(await store.eventsSince(head, REPLAY_LIMIT, to))];
      head = to;
    }
    return events;
  };
  const head = engine.head;
  return read.then((events) => upToHead(events, head)).catch(unreadable);
}
