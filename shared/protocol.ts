import { z } from 'zod';
import type { CommandName, CommandInput } from './commands.js';
import type { CallResult, CheckInResult, ImportResult } from './decide/index.js';
import type { DomainError } from './errors.js';
import { RoleSchema, type EventEnvelope, type Role } from './events.js';
import { SlugSchema, UuidSchema } from './ids.js';
import type { Agency, DataClass } from './office.js';
import { StatsRangeSchema, type Statistics } from './stats.js';
import { nameText } from './text.js';
import type { OfficeStateData } from './state.js';
import type { RegionClientToServerEvents, RegionDeviceInfo } from './region.js';
import type { PublicView, StatusView, VisitDetails } from './views.js';

/**
 * The socket.io contract: command names read `visit:call`; every command is acked with a
 * result union, only once its events are committed. Notifications flow on four channels:
 * staff screens get a snapshot and then every event (without personal data) in sequence;
 * the display and kiosk get the public view; a status page gets its own ticket's view.
 */

export type AckResult<T> =
  | { readonly ok: true; readonly seq: number; readonly value: T }
  | { readonly ok: false; readonly error: DomainError };

export interface CheckInAck extends CheckInResult {
  readonly stationId: string | null;
  readonly ahead: number | null;
  readonly estimatedWaitMinutes: number | null;
}

interface SpecialResults {
  'visit:check_in': CheckInAck;
  'queue:call_next': CallResult;
  'visit:call': CallResult;
  'visit:add_note': { noteId: string };
  'interpreter:add': { interpreterId: string };
  'appointments:import': ImportResult;
}
export type CommandResult<N extends CommandName> = N extends keyof SpecialResults
  ? SpecialResults[N]
  : Record<string, never>;

const DeviceIdSchema = z.string().uuid();

/**
 * Requests outside the event log: reads (audited where they touch a visit), and the admin's
 * management of devices and officers, which are the office's security set-up, not its day.
 */
export const QuerySchemas = {
  /** A desk's current visit, or reception's look at one: personal data and readable notes. */
  'visit:open': z.strictObject({ visitId: UuidSchema }),
  /** Reception's search of today's visits by ticket, booking reference or a household member's name. */
  'visit:find': z.strictObject({ text: z.string().trim().min(2).max(100) }),
  /** A screen that saw a gap in the sequence asks for a fresh snapshot. */
  'sync:snapshot': z.strictObject({}),
  'device:list': z.strictObject({}),
  'device:create': z.strictObject({
    name: nameText(60),
    role: RoleSchema,
    deskId: SlugSchema.nullable(),
  }),
  'device:rename': z.strictObject({ deviceId: DeviceIdSchema, name: nameText(60) }),
  'device:renew_code': z.strictObject({ deviceId: DeviceIdSchema }),
  'device:revoke': z.strictObject({ deviceId: DeviceIdSchema }),
  'officer:list': z.strictObject({}),
  'officer:set_pin': z.strictObject({
    name: nameText(80),
    pin: z.string().regex(/^\d{4,8}$/),
  }),
  'stats:compute': StatsRangeSchema,
  /** Who read or changed which visit; filters are optional. */
  'audit:list': z.strictObject({
    visitId: UuidSchema.optional(),
    deviceId: DeviceIdSchema.optional(),
    from: z.number().int().nonnegative().optional(),
    to: z.number().int().nonnegative().optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  }),
  /** What the retention job has erased: class, number of visits, when. */
  'retention:list': z.strictObject({}),
} as const;
export type QueryName = keyof typeof QuerySchemas;
export const QUERY_NAMES = Object.keys(QuerySchemas) as QueryName[];
export type QueryPayload<N extends QueryName> = z.infer<(typeof QuerySchemas)[N]>;

export const QUERY_ROLES: Record<QueryName, readonly Role[]> = {
  'visit:open': ['desk', 'reception'],
  'visit:find': ['reception', 'admin'],
  'sync:snapshot': ['admin', 'reception', 'kiosk', 'desk', 'display'],
  'device:list': ['admin'],
  'device:create': ['admin'],
  'device:rename': ['admin'],
  'device:renew_code': ['admin'],
  'device:revoke': ['admin'],
  'officer:list': ['admin'],
  'officer:set_pin': ['admin'],
  'stats:compute': ['admin'],
  'audit:list': ['admin'],
  'retention:list': ['admin'],
};

