import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol.js';
import type { RegionDevice } from '../region/devices.js';
import type { DeviceRecord } from '../store/devices.js';

/** Who is on the other end of a socket, as established by the handshake. */
export type SocketData =
  // The token's hash, to check on every request that the device was not revoked or paired anew since.
  | { kind: 'device'; device: DeviceRecord; tokenHash: string }
  | { kind: 'status'; visitId: string }
  // A device of the region (server/region/): of no office, in no room, refused every office request.
  | { kind: 'region'; device: RegionDevice; tokenHash: string };

export type OfficeIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type OfficeSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/** Staff screens get the event stream; public screens the public view; a status page its own view. */
export const STAFF_ROOMS = ['role:desk', 'role:reception', 'role:admin'];
export const PUBLIC_ROOMS = ['role:display', 'role:kiosk'];
export const statusRoom = (visitId: string) => `status:${visitId}`;
export const deviceRoom = (deviceId: string) => `device:${deviceId}`;
