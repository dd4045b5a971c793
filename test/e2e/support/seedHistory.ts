/**
 * Seeds an office database with four weeks of history that end yesterday, so that the admin's
 * statistics have something to chart. Run as its own process (it drives the engine the way the
 * integration tests do): node --import tsx test/e2e/support/seedHistory.ts <data folder>
 */
import { testConfig } from '../../helpers/domain.js';
import { simulateMonth } from '../../helpers/month.js';
import { ManualClock, startTestServer } from '../../helpers/server.js';

const DAY = 86_400_000;
const dir = process.argv[2];
if (!dir) throw new Error('usage: seedHistory.ts <data folder>');

// 09:00 in Stockholm 28 days ago, give or take the time of day now.
const start = Math.floor((Date.now() - 28 * DAY) / DAY) * DAY + 8 * 3_600_000;
const base = testConfig();
const server = await startTestServer({
  dir,
  clock: new ManualClock(start),
  config: {
    ...base,
    stations: base.stations.map((s) => ({ ...s, rule: null })),
    noShowRecallLimit: 0,
    recallPauseSeconds: 1,
  },
});
await simulateMonth(server, { days: 27, visitsPerDay: 8, seed: 2026 });
await server.close();
