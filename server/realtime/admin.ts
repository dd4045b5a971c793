import { domainError } from '../../shared/errors.js';
import type { AckResult, DeviceSummary, QueryName, QueryPayload } from '../../shared/protocol.js';
import type { Clock } from '../clock.js';
import { loggableError, type Logger } from '../log.js';
import type { OfficeEngine } from '../office/engine.js';
import type { StatsService } from '../stats/service.js';
import type { DeviceRecord } from '../store/devices.js';
import { isStorageFault } from '../store/faults.js';
import type { OfficeData } from '../store/seam.js';

export interface AdminDeps {
  readonly engine: OfficeEngine;
  readonly store: OfficeData;
  readonly stats: StatsService;
  readonly clock: Clock;
  readonly log: Logger;
  /** Devices with a socket open now. */
  connectedDevices(): ReadonlySet<string>;
  /** Cuts a revoked device off at once. */
  disconnectDevice(deviceId: string): void;
}

export const ADMIN_REQUESTS = [
  'device:list',
  'device:create',
  'device:rename',
  'device:renew_code',
  'device:revoke',
  'officer:list',
  'officer:set_pin',
  'stats:compute',
  'audit:list',
  'retention:list',
] as const satisfies readonly QueryName[];
export type AdminRequest = (typeof ADMIN_REQUESTS)[number];

export function isAdminRequest(name: QueryName): name is AdminRequest {
  return (ADMIN_REQUESTS as readonly string[]).includes(name);
}

const done = <T>(engine: OfficeEngine, value: T): AckResult<T> => ({ ok: true, seq: engine.head, value });
const refuse = (
  code: 'VALIDATION_FAILED' | 'UNKNOWN_DESK' | 'INTERNAL',
  message: string,
): AckResult<never> => ({
  ok: false,
  error: domainError(code, message),
});

function summary(d: DeviceRecord, connected: ReadonlySet<string>): DeviceSummary {
  return {
    id: d.id,
    name: d.name,
    role: d.role,
    deskId: d.deskId,
    createdAt: d.createdAt,
    pairedAt: d.pairedAt,
    revokedAt: d.revokedAt,
    lastSeenAt: d.lastSeenAt,
    pairingExpires: d.pairingExpires,
    connected: connected.has(d.id),
  };
}

/** The admin's requests: devices, officers' PINs, statistics, the audit trail and the erasure record. */
export async function handleAdminRequest(
  name: AdminRequest,
  payload: QueryPayload<AdminRequest>,
  adminDeviceId: string,
  deps: AdminDeps,
): Promise<AckResult<unknown>> {
  try {
    return await answer(name, payload, adminDeviceId, deps);
  } catch (error) {
    // The database's own failures go on to the caller, which tells the desks the storage is down;
    // anything else is a bug, and a bug nobody hears of is never fixed.
    if (isSqliteError(error) || isStorageFault(error)) throw error;
    deps.log.error({ request: name, ...loggableError(error) }, 'admin request failed');
    return refuse('INTERNAL', 'the request failed');
  }
}

const isSqliteError = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_');
};

async function answer(
  name: AdminRequest,
  payload: QueryPayload<AdminRequest>,
  adminDeviceId: string,
  deps: AdminDeps,
): Promise<AckResult<unknown>> {
  const { engine, store, clock } = deps;
  const now = clock.now();
  /**
   * A change and its audit record commit together or not at all: were the record written
   * afterwards and failed, the admin would be told "nothing was changed" about a change that
   * stands, untraced. The store records it only when the change happened.
   */
  const audit = { at: now, deviceId: adminDeviceId, officer: null, visitId: null, action: name };
  switch (name) {
    case 'device:list': {
      const devices = await store.devices.list();
      return done(engine, { devices: devices.map((d) => summary(d, deps.connectedDevices())) });
    }
    case 'device:create': {
      const p = payload as QueryPayload<'device:create'>;
      if ((p.role === 'desk') !== (p.deskId !== null))
        return refuse('VALIDATION_FAILED', 'a desk device needs a desk, and only a desk device has one');
      if (p.deskId !== null && !engine.state.config.desks.some((d) => d.id === p.deskId))
        return refuse('UNKNOWN_DESK', 'no such desk');
      const { device, code } = await store.devices.create(p, now, audit);
      return done(engine, { device: summary(device, deps.connectedDevices()), code });
    }
    case 'device:rename': {
      const p = payload as QueryPayload<'device:rename'>;
      if (!(await store.devices.rename(p.deviceId, p.name, audit)))
        return refuse('VALIDATION_FAILED', 'no such device');
      return done(engine, {});
    }
    case 'device:renew_code': {
      const p = payload as QueryPayload<'device:renew_code'>;
      const code = await store.devices.renewCode(p.deviceId, now, audit);
      if (!code) return refuse('VALIDATION_FAILED', 'no active device with that id');
      return done(engine, { code });
    }
    case 'device:revoke': {
      const p = payload as QueryPayload<'device:revoke'>;
      if (p.deviceId === adminDeviceId)
        return refuse('VALIDATION_FAILED', 'an admin device cannot revoke itself');
      if (!(await store.devices.revoke(p.deviceId, now, audit)))
        return refuse('VALIDATION_FAILED', 'no active device with that id');
      // Only once the revocation is committed: a rolled-back one must leave the device working.
      deps.disconnectDevice(p.deviceId);
      deps.log.info({ device: p.deviceId }, 'device revoked');
      return done(engine, {});
    }
    case 'officer:list':
      return done(engine, { names: await store.officers.list() });
    case 'officer:set_pin': {
      const p = payload as QueryPayload<'officer:set_pin'>;
      await store.officers.setPin(p.name, p.pin, now, audit);
      store.officers.unlock(p.name);
      return done(engine, {});
    }
    case 'stats:compute': {
      try {
        return done(
          engine,
          await deps.stats.compute(payload as QueryPayload<'stats:compute'>, engine.state.config),
        );
      } catch (error) {
        deps.log.error(loggableError(error), 'statistics failed');
        return refuse('INTERNAL', 'the statistics could not be computed');
      }
    }
    case 'audit:list':
      return done(engine, { entries: await store.audit.list(payload as QueryPayload<'audit:list'>, now) });
    case 'retention:list':
      return done(engine, { erasures: await store.audit.erasures() });
  }
}
