import { officeDay } from '../../shared/day.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { OfficeStore } from '../store/store.js';
import type { OfficeEngine } from './engine.js';
import { runRetention, truncateWal } from './retention.js';

const HOUR = 3_600_000;
/** A statistics query usually ends within a second or two; these waits outlast most of them. */
export const TRUNCATE_RETRY_MS: readonly number[] = [250, 1_000, 4_000];

/**
 * Runs the retention job soon after start (`firstRunDelayMs`: on a year of history it takes a
 * second or more, which must not keep the screens from reconnecting after a restart; 0 runs it
 * at once) and then once each office day (checked hourly, so a server
 * asleep at midnight still catches up). A failure is logged and tried again the next hour; it
 * never stops the office. Erased data is only gone from the disk once the WAL is emptied: while a
 * reader keeps it busy, that is tried again after short waits, and then every hour until it works.
 */
export function startRetention(
  store: OfficeStore,
  engine: OfficeEngine,
  clock: Clock,
  log: Logger,
  firstRunDelayMs = 0,
): { stop(): void } {
  let lastDay = '';
  let walPending = false;
  let retry: NodeJS.Timeout | undefined;

  const truncate = (attempt: number) => {
    retry = undefined;
    let done: boolean;
    try {
      done = truncateWal(store.db);
    } catch (error) {
      walPending = true;
      log.error({ code: (error as { code?: string }).code ?? 'unknown' }, 'retention checkpoint failed');
      return;
    }
    walPending = !done;
    if (done) return;
    const wait = TRUNCATE_RETRY_MS[attempt];
    if (wait !== undefined) {
      retry = setTimeout(() => truncate(attempt + 1), wait);
      retry.unref();
      return;
    }
    log.warn(
      { attempts: attempt + 1 },
      'retention: a reader kept the WAL busy, so erased data may remain in it; trying again in an hour',
    );
  };

  const tick = () => {
    const config = engine.state.config;
    const today = officeDay(clock.now(), config.timeZone);
    if (today !== lastDay) {
      try {
        const erased = runRetention(store.db, config, clock.now());
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
    if (walPending && retry === undefined) truncate(0);
  };
  let first: NodeJS.Timeout | undefined;
  if (firstRunDelayMs === 0) tick();
  else (first = setTimeout(tick, firstRunDelayMs)).unref();
  const timer = setInterval(tick, HOUR);
  timer.unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(timer);
      if (retry !== undefined) clearTimeout(retry);
      retry = undefined;
    },
  };
}
