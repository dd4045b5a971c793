import { z } from 'zod';
import type { DomainError } from './errors.js';
import type { Role } from './events.js';
import type { StatsRange, Summary } from './stats.js';

/**
 * The region's view: a device of the region (belonging to no office) that sees every office of
 * one PostgreSQL database side by side. Only counts and durations cross this contract, never a
 * visit, a ticket, a name, a booking reference, a note or an officer: its schemas have no field
 * for any of them.
 */

/** The longest range the region may ask for at once, as the admin's statistics (shared/stats.ts). */
export const REGION_MAX_DAYS = 400;

/** A calendar day that exists: `2026-02-30` matches the pattern but is no day. */
const RealDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((day) => {
    const at = Date.parse(`${day}T00:00:00Z`);
    return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === day;
  }, 'not a calendar day');

export const RegionRangeSchema = z
  .strictObject({ from: RealDaySchema, to: RealDaySchema })
  .refine((r) => r.from <= r.to, { message: '"from" must not be after "to"', path: ['to'] })
  .refine((r) => (Date.parse(r.to) - Date.parse(r.from)) / 86_400_000 < REGION_MAX_DAYS, {
    message: `at most ${REGION_MAX_DAYS} days`,
    path: ['to'],
  });

export const RegionQuerySchemas = {
  /** Each office's queues at this moment. */
  'region:now': z.strictObject({}),
  /** Each office's figures for a range of office days (both included). */
  'region:figures': RegionRangeSchema,
} as const;
export type RegionQueryName = keyof typeof RegionQuerySchemas;
export const REGION_QUERY_NAMES = Object.keys(RegionQuerySchemas) as RegionQueryName[];
export type RegionQueryPayload<N extends RegionQueryName> = z.infer<(typeof RegionQuerySchemas)[N]>;

export interface RegionStationNow {
  readonly stationId: string;
  readonly name: string;
  /** Households in the station's queue. */
  readonly waiting: number;
  /** How long the longest waiting household has been in the queue, in whole minutes; null with none. */
  readonly longestWaitMinutes: number | null;
  /** Desks of the station with an officer signed in. */
  readonly desksOpen: number;
}

export interface RegionOfficeNow {
  readonly officeId: string;
  readonly name: string;
  /** The office day its figures are of. */
  readonly day: string;
  readonly waiting: number;
  readonly longestWaitMinutes: number | null;
  readonly desksOpen: number;
  readonly stations: readonly RegionStationNow[];
}

export interface RegionNow {
  readonly at: number;
  readonly offices: readonly RegionOfficeNow[];
}

export interface RegionStationFigures {
  readonly stationId: string;
  readonly name: string;
  readonly arrivals: number;
  readonly served: number;
  readonly noShows: number;
  /** From entering the queue to the first call (the admin's definition: server/stats/). */
  readonly waitMinutes: Summary;
  /** From the start of the meeting to its end. */
  readonly serviceMinutes: Summary;
}

export interface RegionOfficeFigures {
  readonly officeId: string;
  readonly name: string;
  /** Households checked in. */
  readonly arrivals: number;
  /** Households whose last step was done (inskrivna). */
  readonly households: number;
  /** Adults and children of those households. */
  readonly persons: number;
  /** Check-in to registered. */
  readonly leadMinutes: Summary;
  /** Steps that ended as no-shows, at every station. */
  readonly noShows: number;
  /** Households that asked for an interpreter, and those that had one attached. */
  readonly interpreterNeeded: number;
  readonly interpreterUsed: number;
  readonly stations: readonly RegionStationFigures[];
}

export interface RegionFigures {
  readonly range: StatsRange;
  readonly offices: readonly RegionOfficeFigures[];
}

export interface RegionQueryResults {
  'region:now': RegionNow;
  'region:figures': RegionFigures;
}

/** What a region device is told about itself when it connects or pairs. */
export interface RegionDeviceInfo {
  readonly id: string;
  readonly role: 'region';
  readonly name: string;
  readonly deskId: null;
}

export type RegionAck<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DomainError };

export type RegionClientToServerEvents = {
  [Q in RegionQueryName]: (
    payload: RegionQueryPayload<Q>,
    ack: (result: RegionAck<RegionQueryResults[Q]>) => void,
  ) => void;
};

/** Whose screen a paired device opens: an office role's, or the region's. */
export type ScreenRole = Role | 'region';
