import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { clientMix, type ClientMix } from '../config.js';
import { median, summarize } from '../lib/stats.js';
import { deskPlan, gapFor, visitsFor } from '../load/plan.js';
import type { ClientSpec, LoopSpec, PlannedCommand } from '../load/protocol.js';
import { benchOffice, desksByStation } from '../office/benchOffice.js';
import { householdsPerDesk } from '../office/households.js';
import { addBenchOffice, deskClient, officeClients } from '../office/officeRun.js';
import { OfficeServerProcess, type EventLoopDelay } from '../office/server.js';
import { checkIn, devicesOf, pairDevices, signIn, type PairedDevice, type Visitor } from '../office/setup.js';
import type { OfficeConfig } from '../../../shared/office.js';
import { figure, ratio, type Figure, type PartResult } from '../report.js';
import type { RunContext } from './context.js';
import {
  commandsAt,
  known,
  measureRound,
  officeRound,
  pairedRatio,
  together,
  type Round,
} from './latency.js';
import { bareInsertLoop, settle } from './postgres.js';

/** The two ways of serving the same region: several node processes, or one. */
type Side = 'region' | 'single';

/** One office of the region as the orchestrator knows it. */
interface RegionOffice {
  readonly id: string;
  /** Sets its clients apart in the load generators (and scopes its screens: its own log's seqs). */
  readonly prefix: string;
  readonly config: OfficeConfig;
  readonly devices: PairedDevice[];
  /** The households the latency rounds call, in queue order (the durable ones are not among them). */
  readonly visitors: Visitor[];
  /** Each desk's own household for the durable loop (call, return to the queue). */
  readonly own: Map<string, string>;
  /** Latency households used so far. */
  readonly used: { visits: number };
}

/** A node does not serve screens: it needs no renderer. */
const NO_RENDERER = join(tmpdir(), 'motesplats-bench-no-renderer');

const startNodes = (url: string, count: number) =>
  Promise.all(
    Array.from({ length: count }, () =>
      OfficeServerProcess.startNode({ url, port: 0, logLevel: 'info', rendererDir: NO_RENDERER }),
    ),
  );

const stopNodes = (nodes: readonly OfficeServerProcess[]) => Promise.all(nodes.map((n) => n.stop()));

/** The nodes as one server for `measureRound`: the event-loop delay of the worst of them. */
function asOne(nodes: readonly OfficeServerProcess[]) {
  return {
    async resetEventLoopDelay() {
      await Promise.all(nodes.map((n) => n.resetEventLoopDelay()));
    },
    async eventLoopDelay(): Promise<EventLoopDelay> {
      const all = await Promise.all(nodes.map((n) => n.eventLoopDelay()));
      const worst = (pick: (e: EventLoopDelay) => number) => Math.max(...all.map(pick));
      return {
        p50: worst((e) => e.p50),
        p99: worst((e) => e.p99),
        max: worst((e) => e.max),
        mean: worst((e) => e.mean),
      };
    },
  };
}

/** Households one round of an office's plan uses at a rate (the plan is deterministic). */
function visitsPerRound(config: OfficeConfig, rate: number, count: number): number {
  const gap = gapFor(rate);
  const fake = Array.from({ length: visitsFor(count, gap) }, (_, k) => `v${k}`);
  return deskPlan({ stations: desksByStation(config), visits: fake, count, rate, gap }).visitsUsed;
}

/**
 * The offices added to a new database, and through one node (started for it and stopped after):
 * each office's devices paired, an officer at every desk, its households checked in, and each
 * desk given a household of its own for the durable loop.
 */