/** A paired (or waiting) device as the admin sees it; tokens and codes are never shown again. */
export interface DeviceSummary extends DeviceInfo {
  readonly createdAt: number;
  readonly pairedAt: number | null;
  readonly revokedAt: number | null;
  readonly lastSeenAt: number | null;
  readonly pairingExpires: number | null;
  readonly connected: boolean;
}

export interface AuditEntry {
  readonly at: number;
  readonly deviceId: string;
  readonly deviceName: string | null;
  readonly officer: string | null;
  readonly visitId: string | null;
  readonly ticket: string | null;
  /** An event type for a change (`called`, `note_added` …) or a request name for a read (`visit:open`). */
  readonly action: string;
}

export interface ErasureRecord {
  readonly at: number;
  readonly dataClass: DataClass;
  readonly agency: Agency | null;
  readonly beforeDay: string;
  readonly visits: number;
}

export interface QueryResults {
  'device:list': { devices: DeviceSummary[] };
  /** The one-time pairing code, shown once. */
  'device:create': { device: DeviceSummary; code: string };
  'device:rename': Record<string, never>;
  'device:renew_code': { code: string };
  'device:revoke': Record<string, never>;
  'officer:list': { names: string[] };
  'officer:set_pin': Record<string, never>;
  'stats:compute': Statistics;
  'audit:list': { entries: AuditEntry[] };
  'retention:list': { erasures: ErasureRecord[] };
  'visit:open': VisitDetails;
  /** Matching visits, newest first; their personal data is read with `visit:open`. */
  'visit:find': { visitIds: string[] };
  'sync:snapshot': Record<string, never>;
}

export type ClientToServerEvents = {
  [N in CommandName]: (payload: CommandInput<N>, ack: (result: AckResult<CommandResult<N>>) => void) => void;
} & {
  [Q in QueryName]: (payload: QueryPayload<Q>, ack: (result: AckResult<QueryResults[Q]>) => void) => void;
} & RegionClientToServerEvents;

/** Who this device is, as the server knows it. */
export interface DeviceInfo {
  readonly id: string;
  readonly role: Role;
  readonly name: string;
  readonly deskId: string | null;
}

export interface StaffSnapshot {
  readonly seq: number;
  readonly serverTime: number;
  /** The office state without personal data (see views.ts `staffState`), as plain data. */
  readonly state: OfficeStateData;
}

/**
 * A snapshot as it travels: the state is UTF-8 JSON in a binary attachment, serialised once per
 * sequence number and the same bytes handed to every staff screen that asks (a day's state is
 * several hundred KiB; one copy per socket would let a few screens fill the server's memory).
 */
export interface StaffSnapshotWire {
  readonly seq: number;
  readonly serverTime: number;
  readonly state: ArrayBuffer | Uint8Array;
}

// In every browser and in Node; shared/ compiles without either platform's types.
declare const TextDecoder: new () => { decode(bytes: ArrayBuffer | Uint8Array): string };

export function decodeStaffSnapshot(wire: StaffSnapshotWire): StaffSnapshot {
  const state = JSON.parse(new TextDecoder().decode(wire.state)) as OfficeStateData;
  return { seq: wire.seq, serverTime: wire.serverTime, state };
}

/** Events in log order, as committed together by one command (or a replay after a reconnect). */
export interface EventBatch {
  readonly events: readonly EventEnvelope[];
}

export const NOTICE_CODES = ['storage_unavailable', 'storage_restored', 'device_revoked'] as const;
export type NoticeCode = (typeof NOTICE_CODES)[number];

/** Sent first on every device socket: who the server takes this device to be. */
export interface SessionInfo {
  readonly device: DeviceInfo | RegionDeviceInfo;
  readonly serverTime: number;
}

export interface ServerToClientEvents {
  'session:ready': (session: SessionInfo) => void;
  'sync:snapshot': (snapshot: StaffSnapshotWire) => void;
  'sync:events': (batch: EventBatch) => void;
  'public:view': (view: PublicView) => void;
  'status:view': (view: StatusView) => void;
  'server:notice': (notice: { readonly code: NoticeCode }) => void;
}

/**
 * The handshake's `auth`: a paired device's token, or a visitor's status token; `lastSeq` is
 * the last event a staff screen applied, so the server can send only what it missed.
 */
export const HandshakeAuthSchema = z.union([
  z.strictObject({ token: z.string().min(20).max(200), lastSeq: z.number().int().nonnegative().optional() }),
  z.strictObject({ statusToken: z.string().min(16).max(64) }),
]);
export type HandshakeAuth = z.infer<typeof HandshakeAuthSchema>;
