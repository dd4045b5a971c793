import type { z } from 'zod';
import { domainError, type DomainError } from '../../shared/errors.js';
import {
  REGION_QUERY_NAMES,
  RegionQuerySchemas,
  type RegionAck,
  type RegionQueryName,
} from '../../shared/region.js';
import type { StatsRange } from '../../shared/stats.js';
import type { Clock } from '../clock.js';
import { hashSecret } from '../devices/credentials.js';
import type { Logger } from '../log.js';
import { refusal } from '../realtime/auth.js';
import { guarded, logFault } from '../realtime/guard.js';
import type { OfficeSocket } from '../realtime/types.js';
import { isStorageFault } from '../store/faults.js';
import { toRegionInfo } from './devices.js';
import type { Region } from './region.js';

/** How often a connected region screen's token is looked at again, for a revoke it would not notice. */
export const REGION_RECHECK_MS = 30_000;

export interface RegionDeps {
  /** Absent on a server without a region (SQLite): every region query is refused. */
  readonly region: Region | undefined;
  readonly clock: Clock;
  readonly log: Logger;
}

type Ack = (result: RegionAck<unknown>) => void;

const refused = (error: DomainError): RegionAck<never> => ({ ok: false, error });

/**
 * The handshake's second chance: a token that is no device of this office may be one of the
 * region's. Calls `next` as the office's handshake does: let in as `region`, or refused.
 */
export function regionHandshake(
  region: Region | undefined,
  socket: OfficeSocket,
  token: string,
  next: (err?: Error) => void,
  failed: (error: unknown) => void,
): void {
  if (!region) return next(refusal('UNAUTHORIZED', 'unknown or revoked device'));
  region.devices.authenticate(token).then(
    (device) => {
      if (!device) return next(refusal('UNAUTHORIZED', 'unknown or revoked device'));
      socket.data = { kind: 'region', device, tokenHash: hashSecret(token) };
      next();
    },
    (error: unknown) => {
      failed(error);
      next(refusal('INTERNAL', 'the handshake failed'));
    },
  );
}

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
 * Registers the region's queries on every socket, so that an office device or a status page
 * asking them is answered FORBIDDEN rather than left waiting.
 */
export function registerRegionHandlers(socket: OfficeSocket, deps: RegionDeps): void {
  for (const name of REGION_QUERY_NAMES)
    socket.on(
      name,
      guarded(deps.log, name, (...args: unknown[]) => {
        // Sent with an ack and no payload, the ack comes first.
        const [payload, ack] = args.length === 1 ? [undefined, args[0]] : [args[0], args[1]];
        if (typeof ack === 'function') onRegionQuery(socket, deps, name, payload, ack as Ack);
      }),
    );
}

/**
 * What a region socket's connection needs, in place of an office screen's: who it is, and a look
 * at its token now and then. It joins no room, so an office's broadcasts never reach it.
 */
export function onRegionConnection(socket: OfficeSocket, deps: RegionDeps): void {
  const data = socket.data;
  const { region, clock, log } = deps;
  if (data.kind !== 'region' || !region) {
    socket.disconnect(true);
    return;
  }
  const { device } = data;
  region.devices
    .touch(device.id, clock.now())
    .catch((error: unknown) => logFault(log, 'region touch', error));
  log.info({ device: device.id, role: 'region' }, 'device connected');
  socket.emit('session:ready', { device: toRegionInfo(device), serverTime: clock.now() });
  const recheck = setInterval(() => {
    // A database away is no revoke: the connection stays, and the next look decides.
    stillPaired(socket, deps).catch((error: unknown) => {
      if (!isStorageFault(error)) logFault(log, 'region token', error);
    });
  }, REGION_RECHECK_MS);
  recheck.unref();
  socket.once('disconnect', (reason) => {
    clearInterval(recheck);
    log.info({ device: device.id, reason }, 'device disconnected');
  });
}

/** Cuts a region socket off (with the notice a revoked office device gets) once its token no longer holds. */
async function stillPaired(socket: OfficeSocket, deps: RegionDeps): Promise<boolean> {
  const data = socket.data;
  if (data.kind !== 'region' || !deps.region) return false;
  if (await deps.region.devices.holdsToken(data.device.id, data.tokenHash)) return true;
  deps.log.info({ device: data.device.id }, 'a revoked or re-paired device was cut off');
  socket.emit('server:notice', { code: 'device_revoked' });
  setImmediate(() => socket.disconnect(true));
  return false;
}

function onRegionQuery(
  socket: OfficeSocket,
  deps: RegionDeps,
  name: RegionQueryName,
  payload: unknown,
  reply: Ack,
): void {
  const data = socket.data;
  const { region } = deps;
  if (data.kind !== 'region' || !region)
    return reply(refused(domainError('FORBIDDEN', `this device may not ${name}`)));
  const parsed = RegionQuerySchemas[name].safeParse(payload);
  if (!parsed.success) return reply(refused(validationError(parsed.error)));
  const failed = (error: unknown) => {
    if (isStorageFault(error))
      return reply(refused(domainError('STORAGE_UNAVAILABLE', 'the region database cannot be read')));
    logFault(deps.log, name, error);
    reply(refused(domainError('INTERNAL', 'the request failed')));
  };
  stillPaired(socket, deps)
    .then((holds) => {
      if (!holds) return reply(refused(domainError('FORBIDDEN', 'this device is no longer paired')));
      const answer =
        name === 'region:now' ? region.now(deps.clock.now()) : region.figures(parsed.data as StatsRange);
      return answer.then((value) => reply({ ok: true, value }));
    }, failed)
    .catch(failed);
}