async function setUp(ctx: RunContext, url: string, mix: ClientMix, visits: number): Promise<RegionOffice[]> {
  const { region } = ctx.sizes;
  const config = benchOffice();
  const now = Date.now();
  const ids = Array.from({ length: region.offices }, (_, k) => `o${String(k + 1).padStart(2, '0')}`);
  for (const id of ids)
    await addBenchOffice({ url, officeId: id }, { ...config, name: `${config.name} ${id}` }, now);
  const [node] = await startNodes(url, 1);
  try {
    const offices: RegionOffice[] = [];
    for (const id of ids) {
      const database = { url, officeId: id };
      const devices = await pairDevices(node!.url, '', devicesOf(mix, config), now, database);
      const desks = devices.filter((d) => d.role === 'desk');
      await signIn(node!.url, desks);
      const kiosk = devices.find((d) => d.role === 'kiosk')!;
      const all = await checkIn(node!.url, kiosk.token, desks.length + visits);
      const byDesk = await householdsPerDesk(
        node!.url,
        desks.find((d) => d.deskId!.startsWith('mv-'))!.token,
        desks.map((d) => d.deskId!),
        all,
        1,
      );
      offices.push({
        id,
        prefix: `${id}/`,
        config,
        devices,
        visitors: all.slice(desks.length),
        own: new Map([...byDesk].map(([desk, [visitId]]) => [desk, visitId!])),
        used: { visits: 0 },
      });
    }
    ctx.log(
      `  ${offices.length} offices set up on PostgreSQL: ${offices.length * mix.desks} desks signed in, ${offices.length * (mix.desks + visits)} households checked in`,
    );
    return offices;
  } finally {
    await stopNodes([node!]);
  }
}

/**
 * Where each client connects. One node: all there. Several: an office's desks on its home node
 * (office k on node k mod n), all its other screens (displays, kiosks, reception, admin, status
 * pages) round robin on the other nodes, so that every screen but the desks themselves learns of
 * a desk's command through the adapter from another node: the cross-node path is what is timed.
 */
function placement(offices: readonly RegionOffice[], mix: ClientMix, nodes: number) {
  const at = Array.from({ length: nodes }, () => ({
    drivers: [] as ClientSpec[],
    listeners: [] as ClientSpec[],
  }));
  offices.forEach((office, k) => {
    const home = k % nodes;
    const others = nodes === 1 ? [0] : at.map((_, j) => j).filter((j) => j !== home);
    const { drivers, listeners } = officeClients(
      office.devices,
      office.visitors,
      mix.statusPages,
      office.prefix,
    );
    let next = k;
    for (const spec of [...drivers, ...listeners]) {
      if (spec.role === 'desk') at[home]!.drivers.push(spec);
      else if (spec.role === 'kiosk') at[others[next++ % others.length]!]!.drivers.push(spec);
      else at[others[next++ % others.length]!]!.listeners.push(spec);
    }
  });
  return at;
}

/**
 * One round's commands for the whole region at `rate`: each office's own plan (the latency part's
 * `officeRound`, at its share of the rate), the offices' commands interleaved evenly in time, each
 * scoped to its office's screens.
 */
function regionRound(offices: readonly RegionOffice[], rate: number, count: number) {
  const perOffice = Math.max(1, Math.ceil(count / offices.length));
  const share = rate / offices.length;
  const all: (PlannedCommand & { timed: boolean; visitId: string; scope: string })[] = [];
  offices.forEach((office, k) => {
    const present = new Set(
      office.devices.filter((d) => d.role === 'desk').map((d) => deskClient(d.deskId!)),
    );
    for (const c of officeRound(office, present, office.used, share, perOffice))
      all.push({
        ...c,
        at: c.at + (k * 1000) / rate,
        client: `${office.prefix}${c.client}`,
        scope: office.prefix,
      });
  });
  all.sort((a, b) => a.at - b.at);
  return all.map((c, i) => ({ ...c, i }));
}

interface Durable {
  readonly perSecond: number;
  readonly p99: number;
  readonly cpuPerCommand: number;
  readonly refused: Record<string, number>;
}

/** Every desk of every office back to back (call its own household, return it to the queue). */
async function durableRun(
  ctx: RunContext,
  nodes: readonly OfficeServerProcess[],
  offices: readonly RegionOffice[],
) {
  const { region } = ctx.sizes;
  const loops: LoopSpec[] = offices.flatMap((office) =>
    [...office.own].map(([deskId, visitId]) => ({
      client: `${office.prefix}${deskClient(deskId)}`,
      cycle: [
        { name: 'visit:call', payload: { visitId } },
        { name: 'visit:return_to_queue', payload: { visitId } },
      ],
    })),
  );
  const cpuOf = async () => (await Promise.all(nodes.map((n) => n.cpu()))).reduce((a, b) => a + b, 0);
  const cpuBefore = await cpuOf();
  const result = await ctx.pool.loop(
    loops,
    { durationMs: (region.durableWarmupSeconds + region.durableSeconds) * 1000 },
    region.durableWarmupSeconds * 1000,
  );
  const cpu = (await cpuOf()) - cpuBefore;
  return {
    perSecond: (1000 * result.measuredOk) / result.measuredMs,
    p99: summarize(result.latencies).p99,
    // Every acked command, the warm-up's too, as the CPU time counts the warm-up.
    cpuPerCommand: cpu / Math.max(1, result.ok),
    refused: result.refused,
  } satisfies Durable;
}

