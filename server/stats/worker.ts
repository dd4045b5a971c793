import { parentPort, workerData } from 'node:worker_threads';
import type { OfficeConfig } from '../../shared/office.js';
import type { StatsRange } from '../../shared/stats.js';
import type { StatsSource } from '../store/seam.js';
import { statisticsFromRollups } from './fromRollups.js';
import type { RollupStore } from './rollupStore.js';

/**
 * Statistics run here, on their own read-only connection, so that a year's figures never hold
 * up a desk's command on the server's main thread. The finished days summed here go back with
 * the answer, for the server's connection to keep.
 */
async function openRollups(source: StatsSource): Promise<RollupStore> {
  if (source.kind === 'postgres') {
    const { connectReader } = await import('../store/postgres/connect.js');
    const { PgRollups } = await import('../store/postgres/rollups.js');
    return new PgRollups(connectReader(source.url), source.officeId);
  }
  const { openDatabase } = await import('../store/db.js');
  const { SqliteRollups } = await import('../store/statsDays.js');
  const db = openDatabase(source.file, { readonly: true });
  // The first time, a year's steps and visits, about 50 MB of pages: kept in this connection's
  // cache (SQLite's default is 2 MB), a second report is read from memory rather than the file.
  db.pragma('cache_size = -65536');
  return new SqliteRollups(db);
}

const rollups = openRollups(workerData as StatsSource);

parentPort!.on('message', (message: { id: number; range: StatsRange; config: OfficeConfig }) => {
  rollups
    .then((r) => statisticsFromRollups(r, message.range, message.config))
    .then(
      ({ statistics, summed }) =>
        parentPort!.postMessage({ id: message.id, ok: true, value: statistics, summed }),
      (error: unknown) =>
        parentPort!.postMessage({ id: message.id, ok: false, error: (error as Error).message }),
    );
});
