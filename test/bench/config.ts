/**
 * How big each measurement is. `full` is the run that BENCHMARKS.md records (under ten minutes on
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
    /** How long each rate is measured, after the warm-up. */
    readonly seconds: (rate: number) => number;
    readonly warmupSeconds: number;
    /**
     * Each system's measurement is split into this many rounds, taken in turns with the other
     * systems' (each round has its own warm-up).
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
}

export const SIZES: Record<Mode, Sizes> = {
  full: {
    latency: {
      clients: [40, 200, 1000],
      rates: [10, 100],
      seconds: (rate) => (rate <= 10 ? 8 : 4),
      warmupSeconds: 1,
      rounds: 2,
      workers: 2,
    },
    durable: { desks: [1, 12], seconds: 4, warmupSeconds: 1 },
    history: { days: 250, visitsPerDay: 600, walDays: 5 },
    recovery: { clients: 200, rate: 50, loadSeconds: 3 },
    statistics: { repeats: 2 },
    memory: { clients: 1000, daySeconds: 90, visits: 300, workers: 2 },
    display: { calls: 10_000, settleMs: 500 },
    screens: { queue: 500 },
  },
  quick: {
    latency: {
      clients: [40, 200],
      rates: [10, 100],
      seconds: (rate) => (rate <= 10 ? 4 : 3),
      warmupSeconds: 1,
      rounds: 2,
      workers: 2,
    },
    durable: { desks: [1, 12], seconds: 2, warmupSeconds: 0.5 },
    history: { days: 40, visitsPerDay: 150, walDays: 2 },
    recovery: { clients: 60, rate: 30, loadSeconds: 2 },
    statistics: { repeats: 2 },
    memory: { clients: 200, daySeconds: 30, visits: 120, workers: 1 },
    display: { calls: 1000, settleMs: 500 },
    screens: { queue: 500 },
  },
  tiny: {
    latency: {
      clients: [12],
      rates: [20],
      seconds: () => 0.6,
      warmupSeconds: 0.2,
      rounds: 2,
      workers: 1,
    },
    durable: { desks: [2], seconds: 0.3, warmupSeconds: 0.1 },
    history: { days: 3, visitsPerDay: 12, walDays: 1 },
    recovery: { clients: 12, rate: 10, loadSeconds: 0.6 },
    statistics: { repeats: 1 },
    memory: { clients: 12, daySeconds: 3, visits: 10, workers: 1 },
    display: { calls: 30, settleMs: 50 },
    screens: { queue: 20 },
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

/** 12 desks, 4 displays, 2 kiosks, reception and admin (DESIGN.md §6); the rest are status pages. */
export function clientMix(clients: number): ClientMix {
  const staff =
    clients >= 40
      ? { desks: 12, displays: 4, kiosks: 2, reception: 1, admin: 1 }
      : { desks: 4, displays: 1, kiosks: 1, reception: 0, admin: 0 };
  const taken = staff.desks + staff.displays + staff.kiosks + staff.reception + staff.admin;
  return { ...staff, statusPages: Math.max(0, clients - taken) };
}