/**
 * Part 10 (issue 13): a region of offices on one PostgreSQL served by several node processes,
 * against the same offices served by one node process, in the same run: the same clients, the
 * same plan, blocks that take turns (one node, the region, the region, one node) so that the
 * machine's other load falls on both alike, round k of one side set against round k of the other
 * (`pairedRatio`). Each block also runs every desk back to back, against the bare `pg` insert
 * loop on the same server before and after.
 */
export async function regionPart(ctx: RunContext): Promise<PartResult> {
  const { region } = ctx.sizes;
  const mix = clientMix(region.screens);
  const clients = region.offices * region.screens;
  const blocks = 2;
  const perBlock = Math.max(1, Math.ceil(region.rounds / blocks));
  const config = benchOffice();
  const counts = region.rates.map((rate) =>
    commandsAt(rate, region.warmupSeconds + region.roundSeconds(rate)),
  );
  const perOffice = (count: number) => Math.max(1, Math.ceil(count / region.offices));
  // Every round of both sides calls households of its own.
  const visits = region.rates.reduce(
    (n, rate, k) =>
      n + 2 * blocks * perBlock * visitsPerRound(config, rate / region.offices, perOffice(counts[k]!)),
    0,
  );

  const server: TestPostgres = await startPostgres();
  try {
    const url = await server.createDatabase('region');
    const offices = await setUp(ctx, url, mix, visits);
    const rounds: Record<Side, Map<number, Round[]>> = { region: new Map(), single: new Map() };
    const durable: Record<Side, Durable[]> = { region: [], single: [] };
    const bare: number[] = [];
    for (let block = 0; block < blocks; block++)
      for (const side of block % 2 === 0
        ? (['single', 'region'] as const)
        : (['region', 'single'] as const)) {
        await settle(server.url);
        const nodes = await startNodes(url, side === 'region' ? region.nodes : 1);
        try {
          const at = placement(offices, mix, nodes.length);
          const started = performance.now();
          for (const [j, node] of nodes.entries())
            await ctx.pool.connect('office', node.url, at[j]!.drivers, at[j]!.listeners);
          ctx.log(
            `  ${side === 'region' ? `${nodes.length} nodes` : 'one node'}: ${clients} clients connected in ${((performance.now() - started) / 1000).toFixed(1)} s (${at.map((a) => a.drivers.length + a.listeners.length).join(' + ')})`,
          );
          const served = asOne(nodes);
          for (const [k, rate] of region.rates.entries())
            for (let round = 0; round < perBlock; round++) {
              const commands = regionRound(offices, rate, counts[k]!);
              const measured = await measureRound(
                ctx.pool,
                'office',
                served,
                commands,
                commandsAt(rate, region.warmupSeconds),
                region.warmupSeconds * 1000,
              );
              rounds[side].set(rate, [...(rounds[side].get(rate) ?? []), measured]);
            }
          await settle(server.url);
          bare.push(await bareInsertLoop(url, region.durableSeconds / 2));
          const run = await durableRun(ctx, nodes, offices);
          bare.push(await bareInsertLoop(url, region.durableSeconds / 2));
          durable[side].push(run);
          ctx.log(
            `  ${side}: every desk back to back ${run.perSecond.toFixed(0)} commands/s, ack p99 ${run.p99.toFixed(1)} ms, ${run.cpuPerCommand.toFixed(0)} µs CPU a command (all nodes); bare pg loop ${bare
              .slice(-2)
              .map((b) => b.toFixed(0))
              .join(' / ')}/s`,
          );
        } finally {
          await ctx.pool.disconnect();
          await stopNodes(nodes);
        }
      }
    return {
      figures: figuresOf(ctx, clients, rounds, durable, bare),
      details: detailsOf(ctx, clients, mix, rounds, durable, bare),
    };
  } finally {
    await server.stop();
  }
}

