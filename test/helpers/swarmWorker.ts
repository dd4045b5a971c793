import { io, type Socket } from 'socket.io-client';
import { applyAll } from '../../shared/apply.js';
import type { EventEnvelope } from '../../shared/events.js';
import { decodeStaffSnapshot, type StaffSnapshotWire } from '../../shared/protocol.js';
import { fromData, type OfficeState } from '../../shared/state.js';
import { digest } from './canonical.js';
import type { SwarmReport, SwarmRequest, SwarmSpec } from './swarm.js';

/**
 * One process of a client swarm (see swarm.ts): hundreds of socket.io clients that behave like
 * the screens (a staff screen keeps its state from the snapshot and the event stream and says
 * how far it got when it reconnects; public screens and status pages keep their last view), and
 * report to the test process over IPC what they hold.
 */

interface Member {
  readonly spec: SwarmSpec;
  readonly socket: Socket;
  sessions: number;
  state?: OfficeState;
  lastSeq: number;
  view?: { seq: number };
  /** Sessions up to the last mark: a report counts what happened since. */
  marked: number;
  viewsSinceMark: number;
  gaps: number;
  /** The digest of what it holds, and of which state or view (digests are dear: hundreds of states). */
  digest?: { of: unknown; value: string };
}

function digestOf(m: Member, value: unknown): string {
  const seqless = m.spec.kind === 'staff' ? value : { ...(value as object), seq: 0 };
  if (m.digest && m.digest.of === value) return m.digest.value;
  m.digest = { of: value, value: digest(seqless) };
  return m.digest.value;
}

const members: Member[] = [];

function start(url: string, specs: readonly SwarmSpec[]): void {
  for (const spec of specs) {
    let member: Member | undefined = undefined;
    const socket = io(url, {
      auth: (cb) =>
        cb(
          'token' in spec.auth && member !== undefined && member.lastSeq > 0
            ? { ...spec.auth, lastSeq: member.lastSeq }
            : spec.auth,
        ),
      transports: ['websocket'],
      forceNew: true,
      // Sooner and closer together than the screens (half a second to five): a harsher stampede.
      reconnectionDelay: 100,
      reconnectionDelayMax: 1000,
      timeout: 10_000,
    });
    const m: Member = { spec, socket, sessions: 0, lastSeq: 0, marked: 0, viewsSinceMark: 0, gaps: 0 };
    member = m;
    members.push(m);
    socket.on('session:ready' as never, () => {
      m.sessions++;
    });
    socket.on('sync:snapshot' as never, (wire: StaffSnapshotWire) => {
      const snapshot = decodeStaffSnapshot(wire);
      m.state = fromData(snapshot.state);
      m.lastSeq = snapshot.seq;
    });
    socket.on('sync:events' as never, ({ events }: { events: EventEnvelope[] }) => {
      for (const e of events) {
        if (e.seq !== m.lastSeq + 1) m.gaps++;
        m.lastSeq = e.seq;
      }
      if (m.state) m.state = applyAll(m.state, events);
    });
    const onView = (view: { seq: number }) => {
      m.view = view;
      m.viewsSinceMark++;
    };
    socket.on('public:view' as never, onView);
    socket.on('status:view' as never, onView);
    // Status pages get no session:ready; count their connections.
    if (spec.kind === 'status')
      socket.on('connect', () => {
        m.sessions++;
      });
  }
}

function report(): SwarmReport {
  const staffDigests: Record<string, number> = {};
  const viewDigests: Record<string, number> = {};
  let connected = 0;
  let reconnected = 0;
  let freshViews = 0;
  let staffHeads = Number.MAX_SAFE_INTEGER;
  let gaps = 0;
  for (const m of members) {
    if (m.socket.connected) connected++;
    if (m.sessions > m.marked) reconnected++;
    gaps += m.gaps;
    if (m.spec.kind === 'staff') {
      staffHeads = Math.min(staffHeads, m.lastSeq);
      const d = m.state ? digestOf(m, m.state) : 'none';
      staffDigests[d] = (staffDigests[d] ?? 0) + 1;
    } else {
      if (m.viewsSinceMark > 0) freshViews++;
      if (m.spec.kind === 'public') {
        const d = m.view ? digestOf(m, m.view) : 'none';
        viewDigests[d] = (viewDigests[d] ?? 0) + 1;
      }
    }
  }
  return {
    clients: members.length,
    connected,
    reconnected,
    freshViews,
    staffHeads,
    staffDigests,
    viewDigests,
    gaps,
    rss: process.memoryUsage().rss,
  };
}

process.on('message', (request: SwarmRequest) => {
  if (request.type === 'start') start(request.url, request.specs);
  else if (request.type === 'mark')
    for (const m of members) {
      m.marked = m.sessions;
      m.viewsSinceMark = 0;
    }
  else if (request.type === 'stop') {
    for (const m of members) m.socket.close();
    process.exit(0);
  }
  process.send?.({ type: 'report', report: report() });
});
