import { z } from 'zod';
import { DaySchema } from './ids.js';

/** A day or a range of days (office time zone), at most about a year and a month. */
export const StatsRangeSchema = z
  .strictObject({ from: DaySchema, to: DaySchema })
  .refine((r) => r.from <= r.to, { message: '"from" must not be after "to"' })
  .refine((r) => (Date.parse(r.to) - Date.parse(r.from)) / 86_400_000 <= 400, {
    message: 'at most 400 days',
  });
export type StatsRange = z.infer<typeof StatsRangeSchema>;

/** Minutes: how many, the median, the 90th percentile and the longest (null with none). */
export interface Summary {
  readonly count: number;
  readonly median: number | null;
  readonly p90: number | null;
  readonly max: number | null;
}

export interface StationStats {
  readonly stationId: string;
  readonly name: string;
  /** Visits that entered this station's queue. */
  readonly arrivals: number;
  readonly served: number;
  readonly noShows: number;
  readonly skipped: number;
  /** From entering the queue to the first call. */
  readonly waitMinutes: Summary;
  /** From the start of the meeting to its end. */
  readonly serviceMinutes: Summary;
}

/**
 * An office's statistics for a range of days. Computed from the projection of the event log,
 * never from a personal field, so they stay the same after personal data has been erased.
 */
export interface Statistics {
  readonly range: StatsRange;
  readonly visits: {
    readonly arrivals: number;
    readonly booked: number;
    readonly walkIn: number;
    readonly registered: number;
    readonly cancelled: number;
    readonly open: number;
  };
  /** From check-in to registered ("inskriven"). */
  readonly visitMinutes: Summary;
  readonly stations: readonly StationStats[];
  /** Through the chain, in its order: how many visits reached each station, and how many were done there. */
  readonly funnel: readonly {
    readonly stationId: string;
    readonly reached: number;
    readonly done: number;
    readonly skipped: number;
  }[];
  readonly languages: readonly {
    readonly language: string;
    readonly visits: number;
    readonly interpreterNeeded: number;
    readonly interpreterOnSite: number;
  }[];
  /** Check-ins per hour of the day (0–23, office time). */
  readonly arrivalsByHour: readonly number[];
}
