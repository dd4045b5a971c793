import { randomUUID } from 'node:crypto';
import { emit, serve } from '../lib/child.js';
import { monoMs, sleep } from '../lib/clock.js';
import { createClient, OfficeClient, sendWithRetry, type LoadClient } from './clients.js';
import {
  SCREEN_ROLES,
  type ClientSpec,
  type CommandOutcome,
  type LoopResult,
  type LoopSpec,
  type PlannedCommand,
  type Reached,
  type SyncResult,
  type System,
  type Target,
} from './protocol.js';

/**
 * A load-generator process: it holds its share of the connected clients, sends the commands of
 * the open-loop plan on time whatever the server does, and answers where and when each change
 * arrived. Several of these run side by side, so no process drives too many sockets to be fair.
 */
const clients = new Map<string, LoadClient>();
/** The server of each system, for clients made later (a status page moving to another visit). */
const urls = new Map<System, string>();
/** Status pages in the order they are moved to newly checked-in visits (the memory day). */
let rotation = 0;

/** The clients of one system, or all of them. */
const ofSystem = (system?: System) =>
  [...clients.values()].filter((c) => system === undefined || c.system === system);

async function connect(message: { url: string; system: System; clients: ClientSpec[] }) {
  urls.set(message.system, message.url);
  const started = monoMs();
  const fresh = message.clients.map((spec) => {
    if (clients.has(spec.id)) throw new Error(`client ${spec.id} is connected already`);
    const client = createClient(message.system, message.url, spec);
    clients.set(spec.id, client);
    return client;
  });
  // Connecting a thousand sockets at once would time the handshakes out on two cores.
  for (let i = 0; i < fresh.length; i += 50)
    await Promise.all(fresh.slice(i, i + 50).map((c) => c.connected()));
  return { connected: fresh.length, ms: monoMs() - started };
}

function withCommandId(client: LoadClient, payload: Record<string, unknown>, commandId: string) {
  return client.system === 'office' ? { commandId, ...payload } : payload;
}

/** Sends each command when it is due (late ones at once), never waiting for the server. */
async function run(message: {
  start: number;
  stopAt?: number;
  commands: PlannedCommand[];
  ackTimeoutMs: number;
}) {
  const outcomes: Promise<CommandOutcome>[] = [];
  const visits = new Map<number, string>();
  const waitingFor = new Map<number, (() => void)[]>();
  const send = (command: PlannedCommand, payload: Record<string, unknown>) => {
    const client = clients.get(command.client);
    if (!client) throw new Error(`no client ${command.client} here`);
    const commandId = randomUUID();
    const sentAt = monoMs();
    return client
      .send(command.name, withCommandId(client, payload, commandId), message.ackTimeoutMs)
      .then((ack) => {
        const ackAt = ack.ok ? monoMs() : null;
        if (command.ref !== undefined && ack.ok) {
          const value = ack.value as { visitId: string; statusToken: string };
          visits.set(command.ref, value.visitId);
          for (const wake of waitingFor.get(command.ref) ?? []) wake();
          waitingFor.delete(command.ref);
          emit('checked-in', { ref: command.ref, visitId: value.visitId, statusToken: value.statusToken });
        }
        return {
          i: command.i,
          commandId,
          sentAt,
          ackAt,
          ok: ack.ok,
          seq: ack.seq,
          ...(ack.code !== undefined && { code: ack.code }),
        };
      });
  };
  const dispatch = (command: PlannedCommand) => {
    if (command.visitRef === undefined) return send(command, command.payload);
    const known = visits.get(command.visitRef);
    if (known) return send(command, { ...command.payload, visitId: known });
    // The check-in it needs has not been acked yet: it goes as soon as it is.
    return new Promise<void>((resolve) =>
      waitingFor.set(command.visitRef!, [...(waitingFor.get(command.visitRef!) ?? []), resolve]),
    ).then(() => send(command, { ...command.payload, visitId: visits.get(command.visitRef!) }));
  };

  const commands = [...message.commands].sort((a, b) => a.at - b.at);
  for (const command of commands) {
    const due = message.start + command.at;
    if (message.stopAt !== undefined && due >= message.stopAt) break;
    // A timer, not a spin: the server shares these two cores. Lateness counts against the
    // latency anyway, which is taken from when the command was due.
    const wait = due - monoMs();
    if (wait > 0) await sleep(wait);
    outcomes.push(dispatch(command));
  }
  return Promise.all(outcomes);
}