function figuresOf(
  ctx: RunContext,
  clients: number,
  rounds: Record<Side, Map<number, Round[]>>,
  durable: Record<Side, Durable[]>,
  bare: readonly number[],
): Figure[] {
  const { region } = ctx.sizes;
  const nodes = `${region.nodes} nodes`;
  const figures: Figure[] = [];
  for (const rate of region.rates) {
    const onRegion = together(rounds.region.get(rate)!);
    const onOne = together(rounds.single.get(rate)!);
    const at = `N=${clients} in ${region.offices} offices, ${rate}/s`;
    const id = `region.n${clients}.r${rate}`;
    for (const [key, pick] of [
      ['p50', (r: typeof onRegion) => r.rounds.map((l) => l.p50)],
      ['p99', (r: typeof onRegion) => r.rounds.map((l) => l.p99)],
    ] as const) {
      const paired = pairedRatio(pick(onRegion), pick(onOne));
      if (key === 'p99')
        ctx.log(
          `  ${at} p99, each round: ${nodes} ${pick(onRegion)
            .map((v) => v.toFixed(1))
            .join(' ')} ms; one node ${pick(onOne)
            .map((v) => v.toFixed(1))
            .join(' ')} ms`,
        );
      figures.push(
        figure(
          `${id}.${key}`,
          `${nodes}: call to last screen ${key} (${at})`,
          median(known(pick(onRegion))),
          'ms',
          {
            baselines: { 'one node': { value: median(known(pick(onOne))), unit: 'ms' } },
            ratios: { 'one node': paired.ratio },
            spreads: { 'one node': paired.spread },
          },
        ),
      );
    }
    figures.push(
      figure(`${id}.reach`, `${nodes}: reach (${at})`, onRegion.reach, '%', {
        baselines: { 'one node': { value: onOne.reach, unit: '%' } },
      }),
      figure(
        `${id}.eld.p99`,
        `${nodes}: event-loop delay p99 of the worst node (${at})`,
        median(known(onRegion.eldRounds.map((e) => e.p99))),
        'ms',
        {
          baselines: { 'one node': { value: median(known(onOne.eldRounds.map((e) => e.p99))), unit: 'ms' } },
        },
      ),
    );
  }
  const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  const bareMean = mean(bare);
  const perSecond = (side: Side) => mean(durable[side].map((d) => d.perSecond));
  const desks = region.offices * clientMix(region.screens).desks;
  figures.push(
    figure(
      'region.durable',
      `${nodes}: durable commands/s, all ${desks} desks of ${region.offices} offices back to back`,
      perSecond('region'),
      'commands/s',
      {
        baselines: {
          'bare pg insert loop': { value: bareMean, unit: 'commits/s' },
          'one node': { value: perSecond('single'), unit: 'commands/s' },
        },
        ratios: {
          'bare pg insert loop': ratio(perSecond('region'), bareMean),
          'one node': ratio(perSecond('region'), perSecond('single')),
        },
      },
    ),
    figure(
      'region.durable.ackP99',
      `${nodes}: send to ack p99, all desks back to back`,
      median(durable.region.map((d) => d.p99)),
      'ms',
      { baselines: { 'one node': { value: median(durable.single.map((d) => d.p99)), unit: 'ms' } } },
    ),
    figure(
      'region.durable.cpu',
      `${nodes}: CPU per durable command, all nodes together`,
      mean(durable.region.map((d) => d.cpuPerCommand)),
      'µs',
      {
        baselines: { 'one node': { value: mean(durable.single.map((d) => d.cpuPerCommand)), unit: 'µs' } },
        note: 'user + system time of every node process over the run (warm-up included) ÷ the commands',
      },
    ),
    figure(
      'region.durable.bare',
      'bare pg single-row insert loop (synchronous_commit=on), same server',
      bareMean,
      'commits/s',
    ),
  );
  return figures;
}

function detailsOf(
  ctx: RunContext,
  clients: number,
  mix: ClientMix,
  rounds: Record<Side, Map<number, Round[]>>,
  durable: Record<Side, Durable[]>,
  bare: readonly number[],
): Record<string, unknown> {
  const { region } = ctx.sizes;
  const runs = (side: Side) =>
    Object.fromEntries(region.rates.map((rate) => [`r${rate}`, together(rounds[side].get(rate)!)]));
  return {
    offices: region.offices,
    nodes: region.nodes,
    clients,
    mix,
    rounds: region.rounds,
    region: runs('region'),
    single: runs('single'),
    durable,
    bare,
  };
}
