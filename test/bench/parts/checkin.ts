import { clientMix } from '../config.js';
import { at, TODAY } from '../history/calendar.js';
import type { TodayInfo } from '../history/today.js';
import { summarize, type Summary } from '../lib/stats.js';
import { officeClients, startOffice, type OfficeRun } from '../office/officeRun.js';
import { walkIn } from '../office/setup.js';
import { figure, ratio, type Figure, type PartResult } from '../report.js';
import { freshDir, type RunContext } from './context.js';

/** The office's screens: 12 desks, 4 displays, 2 kiosks, reception, admin and 20 phones. */
const CLIENTS = 40;
/** Households checked in before the clients connect, for the phones to follow. */
const FOLLOWED = 10;

/** One office whose day holds `visits` visits, with its screens connected. */
interface Day {
  readonly visits: number;
  readonly office: OfficeRun;
  /** The load-generator client that checks households in. */
  readonly kiosk: string;
  readonly acks: number[];
  /** Milliseconds of server CPU time, each check-in's. */
  readonly cpus: number[];
  /** Server CPU time over the measured rounds, between check-ins too. */
  cpuTotal: number;
  readonly refused: Record<string, number>;
}

/** One size of day, its check-ins taken together. */
interface SizeRun {
  readonly visits: number;
  readonly ack: Summary;
  readonly cpu: Summary;
  /** The server's CPU over the measured rounds ÷ the check-ins: the work done between them too. */
  readonly cpuMean: number;
  readonly refused: Record<string, number>;
  readonly today: TodayInfo | undefined;
  /** From the fork until the server listened, writing the day included. */
  readonly startMs: number;
}

/**
 * An office whose database holds `visits` visits of today before it starts (history/today.ts),
 * its clock at the time the day was cut, and a busy office's screens connected.
 */
async function openDay(ctx: RunContext, visits: number): Promise<Day> {
  const { until } = ctx.sizes.checkin;
  const mix = clientMix(CLIENTS);
  const anchor = { virtualAt: at(TODAY, until), realAt: Date.now(), speed: 1 };
  const office = await startOffice({
    dir: freshDir(`checkin-${visits}`),
    mix,
    visits: FOLLOWED,
    clock: anchor,
    now: anchor.virtualAt,
    ...(visits > 0 && { today: { day: TODAY, visits, until, seed: 2040 } }),
  });
  try {
    const prefix = `v${visits}:`;
    const { drivers, listeners } = officeClients(office.devices, office.visitors, mix.statusPages, prefix);
    await ctx.pool.connect('office', office.server.url, drivers, listeners);
    const kiosk = drivers.find((d) => d.role === 'kiosk')!.id;
    return { visits, office, kiosk, acks: [], cpus: [], cpuTotal: 0, refused: {} };
  } catch (error) {
    await office.server.stop();
    throw error;
  }
}

/**
 * `count` check-ins at one kiosk, one after another. The server's CPU time is read just before
 * each is sent and just after its ack arrived, so that it holds the command, its commit and
 * what it sent to the screens; `measure` false for the warm-up.
 */
async function checkIns(ctx: RunContext, day: Day, count: number, measure: boolean): Promise<void> {
  const { server } = day.office;
  const start = await server.cpu();
  for (let i = 0; i < count; i++) {
    const before = await server.cpu();
    const sent = await ctx.pool.send(day.kiosk, 'visit:check_in', walkIn(i));
    const after = await server.cpu();
    if (!sent.ok) day.refused[sent.code ?? '?'] = (day.refused[sent.code ?? '?'] ?? 0) + 1;
    else if (measure) {
      day.acks.push(sent.ackAt - sent.sentAt);
      day.cpus.push((after - before) / 1000);
    }
  }
  if (measure) day.cpuTotal += ((await server.cpu()) - start) / 1000;
}

function sizeRun(day: Day, count: number): SizeRun {
  return {
    visits: day.visits,
    ack: summarize(day.acks),
    cpu: summarize(day.cpus),
    cpuMean: day.cpuTotal / count,
    refused: day.refused,
    today: day.office.server.today,
    startMs: day.office.server.startMs,
  };
}

const visitsLabel = (visits: number) => `${visits.toLocaleString('en-US')} visits in the day`;

/**
 * Part 7: a check-in's cost as the day fills. An office for each size of day, all open at
 * once; after each one's warm-up, the rounds take the sizes in turns (smallest first, then
 * largest first, and so on), so that whatever else the machine does falls on every size alike.
 * Each size against the first (an empty day).
 */
export async function checkinPart(ctx: RunContext): Promise<PartResult> {
  const { checkin } = ctx.sizes;
  const days: Day[] = [];
  const perRound = Math.ceil(checkin.count / checkin.rounds);
  try {
    for (const visits of checkin.visits) days.push(await openDay(ctx, visits));
    for (const day of days) await checkIns(ctx, day, checkin.warmup, false);
    for (let round = 0; round < checkin.rounds; round++) {
      const order = round % 2 === 0 ? days : [...days].reverse();
      for (const day of order) await checkIns(ctx, day, perRound, true);
    }
  } finally {
    await ctx.pool.disconnect();
    for (const day of days) await day.office.server.stop();
  }
  const runs = days.map((day) => sizeRun(day, checkin.rounds * perRound));
  for (const run of runs) {
    const day = run.today
      ? `${run.today.ended} ended, ${run.today.waiting} waiting, ${run.today.atDesks} at desks; started in ${(run.startMs / 1000).toFixed(1)} s`
      : 'an empty day';
    ctx.log(
      `  ${run.visits} visits (${day}): ack p50 ${run.ack.p50.toFixed(2)} / p99 ${run.ack.p99.toFixed(2)} ms, server CPU p50 ${run.cpu.p50.toFixed(2)} / p99 ${run.cpu.p99.toFixed(2)} / mean ${run.cpuMean.toFixed(2)} ms${Object.keys(run.refused).length ? `, refused ${JSON.stringify(run.refused)}` : ''}`,
    );
  }

  const first = runs[0]!;
  const reference = `${first.visits.toLocaleString('en-US')} visits`;
  const figures: Figure[] = [];
  for (const run of runs) {
    const measure = (key: string, label: string, pick: (r: SizeRun) => number) =>
      figure(
        `checkin.v${run.visits}.${key}`,
        `check-in, ${label} (${visitsLabel(run.visits)})`,
        pick(run),
        'ms',
        {
          ...(run !== first && {
            baselines: { [reference]: { value: pick(first), unit: 'ms' } },
            ratios: { [reference]: ratio(pick(run), pick(first)) },
          }),
        },
      );
    figures.push(
      measure('ack.p50', 'send to ack p50', (r) => r.ack.p50),
      measure('ack.p99', 'send to ack p99', (r) => r.ack.p99),
      measure('cpu.p50', 'server CPU p50', (r) => r.cpu.p50),
      measure('cpu.p99', 'server CPU p99', (r) => r.cpu.p99),
    );
  }
  return {
    figures,
    details: {
      clients: CLIENTS,
      until: checkin.until,
      warmup: checkin.warmup,
      rounds: checkin.rounds,
      runs: Object.fromEntries(runs.map((r) => [`v${r.visits}`, r])),
    },
  };
}
