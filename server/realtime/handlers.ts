import type { z } from 'zod';
import { COMMAND_NAMES, CommandSchemas, mayRun, type CommandName } from '../../shared/commands.js';
import { domainError, type DomainError } from '../../shared/errors.js';
import type { Actor } from '../../shared/events.js';
import { agencyOfDesk } from '../../shared/office.js';
import {
  QUERY_NAMES,
  QUERY_ROLES,
  QuerySchemas,
  type AckResult,
  type DeviceInfo,
  type QueryName,
  type QueryPayload,
} from '../../shared/protocol.js';
import { AT_DESK_STATUSES } from '../../shared/visit.js';
import { findVisits, visitDetails } from '../../shared/views.js';
import { prepareCommand } from '../office/prepare.js';
import { isStorageFault } from '../store/faults.js';
import { withAnswer } from '../store/seam.js';
import { handleAdminRequest, isAdminRequest, type AdminDeps } from './admin.js';
import type { Broadcaster } from './broadcaster.js';
import type { Budgets } from './budgets.js';
import { guarded, logFault } from './guard.js';
import type { OfficeSocket } from './types.js';

export interface HandlerDeps extends AdminDeps {
  readonly broadcaster: Broadcaster;
  readonly budgets: Budgets;
}

type Ack = (result: AckResult<unknown>) => void;

const refused = (error: DomainError): AckResult<never> => ({ ok: false, error });

/** Field paths and codes of what failed validation; never the values that were sent. */
function validationError(error: z.ZodError): DomainError {
  return domainError(
    'VALIDATION_FAILED',
    'the request is not valid',
    error.issues
      .slice(0, 20)
      .map((i) => ({ path: i.path.map(String).join('.'), code: i.code, message: i.message })),
  );
}

/**
 * A flood from one device must not starve the others: its requests, over all its sockets, are
 * refused with RATE_LIMITED beyond its budget (budgets.ts) until it slows down.
 */
export function rateLimit(socket: OfficeSocket, budgets: Budgets) {
  socket.use((packet, next) => {
    void budgets.spendRequest(socket.data).then((allowed) => {
      if (allowed) return next();
      const ack = packet[packet.length - 1];
      if (typeof ack === 'function')
        (ack as Ack)(refused(domainError('RATE_LIMITED', 'too many requests; slow down')));
    });
  });
}

/**
 * A failure of the database outside a command (an audit record, an admin's device change): the
 * desks hear of it as of a failed commit, and the request gets STORAGE_UNAVAILABLE.
 */
function storageFailure(deps: HandlerDeps, error: unknown): DomainError {
  if (!isStorageFault(error)) {
    logFault(deps.log, 'request', error);
    return domainError('INTERNAL', 'the request failed');
  }
  deps.engine.storageFailed(error);
  return domainError('STORAGE_UNAVAILABLE', 'the office database cannot be written; nothing was changed');
}

/**
 * Reads of a visit are audited first: a read that cannot be audited is not served. `serve`
 * answers once the record is written.
 */
function audited(
  deps: HandlerDeps,
  entry: Parameters<HandlerDeps['store']['audit']['record']>[0],
  reply: Ack,
  serve: () => AckResult<unknown>,
): void {
  const failed = (error: unknown) => reply(refused(storageFailure(deps, error)));
  try {
    withAnswer(deps.store.audit.record(entry), () => reply(serve()), failed);
  } catch (error) {
    failed(error);
  }
}

/**
 * A request sent with an ack but no payload arrives as (ack): it is answered (the payload is
 * then missing, and validation says so) rather than left waiting.
 */
function withPayload(handle: (payload: unknown, ack: unknown) => void) {
  return (...args: unknown[]) =>
    args.length === 1 && typeof args[0] === 'function'
      ? handle(undefined, args[0])
      : handle(args[0], args[1]);
}

export function registerHandlers(socket: OfficeSocket, deps: HandlerDeps): void {
  for (const name of COMMAND_NAMES)
    socket.on(
      name,
      guarded(
        deps.log,
        name,
        withPayload((payload, ack) => onCommand(socket, deps, name, payload, ack)),
      ),
    );
  for (const name of QUERY_NAMES)
    socket.on(
      name,
      guarded(
        deps.log,
        name,
        withPayload((payload, ack) => onQuery(socket, deps, name, payload, ack)),
      ),
    );
}

/**
 * A device is checked at the handshake and again at every request: a revoke, or a new pairing of
 * the same device elsewhere, from the admin screen or the CLI, ends what its old token may do.
 */
function stillPaired(socket: OfficeSocket, deps: HandlerDeps, reply: Ack): boolean {
  const data = socket.data;
  if (data.kind !== 'device' || deps.store.devices.holdsToken(data.device.id, data.tokenHash)) return true;
  deps.log.info({ device: data.device.id }, 'a revoked or re-paired device was cut off');
  reply(refused(domainError('FORBIDDEN', 'this device is no longer paired')));
  // After the answer has gone out: the screen learns why before its connection closes.
  setImmediate(() => socket.disconnect(true));
  return false;
}

