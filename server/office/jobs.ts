import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { StatsService } from '../stats/service.js';
import type { OfficeData } from '../store/seam.js';
import type { OfficeEngine } from './engine.js';
import { startRetention } from './retentionJob.js';

/** How often the day's turn is looked for without a command (a quiet office at midnight). */
const DAY_TURN_CHECK_MS = 30_000;

export interface OfficeJobs {
  stop(): Promise<void>;
}

/**
 * The jobs of an office that must run once, not once per server: the day's turn (any command
 * also turns it, and the log keeps one turn whoever writes it), retention, and the statistics'
 * warm-up (it sums finished days into rollups). One server of an office runs them; of a region's
 * nodes, the one that holds the office's lease (node/leases.ts).
 *
 * The day turns first, so that reads (admin, statistics) see today before any command arrives
 * (a failure is retried before the next command); retention's first run comes after it, since
 * the turn writes; the warm-up once that run's scrub is done, which its reading would hold up.
 */
export async function startOfficeJobs(parts: {
  store: OfficeData;
  engine: OfficeEngine;
  stats: StatsService;
  clock: Clock;
  log: Logger;
  /** How long after start retention first runs (0: before this resolves). */
  retentionDelayMs: number;
}): Promise<OfficeJobs> {
  const { engine, log } = parts;
  const turn = async () => {
    const turned = await engine.startDayIfDue();
    if (!turned.ok) log.warn({ code: turned.error.code }, 'office day not started');
  };
  await turn();
  const retention = await startRetention(parts.store, engine, parts.clock, log, parts.retentionDelayMs);
  // After the first run's erased data has left the disk: the warm-up reads for a while in one
  // snapshot, which would hold the rewrite back (PostgreSQL) or keep the WAL busy (SQLite).
  void retention.firstScrub.then(() => parts.stats.warmUp(engine.state.day, engine.state.config));
  const timer = setInterval(() => void turn(), DAY_TURN_CHECK_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await retention.stop();
    },
  };
}
