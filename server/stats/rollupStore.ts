import type { StatsRange } from '../../shared/stats.js';

/** One station's steps on one day, summed. */
export interface StationDay {
  readonly stationId: string;
  /** Steps at the station, whatever became of them: at least one. */
  readonly steps: number;
  readonly arrivals: number;
  readonly served: number;
  readonly noShows: number;
  readonly skipped: number;
  /** Entering the queue to the first call, in milliseconds, sorted. */
  readonly waitMs: Float64Array;
  /** Start to end of the meetings that were done, in milliseconds, sorted. */
  readonly serviceMs: Float64Array;
}

export interface LanguageDay {
  readonly language: string;
  readonly visits: number;
  readonly interpreterNeeded: number;
  readonly interpreterOnSite: number;
}

/**
 * An office day's figures, summed: everything a range's Statistics need of that day, and none of
 * the office config (names, which stations, time zone), which is applied when a range is asked
 * for, as the full computation applies it.
 */
export interface DayFigures {
  readonly day: string;
  readonly arrivals: number;
  readonly booked: number;
  readonly registered: number;
  readonly cancelled: number;
  /** Each check-in's minute of the day in UTC (0–1439), from which its hour in the office's zone follows. */
  readonly arrivalMinutes: Uint16Array;
  /** Check-in to registered, in milliseconds, sorted. */
  readonly visitMs: Float64Array;
  readonly stations: readonly StationDay[];
  readonly languages: readonly LanguageDay[];
}

/**
 * Where the statistics keep each finished day's figures and sum the others from the visits and
 * steps. SQLite's is server/store/statsDays.ts; a PostgreSQL store implements the same, which is
 * why it answers with promises though SQLite answers at once.
 */
export interface RollupStore {
  /** The days of the range whose visits and steps can no longer change. */
  finishedDays(range: StatsRange): Promise<string[]>;
  /** The kept figures of the range's days (only ever finished days). */
  kept(range: StatsRange): Promise<DayFigures[]>;
  /** These days' figures, summed from their visits and steps now; a day without any has zeros. */
  sum(days: readonly string[]): Promise<DayFigures[]>;
  /** Keeps finished days' figures. Only the store's one writer calls it. */
  keep(days: readonly DayFigures[]): Promise<void>;
  /** Whether any day before `day` had visits. */
  hasVisitsBefore(day: string): Promise<boolean>;
}
