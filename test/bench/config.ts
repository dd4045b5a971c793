/**
 * How big each measurement is. `full` is the run that BENCHMARKS.md records (under fifteen minutes on
 * the two-core development machine); `quick` is for development; `tiny` only proves that every
 * part still runs (the test suite's guard against rot), and its figures mean nothing.
 */
export type Mode = 'full' | 'quick' | 'tiny';

export interface Sizes {
  readonly latency: {
    /** Connected clients: desks, displays, kiosks, reception, admin, and visitors' status pages. */
    readonly clients: readonly number[];
    /** Open-loop command rates, per second. */
    readonly rates: readonly number[];
    /** How long each round measures a rate, after its warm-up. */
    readonly roundSeconds: (rate: number) => number;
    readonly warmupSeconds: number;
    /**
     * Rounds per system, rate and number of clients, taken in turns with the other systems'
     * (each round has its own warm-up); a figure is the median of the rounds' (parts/latency.ts).
     */
    readonly rounds: number;
    /** Load-generator processes the clients are spread over. */
    readonly workers: number;
  };
  readonly durable: {
    /** Desks sending commands back to back. */
    readonly desks: readonly number[];
    readonly seconds: number;
    readonly warmupSeconds: number;
  };
  readonly history: { readonly days: number; readonly visitsPerDay: number; readonly walDays: number };
  readonly recovery: { readonly clients: number; readonly rate: number; readonly loadSeconds: number };
  readonly statistics: { readonly repeats: number };
  readonly memory: {
    readonly clients: number;
    /** The 8-hour office day, compressed into this many seconds. */
    readonly daySeconds: number;
    readonly visits: number;
    readonly workers: number;
  };
  readonly display: {
    readonly calls: number;
    /** How long the page gets to take in the last views before its heap is read. */
    readonly settleMs: number;
  };
  readonly screens: { readonly queue: number };
  /** A region: offices on one PostgreSQL, served by several node processes or by one (parts/region.ts). */
  readonly region: {
    readonly offices: number;
    /** Each office's screens, a mix as `clientMix` makes it. */
    readonly screens: number;
    readonly nodes: number;
    /** Open-loop command rates across the whole region, per second. */
    readonly rates: readonly number[];
    readonly roundSeconds: (rate: number) => number;
    readonly warmupSeconds: number;
    /** Rounds of each side (the region, the single node) at each rate, in two blocks each. */
    readonly rounds: number;
    /** Every desk of every office back to back, once per block. */
    readonly durableSeconds: number;
    readonly durableWarmupSeconds: number;
  };
  readonly checkin: {
    /** Visits already in the day, side by side; the first is the reference for the others. */
    readonly visits: readonly number[];
    /** The time of day the office stands at when the check-ins are measured. */
    readonly until: string;
    /** Check-ins before the measured ones, not counted (the JIT, the first snapshot's garbage). */
    readonly warmup: number;
    /** Measured check-ins at each size, in this many rounds that take the sizes in turns. */
    readonly count: number;
    readonly rounds: number;
  };
}

/**
 * The check-ins' day stands at 18:30: the simulated households take about four hours over their
 * four stations, so this is when most of them have left (85 %) while some still wait (8 %) and a
 * few sit at desks, as in a busy office late in the afternoon; at 16:00 half would still wait.
 */
const CUT = '18:30';

