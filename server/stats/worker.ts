import { parentPort, workerData } from 'node:worker_threads';
import type { OfficeConfig } from '../../shared/office.js';
import type { StatsRange } from '../../shared/stats.js';
import { openDatabase } from '../store/db.js';
import { SqliteRollups } from '../store/statsDays.js';
import { statisticsFromRollups } from './fromRollups.js';

/**
 * Statistics run here, on their own read-only connection, so that a year's figures never hold
 * up a desk's command on the server's main thread. The finished days summed here go back with
 * the answer, for the server's connection to keep.
 */
const db = openDatabase((workerData as { file: string }).file, { readonly: true });
// The first time, a year's steps and visits, about 50 MB of pages: kept in this connection's
// cache (SQLite's default is 2 MB), a second report is read from memory rather than the file.
db.pragma('cache_size = -65536');
const rollups = new SqliteRollups(db);

parentPort!.on('message', (message: { id: number; range: StatsRange; config: OfficeConfig }) => {
  statisticsFromRollups(rollups, message.range, message.config).then(
    ({ statistics, summed }) =>
      parentPort!.postMessage({ id: message.id, ok: true, value: statistics, summed }),
    (error: unknown) =>
      parentPort!.postMessage({ id: message.id, ok: false, error: (error as Error).message }),
  );
});
