import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import { staffEvent } from '../../shared/views.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { OfficeEngine } from '../office/engine.js';
import type { Region } from '../region/region.js';
import { onRegionConnection, registerRegionHandlers } from '../region/socket.js';
import { REGION_QUERY_NAMES } from '../../shared/region.js';
import { domainError } from '../../shared/errors.js';
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
import { STAFF_ROOMS, deviceRoom, officeRooms, type OfficeIo, type OfficeSocket } from './types.js';

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

/** One office as the realtime layer needs it: its engine, store and statistics. */
export interface OfficeParts {
  readonly officeId: string;
  readonly engine: OfficeEngine;
  readonly store: OfficeData;
  readonly stats: StatsService;
}

/** One office's part of a server's realtime layer. */
export interface OfficeRealtime {
  readonly officeId: string;
  readonly broadcaster: Broadcaster;
  /** Disconnects a revoked device's sockets at once, on every node. */
  disconnectDevice(deviceId: string): void;
  /**
   * Cuts off this node's connections of devices revoked or paired anew outside this server's
   * own requests (the CLI, a new pairing elsewhere); run every 30 s. Returns how many it cut.
   */
  cutOffUnpaired(): number;
  close(): void;
}

/** The realtime layer of a server: one socket.io server for every office it serves. */
export interface RealtimeNode {
  readonly io: OfficeIo;
  addOffice(parts: OfficeParts): OfficeRealtime;
  office(officeId: string): OfficeRealtime | undefined;
  close(): Promise<void>;
}

/** A single office's server, as tests and `createOfficeServer` see it. */
export interface Realtime extends OfficeRealtime {
  readonly io: OfficeIo;
  close(): Promise<void>;
}

export interface RealtimeDeps {
  clock: Clock;
  log: Logger;
  allowedOrigins: readonly string[];
  limits: DeviceLimits;
  storageProbeMs: number;
  heartbeat: Heartbeat;
  /** socket.io's adapter between nodes (PostgreSQL's); the default keeps to this process. */
  adapter?: ServerOptions['adapter'];
  /**
   * Whose device holds a token no office here knows of in memory (paired on another node a
   * moment ago): the office's id, from the database.
   */
  officeOfToken?: (tokenHash: string) => Promise<string | undefined>;
  /** On PostgreSQL: the region's devices and figures (server/region/). */
  region?: Region;
}

