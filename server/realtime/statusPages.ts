import { visitIdOf } from '../../shared/events.js';
import { desksOpen } from '../../shared/queue.js';
import type { OfficeState } from '../../shared/state.js';
import { statusView, viewKey, type StatusView } from '../../shared/views.js';
import { indexOf } from '../../shared/visitIndex.js';
import type { Clock } from '../clock.js';
import type { Committed } from '../office/engine.js';
import { statusRoom, type OfficeRooms, type OfficeSocket } from './types.js';

/** A phone needs no more than about one update a second; being called is sent at once. */
export const DEFAULT_STATUS_INTERVAL_MS = 1000;

interface Page {
  sockets: number;
  /** The last view sent, without its sequence number: what the phone shows. */
  shown: string;
  shownView: StatusView | undefined;
  sentAt: number;
}

/** What the visitor must hear at once: a call, a new station, the end of the visit. */
function urgent(before: StatusView | undefined, after: StatusView): boolean {
  if (!before) return true;
  const a = before.current;
  const b = after.current;
  return (
    before.status !== after.status ||
    a?.stationId !== b?.stationId ||
    a?.status !== b?.status ||
    a?.deskName !== b?.deskName ||
    before.steps.some((s, i) => s.status !== after.steps[i]?.status)
  );
}

/**
 * The visitors' status pages. Each is recomputed only when something it shows may have
 * changed: its own household's visit, or the queue, service times or open desks of the station
 * it waits at. A change of place in the queue or of the estimated wait reaches a phone at most
 * once per `intervalMs`; a change of its own step (called, handed over, done) goes at once.
 */
export class StatusPages {
  private readonly pages = new Map<string, Page>();
  /** Pages with a change held back, to be sent when their interval has passed. */
  private readonly held = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private state: OfficeState | undefined;
  private head = 0;

  constructor(
    private readonly rooms: OfficeRooms,
    /** The office's clock: due bookings move up the queue by it. */
    private readonly clock: Clock,
    private readonly intervalMs = DEFAULT_STATUS_INTERVAL_MS,
  ) {}

  /** A status page connected: it gets its view now and whenever it changes, until it closes. */
  attach(socket: OfficeSocket, visitId: string, state: OfficeState, head: number): void {
    const view = statusView(state, visitId, head, this.clock.now());
    const known = this.pages.get(visitId);
    const page = known ?? { sockets: 0, shown: '', shownView: undefined, sentAt: 0 };
    page.sockets += 1;
    // A second phone on the ticket gets the view now; what the first ones were shown (and any
    // change held back for them) stays as it is.
    if (view && !known) {
      page.shown = viewKey(view);
      page.shownView = view;
    }
    this.pages.set(visitId, page);
    void socket.join(this.rooms.room(statusRoom(visitId)));
    if (view) socket.emit('status:view', view);
    socket.once('disconnect', () => {
      page.sockets -= 1;
      if (page.sockets > 0) return;
      this.pages.delete(visitId);
      this.held.delete(visitId);
    });
  }

  /** After a commit: the pages whose view may have changed. */
  changed(before: OfficeState, committed: readonly Committed[], head: number): void {
    if (this.pages.size === 0 || committed.length === 0) return;
    const after = committed[committed.length - 1]!.state;
    const dirty = new Set<string>();
    for (const batch of committed)
      for (const e of batch.envelopes) {
        const id = visitIdOf(e.event);
        if (id !== null && this.pages.has(id)) dirty.add(id);
      }
    const a = indexOf(before);
    const b = indexOf(after);
    for (const station of after.config.stations) {
      const moved =
        a.waiting[station.id] !== b.waiting[station.id] ||
        a.served[station.id] !== b.served[station.id] ||
        before.config !== after.config ||
        desksOpen(before, station.id) !== desksOpen(after, station.id);
      if (!moved) continue;
      for (const entry of b.waiting[station.id] ?? [])
        if (this.pages.has(entry.visitId)) dirty.add(entry.visitId);
    }
    this.state = after;
    this.head = head;
    for (const id of dirty) this.update(id);
  }

  /** Every page looks again (due bookings move up as time passes). */
  refreshAll(state: OfficeState, head: number): void {
    this.state = state;
    this.head = head;
    for (const id of this.pages.keys()) this.update(id);
  }

  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }

  private update(visitId: string): void {
    const page = this.pages.get(visitId);
    if (!page || !this.state) return;
    const view = statusView(this.state, visitId, this.head, this.clock.now());
    if (!view) return;
    const key = viewKey(view);
    if (key === page.shown) {
      this.held.delete(visitId);
      return;
    }
    // The interval is kept on a monotonic clock: the office's may be moved by hand in tests.
    const now = performance.now();
    if (urgent(page.shownView, view) || now - page.sentAt >= this.intervalMs) {
      this.held.delete(visitId);
      this.send(visitId, page, view, key, now);
      return;
    }
    this.held.add(visitId);
    this.wakeAt(page.sentAt + this.intervalMs);
  }

  private wakeAt(at: number): void {
    if (at >= this.timerAt) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => this.flush(), Math.max(0, at - performance.now()));
    this.timer.unref();
  }

  private send(visitId: string, page: Page, view: StatusView, key: string, now: number): void {
    page.shown = key;
    page.shownView = view;
    page.sentAt = now;
    this.rooms.to(statusRoom(visitId)).emit('status:view', view);
  }

  /** Sends the held changes whose interval has passed; waits again for the others. */
  private flush(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = performance.now();
    for (const visitId of [...this.held]) {
      const page = this.pages.get(visitId);
      if (!page) this.held.delete(visitId);
      else if (page.sentAt + this.intervalMs <= now) this.update(visitId);
      else this.wakeAt(page.sentAt + this.intervalMs);
    }
  }
}
