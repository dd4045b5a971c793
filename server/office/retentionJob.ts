import { officeDay } from '../../shared/day.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { OfficeStore } from '../store/store.js';
import type { OfficeEngine } from './engine.js';
import { runRetention } from './retention.js';

const HOUR = 3_600_000;

/**
 * Runs the retention job at start and then once each office day (checked hourly, so a server
 * asleep at midnight still catches up). A failure is logged and tried again the next hour; it
 * never stops the office.
 */
export function startRetention(
  store: OfficeStore,
  engine: OfficeEngine,
  clock: Clock,
  log: Logger,
): { stop(): void } {
  let lastDay = '';
  const tick = () => {
    const config = engine.state.config;
    const today = officeDay(clock.now(), config.timeZone);
    if (today === lastDay) return;
    try {
      const erased = runRetention(store.db, config, clock.now());
      lastDay = today;
      log.info(
        { erasures: erased.map((e) => ({ class: e.dataClass, agency: e.agency, visits: e.visits })) },
        'retention ran',
      );
    } catch (error) {
      log.error({ code: (error as { code?: string }).code ?? 'unknown' }, 'retention failed');
    }
  };
  tick();
  const timer = setInterval(tick, HOUR);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
