import { BareServer } from '../baselines/servers.js';
import { clientMix } from '../config.js';
import { monoMs, sleep } from '../lib/clock.js';
import { median, summarize, type Summary } from '../lib/stats.js';
import { desksByStation } from '../office/benchOffice.js';
import { deskClient, officeClients, startOffice, type OfficeRun } from '../office/officeRun.js';
import type { EventLoopDelay } from '../office/server.js';
import { deskPlan, gapFor, visitsFor } from '../load/plan.js';
import type { LoadPool } from '../load/pool.js';
import type { ClientSpec, PlannedCommand, System, Target } from '../load/protocol.js';
import { figure, ratio, type Figure, type PartResult } from '../report.js';
import { freshDir, type RunContext } from './context.js';

/** One system at one number of clients and one rate, its rounds taken together. */
export interface RateRun {
  /** Each round's latencies, in the order the rounds were taken. */
  readonly rounds: readonly Summary[];
  /** Each round's event-loop delay (its own histogram), in the same order. */
  readonly eldRounds: readonly EventLoopDelay[];
  /** The largest latency of any round. */
  readonly max: number;
  /** Deliveries that arrived, of those due (every screen, and the visit's own status pages). */
  readonly reach: number;
  readonly bytesPerUpdate: number;
  /** Update messages the clients received per command sent: how widely each change is sent. */
  readonly fanout: number;
  readonly refused: Record<string, number>;
  /** How late the generator sent, at worst (it should be a millisecond or two). */
  readonly sendLagMax: number;
  readonly measured: number;
}

/** What one round leaves for the rounds to be taken together. */
export interface Round {
  readonly latencies: number[];
  readonly got: number;
  readonly due: number;
  readonly eld: EventLoopDelay;
  readonly messages: number;
  readonly bytes: number;
  readonly sent: number;
  readonly refused: Record<string, number>;
  readonly sendLagMax: number;
}

interface Server {
  resetEventLoopDelay(): Promise<void>;
  eventLoopDelay(): Promise<EventLoopDelay>;
}

/** A saturated baseline can be seconds behind when its schedule ends: wait this long for the rest. */
const DRAIN_MS = 15_000;

/**
 * Runs one open-loop schedule and measures, for each command after the warm-up, the time from
 * when it was due (not when it was sent: coordinated omission) until the last target client had
 * the change. The same code measures the office and the baselines.
 */
export async function measureRound(
  pool: LoadPool,
  system: System,
  server: Server,
  commands: readonly (PlannedCommand & { timed?: boolean; visitId?: string; scope?: string })[],
  warmup: number,
  warmupMs: number,
): Promise<Round> {
  await pool.clear(system);
  const start = monoMs() + 300;
  const reset = setTimeout(() => void server.resetEventLoopDelay(), Math.max(0, start + warmupMs - monoMs()));
  const outcomes = await pool.run(start, commands);
  clearTimeout(reset);
  const eld = await server.eventLoopDelay();
  const byIndex = new Map(commands.map((c) => [c.i, c]));
  const refused: Record<string, number> = {};
  const targets: Target[] = [];
  let sendLagMax = 0;
  for (const o of outcomes) {
    const command = byIndex.get(o.i)!;
    sendLagMax = Math.max(sendLagMax, o.sentAt - (start + command.at));
    if (!o.ok) refused[o.code ?? '?'] = (refused[o.code ?? '?'] ?? 0) + 1;
    else if (o.i >= warmup && command.timed !== false && o.seq !== null)
      targets.push({
        i: o.i,
        seq: o.seq,
        ...(command.visitId && { visitId: command.visitId }),
        ...(command.scope !== undefined && { scope: command.scope }),
      });
  }
  // Whatever is still on its way gets time to arrive, so that it neither counts as lost nor
  // lands in the next system's round.
  let reached = await pool.reached(targets, system);
  for (let waited = 0; waited < DRAIN_MS && reached.some((r) => r.reached < r.expected); waited += 250) {
    await sleep(250);
    reached = await pool.reached(targets, system);
  }
  const traffic = await pool.traffic(system);
  let got = 0;
  let due = 0;
  const latencies: number[] = [];
  for (const r of reached) {
    got += r.reached;
    due += r.expected;
    if (r.last !== null && r.reached === r.expected) latencies.push(r.last - (start + byIndex.get(r.i)!.at));
  }
  return {
    latencies,
    got,
    due,
    eld,
    messages: traffic.messages,
    bytes: traffic.bytes,
    sent: outcomes.length,
    refused,
    sendLagMax,
  };
}

