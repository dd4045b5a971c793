import { publicView, staffEvent, statusView } from '../../shared/views.js';
import type { Clock } from '../clock.js';
import type { Committed, OfficeEngine } from '../office/engine.js';
import { PUBLIC_ROOMS, STAFF_ROOMS, statusRoom, type OfficeIo, type OfficeSocket } from './types.js';

const withoutSeq = (view: { seq: number }) => JSON.stringify({ ...view, seq: 0 });

/**
 * Sends what changed to each audience: staff screens every event (personal data stripped), in
 * sequence; the display and kiosk the public view, and each status page its ticket's view,
 * only when they actually changed.
 */
export class Broadcaster {
  private lastPublic = '';
  /** Status pages open now, by visit, with the view they last got. */
  private readonly statusPages = new Map<string, { sockets: number; last: string }>();

  constructor(
    private readonly io: OfficeIo,
    private readonly engine: OfficeEngine,
    private readonly clock: Clock,
  ) {}

  publish(committed: readonly Committed[]): void {
    if (committed.length === 0) return;
    for (const batch of committed)
      this.io.to(STAFF_ROOMS).emit('sync:events', { events: batch.envelopes.map(staffEvent) });
    this.refreshViews();
  }

  /** Recomputes the public and status views; also run on a timer, as due bookings move up. */
  refreshViews(): void {
    const { state, head } = this.engine;
    const now = this.clock.now();
    const view = publicView(state, head);
    const key = withoutSeq(view);
    if (key !== this.lastPublic) {
      this.lastPublic = key;
      this.io.to(PUBLIC_ROOMS).emit('public:view', view);
    }
    for (const [visitId, page] of this.statusPages) {
      const status = statusView(state, visitId, head, now);
      if (!status) continue;
      const statusKey = withoutSeq(status);
      if (statusKey === page.last) continue;
      page.last = statusKey;
      this.io.to(statusRoom(visitId)).emit('status:view', status);
    }
  }

  sendPublicView(socket: OfficeSocket): void {
    socket.emit('public:view', publicView(this.engine.state, this.engine.head));
  }

  /** A status page opened: it gets its view now and whenever it changes, until it closes. */
  openStatusPage(socket: OfficeSocket, visitId: string): void {
    const view = statusView(this.engine.state, visitId, this.engine.head, this.clock.now());
    const page = this.statusPages.get(visitId) ?? { sockets: 0, last: '' };
    page.sockets += 1;
    if (view) page.last = withoutSeq(view);
    this.statusPages.set(visitId, page);
    void socket.join(statusRoom(visitId));
    if (view) socket.emit('status:view', view);
    socket.once('disconnect', () => {
      page.sockets -= 1;
      if (page.sockets === 0) this.statusPages.delete(visitId);
    });
  }
}
