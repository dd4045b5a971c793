import { clientMix } from '../config.js';
import { monoMs, sleep } from '../lib/clock.js';
import { at, TODAY } from '../history/calendar.js';
import { dayPlan } from '../load/day.js';
import { benchOffice, desksByStation } from '../office/benchOffice.js';
import { deskClient, officeClients, startOffice } from '../office/officeRun.js';
import type { MemoryUse } from '../office/server.js';
import { figure, type PartResult } from '../report.js';
import { freshDir, type RunContext } from './context.js';

const HOUR = 3_600_000;
const MB = 2 ** 20;

interface Sample extends MemoryUse {
  /** Office hours since the doors opened. */
  readonly hour: number;
}

/**
 * Part 5a: the server's memory through an office day of 8 hours compressed into minutes, with
 * all clients connected all day (visitors' phones move to the status pages of households as they
 * check in). Sampled after a forced GC every half hour of office time; what counts is whether it
 * grows after the first hour.
 */
export async function memoryPart(ctx: RunContext): Promise<PartResult> {
  const { memory } = ctx.sizes;
  const config = benchOffice({ desksPerStation: 6 });
  const dayMs = 8 * HOUR;
  const speed = dayMs / (memory.daySeconds * 1000);
  const clock = { virtualAt: at(TODAY, '08:00'), realAt: Date.now(), speed, paused: true };
  const base = clientMix(memory.clients);
  const desks = memory.clients >= 40 ? config.desks.length : base.desks;
  const mix = { ...base, desks, statusPages: Math.max(0, base.statusPages - (desks - base.desks)) };
  const waiting = Math.max(4, Math.round(memory.visits / 10));
  const office = await startOffice({
    dir: freshDir('memory'),
    mix,
    visits: waiting,
    config,
    clock,
    now: clock.virtualAt,
  });
  const samples: Sample[] = [];
  try {
    const { drivers, listeners } = officeClients(office.devices, office.visitors, mix.statusPages);
    await ctx.pool.connect('office', office.server.url, drivers, listeners);
    const present = new Set(drivers.map((d) => d.id));
    const commands = dayPlan({
      stations: desksByStation(config).map((s) => ({
        stationId: s.stationId,
        desks: s.desks.map(deskClient).filter((id) => present.has(id)),
      })),
      kiosk: drivers.find((d) => d.role === 'kiosk')!.id,
      waiting: office.visitors.map((v) => v.visitId),
      arrivals: memory.visits,
      dayMs,
      speed,
      seed: 11,
    });
    // Each phone moves two or three times a day, to a household that has just checked in.
    const perCheckIn = Math.max(1, Math.round((2.5 * mix.statusPages) / Math.max(1, memory.visits)));
    let round = 0;
    const off = ctx.pool.onEvent((e) => {
      if (e.type === 'checked-in')
        ctx.pool.moveStatusPages(e.visitId as string, e.statusToken as string, perCheckIn, round++);
    });

    await office.server.startClock();
    const start = monoMs();
    const running = ctx.pool.run(start, commands, { ackTimeoutMs: 30_000 });
    const every = HOUR / 2 / speed;
    for (let k = 0; k <= 16; k++) {
      await sleep(start + k * every - monoMs());
      samples.push({ hour: k / 2, ...(await office.server.memory(true)) });
    }
    const outcomes = await running;
    off();
    const refused: Record<string, number> = {};
    for (const o of outcomes) if (!o.ok) refused[o.code ?? '?'] = (refused[o.code ?? '?'] ?? 0) + 1;
    const at1 = samples.find((s) => s.hour === 1)!;
    const at8 = samples.find((s) => s.hour === 8)!;
    const growth = (a: number, b: number) => (100 * (b - a)) / a;
    ctx.log(
      `  RSS ${(at1.rss / MB).toFixed(0)} MB at 1 h → ${(at8.rss / MB).toFixed(0)} MB at 8 h; heap ${(at1.heapUsed / MB).toFixed(1)} → ${(at8.heapUsed / MB).toFixed(1)} MB; ${outcomes.length} commands, refused ${JSON.stringify(refused)}`,
    );
    return {
      figures: [
        figure('memory.rss.hour1', `server RSS after 1 h (${memory.clients} clients)`, at1.rss / MB, 'MB'),
        figure('memory.rss.hour8', `server RSS after 8 h (${memory.clients} clients)`, at8.rss / MB, 'MB'),
        figure('memory.rss.growth', 'RSS growth, hour 1 → hour 8', growth(at1.rss, at8.rss), '%'),
        figure('memory.heap.hour8', 'server JS heap after GC, 8 h', at8.heapUsed / MB, 'MB'),
        figure(
          'memory.heap.growth',
          'JS heap (after GC) growth, hour 1 → hour 8',
          growth(at1.heapUsed, at8.heapUsed),
          '%',
        ),
      ],
      details: {
        speed,
        daySeconds: memory.daySeconds,
        clients: memory.clients,
        households: waiting + memory.visits,
        commands: outcomes.length,
        refused,
        statusPageMoves: round * perCheckIn,
        samples: samples.map((s) => ({ hour: s.hour, rssMB: s.rss / MB, heapMB: s.heapUsed / MB })),
      },
    };
  } finally {
    await ctx.pool.disconnect();
    await office.server.stop();
  }
}
