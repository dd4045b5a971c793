import type pg from 'pg';
import type { RegionFigures, RegionNow } from '../../shared/region.js';
import type { StatsRange } from '../../shared/stats.js';
import { connect } from '../store/postgres/connect.js';
import { RegionDevices } from './devices.js';
import { regionFigures } from './figures.js';
import { regionNow } from './now.js';

/**
 * The region's part of a server on PostgreSQL: its devices, and the figures of every office of
 * the database. A pool of its own, small, so that a region screen's year of figures never takes
 * a connection an office's commands are waiting for.
 */
export class Region {
  readonly devices: RegionDevices;

  constructor(
    readonly pool: pg.Pool,
    private readonly ownsPool = false,
  ) {
    this.devices = new RegionDevices(pool);
  }

  /** The region of the database at `url` (whose schema the office's store has brought up to date). */
  static connect(url: string, options: { onIdleError?: (error: Error) => void } = {}): Region {
    return new Region(connect(url, { max: 2, ...options }), true);
  }

  now(at: number): Promise<RegionNow> {
    return regionNow(this.pool, at);
  }

  figures(range: StatsRange): Promise<RegionFigures> {
    return regionFigures(this.pool, range);
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }
}