/** Each client sends its cycle of commands back to back until enough were acked or time is up. */
async function loop(message: { loops: LoopSpec[]; count?: number; durationMs?: number; warmupMs: number }) {
  const started = monoMs();
  const measureFrom = started + message.warmupMs;
  const result = { ok: 0, refused: {} as Record<string, number>, measuredOk: 0, latencies: [] as number[] };
  const done = () =>
    (message.count !== undefined && result.ok >= message.count) ||
    (message.durationMs !== undefined && monoMs() - started >= message.durationMs);
  let measuredUntil = measureFrom;
  await Promise.all(
    message.loops.map(async ({ client, cycle }) => {
      const c = clients.get(client);
      if (!c) throw new Error(`no client ${client} here`);
      // Whole cycles only: a desk left holding a called household would have its next run's
      // first call refused.
      for (let k = 0; k % cycle.length !== 0 || !done(); k++) {
        const step = cycle[k % cycle.length]!;
        const sentAt = monoMs();
        const ack = await c.send(step.name, withCommandId(c, step.payload, randomUUID()), 30_000);
        const ackAt = monoMs();
        if (!ack.ok) {
          result.refused[ack.code ?? '?'] = (result.refused[ack.code ?? '?'] ?? 0) + 1;
          continue;
        }
        result.ok += 1;
        if (sentAt >= measureFrom) {
          result.measuredOk += 1;
          result.latencies.push(ackAt - sentAt);
          measuredUntil = Math.max(measuredUntil, ackAt);
        }
      }
    }),
  );
  return { ...result, measuredMs: measuredUntil - measureFrom } satisfies LoopResult;
}

/** For each measured command: when the last of its target clients here got it, and how many did. */
function reached(message: { targets: Target[]; system: System }): Reached[] {
  const mine = ofSystem(message.system);
  const screens = mine.filter((c) => c.system !== 'office' || SCREEN_ROLES.has(c.spec.role));
  const pagesOf = new Map<string, LoadClient[]>();
  if (message.system === 'office')
    for (const c of mine)
      if (c.spec.role === 'status' && c.spec.visitId)
        pagesOf.set(c.spec.visitId, [...(pagesOf.get(c.spec.visitId) ?? []), c]);
  return message.targets.map((t) => {
    const own = t.scope === undefined ? screens : screens.filter((c) => c.spec.id.startsWith(t.scope!));
    const targets = [...own, ...(t.visitId ? (pagesOf.get(t.visitId) ?? []) : [])];
    let last: number | null = null;
    let count = 0;
    for (const c of targets) {
      const at = c.arrival(t.seq);
      if (at === null) continue;
      count += 1;
      last = last === null ? at : Math.max(last, at);
    }
    return { i: t.i, last, reached: count, expected: targets.length };
  });
}

/** Waits until every client got an update at or past `head` after `after` (a restart). */
async function synced(message: { after: number; head: number; timeoutMs: number }): Promise<SyncResult> {
  const deadline = monoMs() + message.timeoutMs;
  for (;;) {
    let last: number | null = null;
    let afterConnect: number | null = null;
    let pending = 0;
    for (const c of clients.values()) {
      const at = c.arrival(message.head, message.after);
      if (at === null) pending += 1;
      else {
        last = last === null ? at : Math.max(last, at);
        if (c.connectedAt !== null && c.connectedAt > message.after)
          afterConnect = Math.max(afterConnect ?? 0, at - c.connectedAt);
      }
    }
    if (pending === 0 || monoMs() > deadline) return { done: pending === 0, last, afterConnect, pending };
    await sleep(5);
  }
}

/** A visitor's phone opens the status page of a household that just checked in. */
function moveStatusPages(message: { visitId: string; statusToken: string; count: number }) {
  const pages = [...clients.values()].filter((c) => c.spec.role === 'status');
  for (let k = 0; k < Math.min(message.count, pages.length); k++) {
    const page = pages[rotation++ % pages.length]!;
    page.close();
    const spec = { ...page.spec, statusToken: message.statusToken, visitId: message.visitId };
    clients.set(spec.id, new OfficeClient(urls.get('office')!, spec));
  }
}

serve({
  connect: (m) => connect(m as unknown as Parameters<typeof connect>[0]),
  run: (m) => run(m as unknown as Parameters<typeof run>[0]),
  loop: (m) => loop(m as unknown as Parameters<typeof loop>[0]),
  reached: (m) => reached(m as unknown as Parameters<typeof reached>[0]),
  synced: (m) => synced(m as unknown as Parameters<typeof synced>[0]),
  moveStatusPages: (m) => moveStatusPages(m as unknown as Parameters<typeof moveStatusPages>[0]),
  send: async (m) => {
    const { client, name, payload } = m as unknown as {
      client: string;
      name: string;
      payload: Record<string, unknown>;
    };
    const sentAt = monoMs();
    const c = clients.get(client)!;
    const ack = await sendWithRetry(c, name, withCommandId(c, payload, randomUUID()));
    return { ...ack, sentAt, ackAt: monoMs() };
  },
  traffic: (m) => {
    let messages = 0;
    let bytes = 0;
    let gaps = 0;
    for (const c of ofSystem(m.system as System | undefined)) {
      messages += c.messages;
      bytes += c.bytes;
      gaps += c.gaps;
    }
    return { messages, bytes, gaps };
  },
  clear: (m) => {
    for (const c of ofSystem(m.system as System | undefined)) c.clear();
  },
  close: async (m) => {
    for (const c of ofSystem(m.system as System | undefined)) {
      c.close();
      clients.delete(c.spec.id);
    }
    await sleep(50);
  },
});
emit('ready');