function onCommand(
  socket: OfficeSocket,
  deps: HandlerDeps,
  name: CommandName,
  payload: unknown,
  ack: unknown,
): void {
  if (typeof ack !== 'function') return; // a command without an ack could never be confirmed: ignore it
  const data = socket.data;
  const reply = (result: AckResult<unknown>) => {
    if (!result.ok)
      deps.log.info(
        {
          command: name,
          device: data.kind === 'status' ? 'status-page' : data.device.id,
          code: result.error.code,
        },
        'command refused',
      );
    (ack as Ack)(result);
  };
  if (data.kind !== 'device' || !mayRun(data.device.role, name))
    return reply(refused(domainError('FORBIDDEN', `this device may not ${name}`)));
  if (!stillPaired(socket, deps, reply)) return;
  const parsed = CommandSchemas[name].safeParse(payload);
  if (!parsed.success) return reply(refused(validationError(parsed.error)));
  const { engine, store } = deps;
  const { device } = data;
  // The engine names the desk's officer as the command is decided.
  const actor: Actor = { deviceId: device.id, role: device.role, deskId: device.deskId, officer: null };
  withAnswer(
    prepareCommand(name, parsed.data, engine.deciding, store, device.id),
    (command) => {
      if (!command.ok) return reply(refused(command.error));
      // Acked once committed; the engine broadcasts the group after its acks.
      engine.submit(command.value, parsed.data.commandId, actor, reply);
    },
    (error: unknown) => reply(refused(storageFailure(deps, error))),
  );
}

function onQuery(
  socket: OfficeSocket,
  deps: HandlerDeps,
  name: QueryName,
  payload: unknown,
  ack: unknown,
): void {
  if (typeof ack !== 'function') return;
  const reply = ack as Ack;
  const data = socket.data;
  if (data.kind !== 'device' || !QUERY_ROLES[name].includes(data.device.role))
    return reply(refused(domainError('FORBIDDEN', `this device may not ${name}`)));
  if (!stillPaired(socket, deps, reply)) return;
  const parsed = QuerySchemas[name].safeParse(payload);
  if (!parsed.success) return reply(refused(validationError(parsed.error)));
  const { engine } = deps;
  const { device } = data;
  if (isAdminRequest(name)) {
    void handleAdminRequest(name, parsed.data as QueryPayload<typeof name>, device.id, deps).then(
      reply,
      (error: unknown) => reply(refused(storageFailure(deps, error))),
    );
    return;
  }
  switch (name) {
    case 'sync:snapshot':
      // Cheap to serve (one serialisation per sequence number), but not free to send: a device
      // that asks again and again gets RATE_LIMITED, whatever number of sockets it asks on.
      void deps.budgets.spendSnapshot(data).then(
        guarded(deps.log, name, (allowed: boolean) => {
          if (!allowed) return reply(refused(domainError('RATE_LIMITED', 'too many snapshots; slow down')));
          if (socket.connected) sendInitialState(socket, deps);
          reply({ ok: true, seq: engine.head, value: {} });
        }),
      );
      return;
    case 'visit:find': {
      const { text } = parsed.data as { text: string };
      return audited(
        deps,
        { at: deps.clock.now(), deviceId: device.id, officer: null, visitId: null, action: name },
        reply,
        () => ({ ok: true, seq: engine.head, value: { visitIds: findVisits(engine.state, text) } }),
      );
    }
    case 'visit:open': {
      const { visitId } = parsed.data as { visitId: string };
      const visit = engine.state.visits.get(visitId);
      if (!visit) return reply(refused(domainError('UNKNOWN_VISIT', 'no such visit today')));
      let agency = null;
      if (device.role === 'desk') {
        // Names show once the visit is called to this desk: officers must not pick cases.
        const step = visit.current === null ? undefined : visit.steps[visit.current];
        if (!step || step.deskId !== device.deskId || !AT_DESK_STATUSES.has(step.status))
          return reply(refused(domainError('NOT_AT_THIS_DESK', 'the visit is not at this desk')));
        agency = agencyOfDesk(engine.state.config, device.deskId!) ?? null;
      }
      const officer = device.deskId === null ? null : (engine.state.desks[device.deskId]?.officer ?? null);
      return audited(
        deps,
        { at: deps.clock.now(), deviceId: device.id, officer, visitId, action: name },
        reply,
        () => ({ ok: true, seq: engine.head, value: visitDetails(engine.state, visitId, agency) }),
      );
    }
  }
}

/** What a screen gets when it connects or asks again after a gap. */
export function sendInitialState(socket: OfficeSocket, deps: HandlerDeps): void {
  const data = socket.data;
  if (data.kind === 'status') return deps.broadcaster.openStatusPage(socket, data.visitId);
  if (data.kind === 'region') return; // the region is sent no office's state, ever
  const { role } = data.device;
  if (role === 'display' || role === 'kiosk') return deps.broadcaster.sendPublicView(socket);
  deps.broadcaster.sendSnapshot(socket);
}

export function deviceInfo(d: DeviceInfo): DeviceInfo {
  return { id: d.id, role: d.role, name: d.name, deskId: d.deskId };
}
