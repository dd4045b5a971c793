import type { BroadcastOperator, Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol.js';
import type { RegionDevice } from '../region/devices.js';
import type { DeviceRecord } from '../store/devices.js';

/** Who is on the other end of a socket, as established by the handshake. */
export type SocketData =
  // The token's hash, to check on every request that the device was not revoked or paired anew since.
  | { kind: 'device'; officeId: string; device: DeviceRecord; tokenHash: string }
  | { kind: 'status'; officeId: string; visitId: string }
  // A device of the region (server/region/): of no office, in no room, refused every office request.
  | { kind: 'region'; device: RegionDevice; tokenHash: string };

/** What a region's nodes tell each other (through socket.io's PostgreSQL adapter). */
export interface NodeEvents {
  /** An office's log now reaches `head`: read what you have not applied. */
  head: (officeId: string, head: number) => void;
}

export type OfficeIo = Server<ClientToServerEvents, ServerToClientEvents, NodeEvents, SocketData>;
export type OfficeSocket = Socket<ClientToServerEvents, ServerToClientEvents, NodeEvents, SocketData>;

/**
 * One office's rooms on a server that may serve several: every room name is the office's, and
 * what is sent reaches this node's own sockets only (`local`), for every node sends its screens
 * what its own engine applied, in the log's order (docs/ARCHITECTURE.md §14).
 */
export interface OfficeRooms {
  readonly officeId: string;
  room(name: string): string;
  to(rooms: string | readonly string[]): BroadcastOperator<ServerToClientEvents, SocketData>;
}

export function officeRooms(io: OfficeIo, officeId: string): OfficeRooms {
  const room = (name: string) => `${officeId}/${name}`;
  return {
    officeId,
    room,
    to: (rooms) => io.local.to(typeof rooms === 'string' ? room(rooms) : rooms.map(room)),
  };
}

/** Staff screens get the event stream; public screens the public view; a status page its own view. */
export const STAFF_ROOMS = ['role:desk', 'role:reception', 'role:admin'];
export const PUBLIC_ROOMS = ['role:display', 'role:kiosk'];
export const statusRoom = (visitId: string) => `status:${visitId}`;
export const deviceRoom = (deviceId: string) => `device:${deviceId}`;
