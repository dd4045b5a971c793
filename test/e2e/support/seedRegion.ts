/**
 * Seeds one office's SQLite database with weeks of history ending yesterday, under a name and a
 * seed of its own, for the region's screen to show beside another's (test/e2e/region.spec.ts
 * copies it into PostgreSQL as the README's `office migrate` does). Writes what it planted as
 * personal data to `<data folder>/planted.json`, for the test to look for on the screen.
 * node --import tsx test/e2e/support/seedRegion.ts <data folder> <office name> <seed> <visits a day>
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testConfig } from '../../helpers/domain.js';
import { simulateMonth } from '../../helpers/month.js';
import { ManualClock, startTestServer } from '../../helpers/server.js';

const DAY = 86_400_000;
const [dir, name, seed, perDay] = process.argv.slice(2);
if (!dir || !name || !seed || !perDay)
  throw new Error('usage: seedRegion.ts <dir> <name> <seed> <visits a day>');

const start = Math.floor((Date.now() - 21 * DAY) / DAY) * DAY + 8 * 3_600_000;
const base = testConfig();
const server = await startTestServer({
  dir,
  clock: new ManualClock(start),
  config: {
    ...base,
    name,
    stations: base.stations.map((s) => ({ ...s, rule: null })),
    noShowRecallLimit: 0,
    recallPauseSeconds: 1,
  },
});
const { planted } = await simulateMonth(server, {
  days: 20,
  visitsPerDay: Number(perDay),
  seed: Number(seed),
});
await server.close();
writeFileSync(join(dir, 'planted.json'), JSON.stringify(planted));
