import { officeDay } from '../../shared/day.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { OfficeData, Scrub } from '../store/seam.js';
import type { OfficeEngine } from './engine.js';

const HOUR = 3_600_000;
/**
 * A statistics query usually ends within a second or two; these waits outlast most of them, and
 * the last ones a busy database's (a region's nodes, a month's report), before the next hour.
 */
export const TRUNCATE_RETRY_MS: readonly number[] = [250, 1_000, 4_000, 15_000, 60_000];

/**
 * Runs the retention job soon after start (`firstRunDelayMs`: on a year of history it takes a
 * second or more, which must not keep the screens from reconnecting after a restart; 0 runs it
 * at once) and then once each office day (checked hourly, so a server
 * asleep at midnight still catches up). A failure is logged and tried again the next hour; it
 * never stops the office. Erased data is only gone from the disk once the store has cleared its
 * older copies (`scrubAfterErasure`: SQLite empties its WAL, PostgreSQL rewrites the tables): while
 * a reader holds that up, it is tried again after short waits, and then every hour until it works.
 */
export async function startRetention(
  store: OfficeData,
  engine: OfficeEngine,
  clock: Clock,
  log: Logger,
  firstRunDelayMs = 0,
): Promise<{ stop(): Promise<void>; firstScrub: Promise<void> }> {
  let lastDay = '';
  let walPending = false;
  let retry: NodeJS.Timeout | undefined;
  // Once the first run's erased data has left the disk, or its tries have been given up.
  let scrubbed!: () => void;
  const firstScrub = new Promise<void>((resolve) => (scrubbed = resolve));

  let stopped = false;
  const truncate = async (attempt: number) => {
    retry = undefined;
    let scrub: Scrub;
    try {
      scrub = await store.scrubAfterErasure();
    } catch (error) {
      walPending = true;
      log.error(
        { code: (error as { code?: string }).code ?? 'unknown' },
        'retention: clearing the erased data from the disk failed',
      );
      return scrubbed();
    }
    walPending = !scrub.done;
    if (scrub.done || stopped) return scrubbed();
    const wait = TRUNCATE_RETRY_MS[attempt];
    if (wait !== undefined) {
      log.debug(
        { heldBy: scrub.heldBy, attempt, retryMs: wait },
        'retention: erased data still held on the disk',
      );
      retry = setTimeout(() => void truncate(attempt + 1), wait);
      retry.unref();
      return;
    }
    log.warn(
      { attempts: attempt + 1, heldBy: scrub.heldBy },
      'retention: a reader kept the WAL busy (PostgreSQL: a transaction older than the erasure), so erased data may remain on the disk; trying again in an hour',
    );
    scrubbed();
  };

  // One run at a time: on PostgreSQL a run awaits the database, and the next hour must not overlap it.
  let running: Promise<void> | undefined;
  const tick = () => (running ??= run().finally(() => (running = undefined)));
  const run = async () => {
    const config = engine.state.config;
    const today = officeDay(clock.now(), config.timeZone);
    if (today !== lastDay) {
      try {
        const erased = await store.eraseExpired(config, clock.now());
        lastDay = today;
        walPending = true;
        if (retry !== undefined) clearTimeout(retry);
        retry = undefined;
        log.info(
          { erasures: erased.map((e) => ({ class: e.dataClass, agency: e.agency, visits: e.visits })) },
          'retention ran',
        );
      } catch (error) {
        log.error({ code: (error as { code?: string }).code ?? 'unknown' }, 'retention failed');
      }
    }
    if (walPending && retry === undefined && !stopped) await truncate(0);
    else scrubbed();
  };
  let first: NodeJS.Timeout | undefined;
  if (firstRunDelayMs === 0) await tick();
  else (first = setTimeout(() => void tick(), firstRunDelayMs)).unref();
  const timer = setInterval(() => void tick(), HOUR);
  timer.unref();
  return {
    firstScrub,
    stop: async () => {
      stopped = true;
      scrubbed();
      clearTimeout(first);
      clearInterval(timer);
      if (retry !== undefined) clearTimeout(retry);
      retry = undefined;
      await running;
    },
  };
}
