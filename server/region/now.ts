import type pg from 'pg';
import type { RegionNow, RegionStationNow } from '../../shared/region.js';
import { rowsOf } from '../store/postgres/tx.js';
import { regionOffices } from './figures.js';

const MINUTE = 60_000;

/*
 * From the projection tables, which every office's server keeps up to date in the transaction of
 * each command: so the answer is the same whichever server of the region is asked, and whichever
 * offices it runs. A household is waiting where its current step is `waiting`, as the queues of
 * shared/queue.ts count it; a desk is open while an officer is signed in at it.
 */
const WAITING = `
  SELECT v.office_id, s.station_id, count(*)::integer AS waiting, min(s.queued_at) AS since
  FROM visits v JOIN visit_steps s
    ON s.office_id = v.office_id AND s.visit_id = v.id AND s.idx = v.current_step
  WHERE v.status = 'active' AND s.status = 'waiting'
  GROUP BY v.office_id, s.station_id`;
const SESSIONS = `SELECT office_id, desk_id FROM desk_sessions`;

const waitedMinutes = (since: number | null, now: number) =>
  since === null ? null : Math.max(0, Math.floor((now - since) / MINUTE));

/** Each office's queues at `now`: per station, and for the office as a whole. */
export async function regionNow(pool: pg.Pool, now: number): Promise<RegionNow> {
  const [offices, waiting, sessions] = await Promise.all([
    regionOffices(pool),
    rowsOf<{ office_id: string; station_id: string; waiting: number; since: number | null }>(pool, WAITING),
    rowsOf<{ office_id: string; desk_id: string }>(pool, SESSIONS),
  ]);
  return {
    at: now,
    offices: offices.map((office) => {
      const { config } = office;
      const queues = waiting.filter((w) => w.office_id === office.id);
      const open = new Set(sessions.filter((s) => s.office_id === office.id).map((s) => s.desk_id));
      // The chain's stations in its order, then any other the config has; a queue at a station
      // since removed from the config still counts, under its id.
      const ids = [
        ...new Set([
          ...config.chain,
          ...config.stations.map((s) => s.id),
          ...queues.map((q) => q.station_id),
        ]),
      ];
      const stations: RegionStationNow[] = ids.map((stationId) => {
        const queue = queues.find((q) => q.station_id === stationId);
        return {
          stationId,
          name: config.stations.find((s) => s.id === stationId)?.name ?? stationId,
          waiting: queue?.waiting ?? 0,
          longestWaitMinutes: waitedMinutes(queue?.since ?? null, now),
          desksOpen: config.desks.filter((d) => d.stationId === stationId && open.has(d.id)).length,
        };
      });
      const oldest = queues.reduce<number | null>(
        (min, q) => (q.since === null ? min : min === null ? q.since : Math.min(min, q.since)),
        null,
      );
      return {
        officeId: office.id,
        name: config.name,
        day: office.day,
        waiting: stations.reduce((sum, s) => sum + s.waiting, 0),
        longestWaitMinutes: waitedMinutes(oldest, now),
        desksOpen: stations.reduce((sum, s) => sum + s.desksOpen, 0),
        stations,
      };
    }),
  };
}