export function together(rounds: readonly Round[]): RateRun {
  const sum = (pick: (r: Round) => number) => rounds.reduce((n, r) => n + pick(r), 0);
  const refused: Record<string, number> = {};
  for (const r of rounds)
    for (const [code, n] of Object.entries(r.refused)) refused[code] = (refused[code] ?? 0) + n;
  const messages = sum((r) => r.messages);
  const summaries = rounds.map((r) => summarize(r.latencies));
  return {
    rounds: summaries,
    eldRounds: rounds.map((r) => r.eld),
    max: Math.max(...known(summaries.map((l) => l.max))),
    reach: sum((r) => r.due) === 0 ? NaN : (100 * sum((r) => r.got)) / sum((r) => r.due),
    bytesPerUpdate: messages === 0 ? 0 : sum((r) => r.bytes) / messages,
    fanout: sum((r) => r.sent) === 0 ? 0 : messages / sum((r) => r.sent),
    refused,
    sendLagMax: Math.max(...rounds.map((r) => r.sendLagMax)),
    measured: sum((r) => r.latencies.length),
  };
}

/**
 * Left out of a median: a round's event-loop delay is unknown (NaN) when the loop never sampled,
 * and its latencies when none of its commands reached every screen it had to.
 */
export const known = (values: readonly number[]) => values.filter((v) => Number.isFinite(v));

/**
 * The office ÷ a baseline, round by round, and the median of those ratios with their spread.
 * The median of per-round ratios rather than the ratio of the medians: the two rounds of a
 * pair ran one right after the other, so a neighbour's load that lasts a few seconds falls on
 * both sides of that pair's ratio and cancels; a burst that hit one side only makes one ratio
 * an outlier, which the median leaves out. The ratio of medians would set an office round
 * against a baseline round from another time.
 */
export function pairedRatio(office: readonly number[], bare: readonly number[]) {
  const ratios = known(office.map((o, k) => ratio(o, bare[k]!) ?? NaN));
  return ratios.length === 0
    ? { ratio: null, spread: { min: null, max: null } }
    : { ratio: median(ratios), spread: { min: Math.min(...ratios), max: Math.max(...ratios) } };
}

export const commandsAt = (rate: number, seconds: number) => Math.round(rate * seconds);

/** The desks' plan for one round, on households nobody has called yet. */
export function officeRound(
  office: Pick<OfficeRun, 'config' | 'visitors'>,
  present: Set<string>,
  used: { visits: number },
  rate: number,
  count: number,
) {
  const stations = desksByStation(office.config).map((s) => ({
    stationId: s.stationId,
    desks: s.desks.map(deskClient).filter((id) => present.has(id)),
  }));
  const plan = deskPlan({
    stations,
    visits: office.visitors.slice(used.visits).map((v) => v.visitId),
    count,
    rate,
    gap: gapFor(rate),
  });
  used.visits += plan.visitsUsed;
  return plan.commands;
}

/** The baselines' plan: the desks take turns sending, as many commands at the same times. */
function bareRound(drivers: readonly ClientSpec[], rate: number, count: number): PlannedCommand[] {
  return Array.from({ length: count }, (_, i) => ({
    i,
    at: (i * 1000) / rate,
    client: drivers[i % drivers.length]!.id,
    name: 'cmd',
    payload: {},
  }));
}

/**
 * All three systems at one number of clients, each with its own N clients connected for the
 * whole time, measured in turns: for each rate, the rounds go office → socket.io → ws, then
 * back (ws → socket.io → office), and so on, so that a change in the machine's other load
 * (another process starting, a test suite next door) falls on all three alike. Round k of the
 * office is compared with round k of each baseline, a few seconds apart (`pairedRatio`).
 */
