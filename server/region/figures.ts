import type pg from 'pg';
import { OfficeConfigSchema, type OfficeConfig } from '../../shared/office.js';
import type { RegionFigures, RegionOfficeFigures } from '../../shared/region.js';
import type { Statistics, StatsRange } from '../../shared/stats.js';
import { statisticsFromRollups } from '../stats/fromRollups.js';
import { PgRollups } from '../store/postgres/rollups.js';
import { rowsOf } from '../store/postgres/tx.js';

export interface RegionOffice {
  readonly id: string;
  readonly config: OfficeConfig;
  readonly day: string;
}

/** Every office of the database, in the order of their ids. */
export async function regionOffices(pool: pg.Pool): Promise<RegionOffice[]> {
  const rows = await rowsOf<{ id: string; config: string; day: string }>(
    pool,
    `SELECT id, config, day FROM offices ORDER BY id`,
  );
  return rows.map((r) => ({ id: r.id, config: OfficeConfigSchema.parse(JSON.parse(r.config)), day: r.day }));
}

/**
 * One office's figures for the region, from its statistics: the same numbers its admin sees for
 * the same range, and the persons its registered households brought, which the admin's
 * statistics do not count.
 */
export function officeFigures(
  office: { id: string; name: string },
  stats: Statistics,
  persons: number,
): RegionOfficeFigures {
  return {
    officeId: office.id,
    name: office.name,
    arrivals: stats.visits.arrivals,
    households: stats.visits.registered,
    persons,
    leadMinutes: stats.visitMinutes,
    noShows: stats.stations.reduce((sum, s) => sum + s.noShows, 0),
    interpreterNeeded: stats.languages.reduce((sum, l) => sum + l.interpreterNeeded, 0),
    interpreterUsed: stats.languages.reduce((sum, l) => sum + l.interpreterOnSite, 0),
    stations: stats.stations.map((s) => ({
      stationId: s.stationId,
      name: s.name,
      arrivals: s.arrivals,
      served: s.served,
      noShows: s.noShows,
      waitMinutes: s.waitMinutes,
      serviceMinutes: s.serviceMinutes,
    })),
  };
}

/**
 * Each office's figures for a range, side by side. The arithmetic is the admin's statistics'
 * (server/stats/: the kept days of the rollups and the others summed now, medians and 90th
 * percentiles by rank over the days' sorted durations), run for each office of the database.
 * Days it had to sum are not kept: that is the office's own server's writing, and two writers
 * of one day's rollups would race.
 */
export async function regionFigures(pool: pg.Pool, range: StatsRange): Promise<RegionFigures> {
  const offices = await regionOffices(pool);
  const persons = new Map(
    (
      await rowsOf<{ office_id: string; persons: number }>(
        pool,
        `SELECT office_id, sum(adults + children)::integer AS persons FROM visits
         WHERE day BETWEEN $1 AND $2 AND status = 'registered' GROUP BY office_id`,
        [range.from, range.to],
      )
    ).map((r) => [r.office_id, r.persons]),
  );
  const figures = await Promise.all(
    offices.map(async (office) => {
      const { statistics } = await statisticsFromRollups(
        new PgRollups(pool, office.id),
        range,
        office.config,
      );
      return officeFigures(
        { id: office.id, name: office.config.name },
        statistics,
        persons.get(office.id) ?? 0,
      );
    }),
  );
  return { range, offices: figures };
}
