import type { StaffSnapshotWire } from '../../shared/protocol.js';
import type { OfficeState } from '../../shared/state.js';
import { publicView, staffEvent, staffState, viewKey } from '../../shared/views.js';
import type { Clock } from '../clock.js';
import type { Committed, OfficeEngine } from '../office/engine.js';
import { StatusPages } from './statusPages.js';
import { PUBLIC_ROOMS, STAFF_ROOMS, type OfficeRooms, type OfficeSocket } from './types.js';

/**
 * Sends what changed to each audience: staff screens every event (personal data stripped), in
 * sequence; the display and kiosk the public view when it changed; each status page its
 * ticket's view when that changed (statusPages.ts). What a commit costs here grows with what it
 * changed and with who must hear of it, not with the day.
 */
export class Broadcaster {
  private lastPublic = '';
  /** The staff state, serialised once per sequence number for every screen that needs it. */
  private snapshot: { seq: number; bytes: Buffer } | undefined;
  /** The state the screens were last told about. */
  private told: OfficeState;
  readonly statusPages: StatusPages;

  constructor(
    private readonly rooms: OfficeRooms,
    private readonly engine: OfficeEngine,
    private readonly clock: Clock,
    statusIntervalMs?: number,
  ) {
    this.told = engine.state;
    this.statusPages = new StatusPages(rooms, clock, statusIntervalMs);
  }

  publish(committed: readonly Committed[]): void {
    if (committed.length === 0) return;
    const events = committed.flatMap((batch) => batch.envelopes.map(staffEvent));
    this.rooms.to(STAFF_ROOMS).emit('sync:events', { events });
    this.refreshPublic();
    this.statusPages.changed(this.told, committed, this.engine.head);
    this.told = committed[committed.length - 1]!.state;
  }

  /** Run on a timer: due bookings move up the queue as time passes, without any command. */
  refreshViews(): void {
    this.refreshPublic();
    this.told = this.engine.state;
    this.statusPages.refreshAll(this.engine.state, this.engine.head);
  }

  sendPublicView(socket: OfficeSocket): void {
    socket.emit('public:view', publicView(this.engine.state, this.engine.head));
  }

  sendSnapshot(socket: OfficeSocket): void {
    socket.emit('sync:snapshot', this.staffSnapshot());
  }

  /** The size of the latest staff snapshot sent (0 before the first). */
  snapshotBytes(): number {
    return this.snapshot?.bytes.byteLength ?? 0;
  }

  staffSnapshot(): StaffSnapshotWire {
    const seq = this.engine.head;
    if (this.snapshot?.seq !== seq)
      this.snapshot = { seq, bytes: Buffer.from(JSON.stringify(staffState(this.engine.state))) };
    return { seq, serverTime: this.clock.now(), state: this.snapshot.bytes };
  }

  openStatusPage(socket: OfficeSocket, visitId: string): void {
    this.statusPages.attach(socket, visitId, this.engine.state, this.engine.head);
  }

  close(): void {
    this.statusPages.close();
  }

  private refreshPublic(): void {
    const view = publicView(this.engine.state, this.engine.head);
    const key = viewKey(view);
    if (key === this.lastPublic) return;
    this.lastPublic = key;
    this.rooms.to(PUBLIC_ROOMS).emit('public:view', view);
  }
}