async function atClients(ctx: RunContext, clients: number): Promise<Map<number, Record<System, RateRun>>> {
  const { latency } = ctx.sizes;
  const mix = clientMix(clients);
  const counts = latency.rates.map((rate) =>
    commandsAt(rate, latency.warmupSeconds + latency.roundSeconds(rate)),
  );
  const visits = latency.rates.reduce(
    (n, rate, k) => n + latency.rounds * visitsFor(counts[k]!, gapFor(rate)),
    0,
  );
  const office = await startOffice({ dir: freshDir(`latency-${clients}`), mix, visits });
  const bare = { io: await BareServer.start('io', 500), ws: await BareServer.start('ws', 500) };
  const results = new Map<number, Record<System, RateRun>>();
  try {
    const { drivers, listeners } = officeClients(office.devices, office.visitors, mix.statusPages);
    await ctx.pool.connect('office', office.server.url, drivers, listeners);
    const bareDrivers: Record<'io' | 'ws', ClientSpec[]> = { io: [], ws: [] };
    for (const kind of ['io', 'ws'] as const) {
      const spec = (id: string): ClientSpec => ({ id: `${kind}:${id}`, role: 'observer' });
      bareDrivers[kind] = Array.from({ length: mix.desks }, (_, k) => spec(`driver:${k}`));
      const bareListeners = Array.from({ length: clients - mix.desks }, (_, k) => spec(`listener:${k}`));
      await ctx.pool.connect(kind, bare[kind].url, bareDrivers[kind], bareListeners);
    }
    const present = new Set(drivers.map((d) => d.id));
    const used = { visits: 0 };
    for (const [k, rate] of latency.rates.entries()) {
      const warmup = commandsAt(rate, latency.warmupSeconds);
      const warmupMs = latency.warmupSeconds * 1000;
      const rounds: Record<System, Round[]> = { office: [], io: [], ws: [] };
      /** The office's average update so far at this rate: the baselines send the same size. */
      const officeBytes = () => {
        const done = rounds.office;
        const messages = done.reduce((n, r) => n + r.messages, 0);
        return messages === 0 ? 500 : Math.round(done.reduce((n, r) => n + r.bytes, 0) / messages);
      };
      for (let round = 0; round < latency.rounds; round++) {
        const order: System[] = round % 2 === 0 ? ['office', 'io', 'ws'] : ['ws', 'io', 'office'];
        for (const system of order) {
          if (system === 'office') {
            const commands = officeRound(office, present, used, rate, counts[k]!);
            rounds.office.push(
              await measureRound(ctx.pool, 'office', office.server, commands, warmup, warmupMs),
            );
          } else {
            await bare[system].setPayload(officeBytes());
            const commands = bareRound(bareDrivers[system], rate, counts[k]!);
            rounds[system].push(
              await measureRound(ctx.pool, system, bare[system], commands, warmup, warmupMs),
            );
          }
        }
      }
      const runs: Record<System, RateRun> = {
        office: together(rounds.office),
        io: together(rounds.io),
        ws: together(rounds.ws),
      };
      for (const system of ['office', 'io', 'ws'] as const)
        if (rounds[system].some((r) => r.latencies.length === 0))
          ctx.log(`  N=${clients} ${rate}/s: a round of ${system} measured nothing (left out)`);
      const show = (s: System) => `${s} p99 ${runs[s].rounds.map((r) => r.p99.toFixed(1)).join(' ')} ms`;
      ctx.log(
        `  N=${clients} ${rate}/s, each round: ${(['office', 'io', 'ws'] as const).map(show).join('; ')}; office event-loop delay p99 ${runs.office.eldRounds.map((e) => e.p99.toFixed(1)).join(' ')} ms`,
      );
      results.set(rate, runs);
    }
  } finally {
    await ctx.pool.disconnect();
    await office.server.stop();
    await bare.io.stop();
    await bare.ws.stop();
  }
  return results;
}

function figuresFor(clients: number, rate: number, runs: Record<System, RateRun>): Figure[] {
  const { office, io, ws } = runs;
  const id = `latency.n${clients}.r${rate}`;
  const at = `N=${clients}, ${rate}/s`;
  const baselines = (pick: (r: RateRun) => number, unit: string) => ({
    'socket.io': { value: pick(io), unit },
    ws: { value: pick(ws), unit },
  });
  /** Medians of the rounds, and the median of the per-round ratios with their spread. */
  const perRound = (key: string, label: string, pick: (r: RateRun) => readonly number[], unit: string) => {
    const vsIo = pairedRatio(pick(office), pick(io));
    const vsWs = pairedRatio(pick(office), pick(ws));
    return figure(`${id}.${key}`, `${label} (${at})`, median(known(pick(office))), unit, {
      baselines: baselines((r) => median(known(pick(r))), unit),
      ratios: { 'socket.io': vsIo.ratio, ws: vsWs.ratio },
      spreads: { 'socket.io': vsIo.spread, ws: vsWs.spread },
    });
  };
  const worst = office.max;
  return [
    perRound('p50', 'call to last screen p50', (r) => r.rounds.map((l) => l.p50), 'ms'),
    perRound('p99', 'call to last screen p99', (r) => r.rounds.map((l) => l.p99), 'ms'),
    figure(`${id}.max`, `call to last screen max (${at})`, worst, 'ms', {
      baselines: baselines((r) => r.max, 'ms'),
      ratios: { 'socket.io': ratio(worst, io.max), ws: ratio(worst, ws.max) },
    }),
    figure(`${id}.reach`, `reach (${at})`, office.reach, '%', { baselines: baselines((r) => r.reach, '%') }),
    perRound('eld.p99', 'server event-loop delay p99', (r) => r.eldRounds.map((e) => e.p99), 'ms'),
    figure(`${id}.fanout`, `updates sent per command (${at})`, office.fanout, 'messages', {
      baselines: baselines((r) => r.fanout, 'messages'),
      note: 'the baselines send every update to every client; the office only to whom it concerns',
    }),
  ];
}

/** Part 1: call-to-display latency against a bare `ws` and a bare socket.io broadcast. */
export async function latencyPart(ctx: RunContext): Promise<PartResult> {
  const figures: Figure[] = [];
  const details: Record<string, unknown> = { rounds: ctx.sizes.latency.rounds };
  for (const clients of ctx.sizes.latency.clients) {
    const runs = await atClients(ctx, clients);
    for (const rate of ctx.sizes.latency.rates) {
      figures.push(...figuresFor(clients, rate, runs.get(rate)!));
      const { office, io, ws } = runs.get(rate)!;
      details[`n${clients}.r${rate}`] = { office, 'socket.io': io, ws };
    }
  }
  return { figures, details };
}