export function attachRealtime(httpServer: HttpServer, deps: RealtimeDeps): RealtimeNode {
  const { clock, log } = deps;
  const io: OfficeIo = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: MAX_PAYLOAD_BYTES,
    pingInterval: deps.heartbeat.intervalMs,
    pingTimeout: deps.heartbeat.timeoutMs,
    ...(deps.adapter && { adapter: deps.adapter }),
    // A foreign origin gets HTTP 403 with `{"code":4,"message":"FORBIDDEN"}`, before any handshake.
    allowRequest: (req, callback) => {
      const allowed = originAllowed(req, deps.allowedOrigins);
      callback(allowed ? null : 'FORBIDDEN', allowed);
    },
  });
  const offices = new Map<string, { parts: OfficeParts; realtime: OfficeRealtime; handlers: HandlerDeps }>();
  const budgets = new Budgets(deps.limits);
  // A screen that reads may still have the day's snapshot in flight (14 MB at 10 000 visits):
  // the bound is on what it holds beyond that. The snapshot's bytes are shared, not per screen.
  const largestSnapshot = () =>
    Math.max(0, ...[...offices.values()].map((o) => o.realtime.broadcaster.snapshotBytes()));
  const unsentBound = () => deps.limits.maxUnsentBytes + largestSnapshot();
  const stopWatching = watchBackpressure(io, unsentBound, log);

  const auth = authenticate(
    {
      offices: () => [...offices.values()].map((o) => o.parts),
      office: (id) => offices.get(id)?.parts,
      ...(deps.officeOfToken && { officeOfToken: deps.officeOfToken }),
      ...(deps.region && { region: deps.region }),
    },
    (error) => logFault(log, 'handshake', error),
  );
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
  const regionDeps = { region: deps.region, clock, log };
  io.on('connection', (socket) => {
    try {
      if (socket.data.kind === 'region') return onRegionSocket(socket);
      const office = offices.get(socket.data.officeId);
      // Its office was let go of while the handshake ran (a node stopping): the connection
      // closes as a lost one does, so that the screen tries again (elsewhere, behind a balancer).
      if (!office) return void socket.conn.close();
      onConnection(socket, office.parts, office.handlers);
    } catch (error) {
      // The screen reconnects and tries again; the office goes on.
      logFault(log, 'connection', error);
      socket.disconnect(true);
    }
  });

  /** A region screen: of no office, in no room; every office request is refused FORBIDDEN. */
  function onRegionSocket(socket: OfficeSocket) {
    rateLimit(socket, budgets);
    socket.use((packet, next) => {
      if ((REGION_QUERY_NAMES as readonly string[]).includes(packet[0])) return next();
      const ack = packet[packet.length - 1];
      if (typeof ack === 'function')
        (ack as (r: unknown) => void)({
          ok: false,
          error: domainError('FORBIDDEN', 'a region screen may only ask for the region’s figures'),
        });
    });
    registerRegionHandlers(socket, regionDeps);
    onRegionConnection(socket, regionDeps);
  }

  function onConnection(socket: OfficeSocket, office: OfficeParts, handlerDeps: HandlerDeps) {
    const { engine, store } = office;
    const rooms = office.officeId;
    rateLimit(socket, budgets);
    registerHandlers(socket, handlerDeps);
    // So that an office's screen asking the region's figures is refused, not left waiting.
    registerRegionHandlers(socket, regionDeps);
    const data = socket.data;
    if (data.kind === 'status') {
      log.debug('status page connected');
      return sendInitialState(socket, handlerDeps);
    }
    if (data.kind !== 'device') return;
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
        void socket.join([`${rooms}/role:${device.role}`, deviceRoom(device.id)]);
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

  function addOffice(parts: OfficeParts): OfficeRealtime {
    const { engine, store, officeId } = parts;
    if (offices.has(officeId)) throw new Error(`office ${officeId} is served already`);
    const rooms = officeRooms(io, officeId);
    const broadcaster = new Broadcaster(rooms, engine, clock);
    const unlisten = engine.onCommit((committed) => broadcaster.publish(committed));
    const disconnectDevice = (deviceId: string) => {
      // Every node's sockets of the device: the adapter carries these to the others.
      io.to(deviceRoom(deviceId)).emit('server:notice', { code: 'device_revoked' });
      io.in(deviceRoom(deviceId)).disconnectSockets(true);
    };
    const ownSockets = function* () {
      for (const socket of io.sockets.sockets.values())
        if (socket.data.kind !== 'region' && socket.data.officeId === officeId) yield socket;
    };
    // A screen that only listens sends no request that would find it out.
    const cutOffUnpaired = () => {
      let cut = 0;
      for (const socket of ownSockets()) {
        const data = socket.data;
        if (data.kind !== 'device' || store.devices.holdsToken(data.device.id, data.tokenHash)) continue;
        socket.emit('server:notice', { code: 'device_revoked' });
        socket.disconnect(true);
        cut++;
      }
      return cut;
    };
    // This node's connections: a node knows its own sockets, and the admin's list says so.
    const connectedDevices = () => {
      const ids = new Set<string>();
      for (const socket of ownSockets()) if (socket.data.kind === 'device') ids.add(socket.data.device.id);
      return ids;
    };
    const handlers: HandlerDeps = {
      budgets,
      engine,
      store,
      broadcaster,
      clock,
      log,
      stats: parts.stats,
      connectedDevices,
      disconnectDevice,
    };
    const unsubscribe = engine.onStorageChange((healthy) =>
      rooms
        .to(STAFF_ROOMS)
        .emit('server:notice', { code: healthy ? 'storage_restored' : 'storage_unavailable' }),
    );
    // Due bookings move up the queue as time passes, without any command.
    const timer = setInterval(
      guarded(log, 'timer', () => {
        broadcaster.refreshViews();
        cutOffUnpaired();
      }),
      30_000,
    );
    timer.unref();
    // Each node's own view of the database: it probes only while its own writes fail.
    const probe = setInterval(
      () => void engine.probeStorage().catch((error: unknown) => logFault(log, 'storage probe', error)),
      deps.storageProbeMs,
    );
    probe.unref();
    const realtime: OfficeRealtime = {
      officeId,
      broadcaster,
      disconnectDevice,
      cutOffUnpaired,
      close() {
        clearInterval(timer);
        clearInterval(probe);
        unsubscribe();
        unlisten();
        broadcaster.close();
        // As a lost connection, not a farewell: the screens try again, as after a restart.
        for (const socket of ownSockets()) socket.conn.close();
        offices.delete(officeId);
      },
    };
    offices.set(officeId, { parts, realtime, handlers });
    return realtime;
  }

  return {
    io,
    addOffice,
    office: (id) => offices.get(id)?.realtime,
    async close() {
      for (const { realtime } of [...offices.values()]) realtime.close();
      stopWatching();
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
