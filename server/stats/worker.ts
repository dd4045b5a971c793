import { parentPort, workerData } from 'node:worker_threads';
import type { OfficeConfig } from '../../shared/office.js';
import type { StatsRange } from '../../shared/stats.js';
import { openDatabase } from '../store/db.js';
import { computeStatistics } from './compute.js';

/**
 * Statistics run here, on their own read-only connection, so that a year's figures never hold
 * up a desk's command on the server's main thread.
 */
const db = openDatabase((workerData as { file: string }).file, { readonly: true });
// A year's steps and visits, about 50 MB of pages: kept in this connection's cache (SQLite's
// default is 2 MB), a second report is read from memory rather than from the file again.
db.pragma('cache_size = -65536');

parentPort!.on('message', (message: { id: number; range: StatsRange; config: OfficeConfig }) => {
  try {
    parentPort!.postMessage({
      id: message.id,
      ok: true,
      value: computeStatistics(db, message.range, message.config),
    });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, ok: false, error: (error as Error).message });
  }
});