export const SIZES: Record<Mode, Sizes> = {
  full: {
    latency: {
      // N = 40 had no goal, and five rounds of it cost as much as N = 200.
      clients: [200, 1000],
      rates: [10, 100],
      roundSeconds: (rate) => (rate <= 10 ? 6 : 2),
      warmupSeconds: 1,
      // Seven rather than five: with five, two runs' ratios at N = 200 came out up to 22 % apart
      // here, with seven 14 %.
      rounds: 7,
      workers: 2,
    },
    durable: { desks: [1, 12], seconds: 4, warmupSeconds: 1 },
    history: { days: 250, visitsPerDay: 600, walDays: 5 },
    recovery: { clients: 200, rate: 50, loadSeconds: 3 },
    statistics: { repeats: 2 },
    memory: { clients: 1000, daySeconds: 90, visits: 300, workers: 2 },
    display: { calls: 10_000, settleMs: 500 },
    screens: { queue: 500 },
    checkin: { visits: [0, 2000, 8000, 20_000], until: CUT, warmup: 30, count: 300, rounds: 5 },
    region: {
      offices: 27,
      screens: 40,
      nodes: 3,
      rates: [10, 50],
      roundSeconds: (rate) => (rate <= 10 ? 6 : 3),
      warmupSeconds: 1,
      rounds: 6,
      durableSeconds: 4,
      durableWarmupSeconds: 1,
    },
  },
  quick: {
    latency: {
      clients: [200],
      rates: [10, 100],
      roundSeconds: (rate) => (rate <= 10 ? 3 : 1),
      warmupSeconds: 0.5,
      rounds: 5,
      workers: 2,
    },
    durable: { desks: [1, 12], seconds: 2, warmupSeconds: 0.5 },
    history: { days: 40, visitsPerDay: 150, walDays: 2 },
    recovery: { clients: 60, rate: 30, loadSeconds: 2 },
    statistics: { repeats: 2 },
    memory: { clients: 200, daySeconds: 30, visits: 120, workers: 1 },
    display: { calls: 1000, settleMs: 500 },
    screens: { queue: 500 },
    checkin: { visits: [0, 2000, 8000, 20_000], until: CUT, warmup: 20, count: 100, rounds: 5 },
    region: {
      offices: 6,
      screens: 40,
      nodes: 3,
      rates: [10, 50],
      roundSeconds: (rate) => (rate <= 10 ? 3 : 1.5),
      warmupSeconds: 0.5,
      rounds: 4,
      durableSeconds: 2,
      durableWarmupSeconds: 0.5,
    },
  },
  tiny: {
    latency: {
      clients: [12],
      rates: [20],
      roundSeconds: () => 0.3,
      warmupSeconds: 0.2,
      rounds: 5,
      workers: 1,
    },
    durable: { desks: [2], seconds: 0.3, warmupSeconds: 0.1 },
    history: { days: 3, visitsPerDay: 12, walDays: 1 },
    recovery: { clients: 12, rate: 10, loadSeconds: 0.6 },
    statistics: { repeats: 1 },
    memory: { clients: 12, daySeconds: 3, visits: 10, workers: 1 },
    display: { calls: 30, settleMs: 50 },
    screens: { queue: 20 },
    checkin: { visits: [0, 100], until: CUT, warmup: 3, count: 10, rounds: 2 },
    region: {
      offices: 2,
      screens: 12,
      nodes: 3,
      rates: [10],
      roundSeconds: () => 0.5,
      warmupSeconds: 0.2,
      rounds: 2,
      durableSeconds: 0.3,
      durableWarmupSeconds: 0.1,
    },
  },
};

/** The screens an office has beside the visitors' phones, for a number of connected clients. */
export interface ClientMix {
  readonly desks: number;
  readonly displays: number;
  readonly kiosks: number;
  readonly reception: number;
  readonly admin: number;
  readonly statusPages: number;
}

/** 12 desks, 4 displays, 2 kiosks, reception, admin (docs/ARCHITECTURE.md §1); the rest are status pages. */
export function clientMix(clients: number): ClientMix {
  const staff =
    clients >= 40
      ? { desks: 12, displays: 4, kiosks: 2, reception: 1, admin: 1 }
      : { desks: 4, displays: 1, kiosks: 1, reception: 0, admin: 0 };
  const taken = staff.desks + staff.displays + staff.kiosks + staff.reception + staff.admin;
  return { ...staff, statusPages: Math.max(0, clients - taken) };
}
