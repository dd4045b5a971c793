import { domainError } from '../../shared/errors.js';
import type {
  AckResult,
  AuditEntry,
  DeviceSummary,
  ErasureRecord,
  QueryName,
  QueryPayload,
} from '../../shared/protocol.js';
import type { Clock } from '../clock.js';
import { loggableError, type Logger } from '../log.js';
import type { OfficeEngine } from '../office/engine.js';
import type { StatsService } from '../stats/service.js';
import type { DeviceRecord } from '../store/devices.js';
import type { OfficeStore } from '../store/store.js';

export interface AdminDeps {
  readonly engine: OfficeEngine;
  readonly store: OfficeStore;
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
    if (isSqliteError(error)) throw error;
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
   * stands, untraced. `changed` says whether there was anything to record.
   */
  const auditedChange = <T>(change: () => T, changed: (result: T) => boolean = () => true): T =>
    store.db.transaction(() => {
      const result = change();
      if (changed(result))
        store.audit.record({ at: now, deviceId: adminDeviceId, officer: null, visitId: null, action: name });
      return result;
    })();
  switch (name) {
    case 'device:list':
      return done(engine, { devices: store.devices.list().map((d) => summary(d, deps.connectedDevices())) });
    case 'device:create': {
      const p = payload as QueryPayload<'device:create'>;
      if ((p.role === 'desk') !== (p.deskId !== null))
        return refuse('VALIDATION_FAILED', 'a desk device needs a desk, and only a desk device has one');
      if (p.deskId !== null && !engine.state.config.desks.some((d) => d.id === p.deskId))
        return refuse('UNKNOWN_DESK', 'no such desk');
      const { device, code } = auditedChange(() => store.devices.create(p, now));
      return done(engine, { device: summary(device, deps.connectedDevices()), code });
    }
    case 'device:rename': {
      const p = payload as QueryPayload<'device:rename'>;
      const renamed = auditedChange(
        () => store.devices.rename(p.deviceId, p.name),
        (happened) => happened,
      );
      if (!renamed) return refuse('VALIDATION_FAILED', 'no such device');
      return done(engine, {});
    }
    case 'device:renew_code': {
      const p = payload as QueryPayload<'device:renew_code'>;
      const code = auditedChange(
        () => store.devices.renewCode(p.deviceId, now),
        (renewed) => renewed !== undefined,
      );
      if (!code) return refuse('VALIDATION_FAILED', 'no active device with that id');
      return done(engine, { code });
    }
    case 'device:revoke': {
      const p = payload as QueryPayload<'device:revoke'>;
      if (p.deviceId === adminDeviceId)
        return refuse('VALIDATION_FAILED', 'an admin device cannot revoke itself');
      const revoked = auditedChange(
        () => store.devices.revoke(p.deviceId, now),
        (happened) => happened,
      );
      if (!revoked) return refuse('VALIDATION_FAILED', 'no active device with that id');
      // Only once the revocation is committed: a rolled-back one must leave the device working.
      deps.disconnectDevice(p.deviceId);
      deps.log.info({ device: p.deviceId }, 'device revoked');
      return done(engine, {});
    }
    case 'officer:list':
      return done(engine, { names: store.officers.list() });
    case 'officer:set_pin': {
      const p = payload as QueryPayload<'officer:set_pin'>;
      auditedChange(() => store.officers.setPin(p.name, p.pin, now));
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
      return done(engine, { entries: auditEntries(store, payload as QueryPayload<'audit:list'>, now) });
    case 'retention:list':
      return done(engine, {
        erasures: store.db
          .prepare<[], ErasureRecord>(
            `SELECT at, data_class AS dataClass, agency, before_day AS beforeDay, visits
             FROM erasures ORDER BY at DESC, id DESC LIMIT 500`,
          )
          .all(),
      });
  }
}

/**
 * Who read or changed which visit: reads from the audit table, changes from the event log (its
 * device and officer columns), newest first. No payload is read, so no note text can appear.
 * What concerns no one visit counts too: reception's searches by name, the admin's changes to
 * devices and PINs (audit table), to the office config, the booking list and the interpreters
 * (event log) are exactly what an audit has to show. Entries of one millisecond come in a fixed
 * order (the log's first, each source newest first), so that a longer page ("show more") starts
 * with the shorter one.
 */
function auditEntries(store: OfficeStore, filter: QueryPayload<'audit:list'>, now: number): AuditEntry[] {
  const narrowed = filter.visitId !== undefined || filter.deviceId !== undefined;
  const params = {
    visitId: filter.visitId ?? null,
    deviceId: filter.deviceId ?? null,
    // Without a visit or device to look for, the last week: the log is long.
    from: filter.from ?? (narrowed ? 0 : now - 7 * 86_400_000),
    to: filter.to ?? Number.MAX_SAFE_INTEGER,
    limit: filter.limit ?? 200,
  };
  const where = `(@visitId IS NULL OR visit_id = @visitId) AND (@deviceId IS NULL OR device_id = @deviceId)
                 AND at BETWEEN @from AND @to`;
  return store.db
    .prepare<typeof params, AuditEntry>(
      `SELECT x.at, x.deviceId, d.name AS deviceName, x.officer, x.visitId, v.ticket, x.action FROM (
         SELECT at, 0 AS source, id AS n, device_id AS deviceId, officer, visit_id AS visitId, action
           FROM audit WHERE ${where}
         UNION ALL
         SELECT at, 1, seq, device_id, officer, visit_id, type FROM events
           WHERE ${where} AND (visit_id IS NOT NULL OR role = 'admin')
       ) x
       LEFT JOIN devices d ON d.id = x.deviceId
       LEFT JOIN visits v ON v.id = x.visitId
       ORDER BY x.at DESC, x.source DESC, x.n DESC LIMIT @limit`,
    )
    .all(params);
}
