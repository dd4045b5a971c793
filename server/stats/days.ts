import { TZDate } from '@date-fns/tz';
import type { StatsRange } from '../../shared/stats.js';

const DAY_MS = 86_400_000;

/** The calendar day `n` days after `day` (`YYYY-MM-DD`; `n` may be negative). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Every day of the range, oldest first. */
export function daysOf(range: StatsRange): string[] {
  const days: string[] = [];
  for (let day = range.from; day <= range.to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** Offsets already worked out, by zone and day: a few hundred a year, and TZDate's take microseconds each. */
const offsets = new Map<string, number>();

/**
 * The office's offset from UTC on a day, in whole minutes (TZDate rounds away the seconds of old
 * local mean times), taken at noon: DST turns on Sunday nights, when offices are closed.
 */
export function utcOffsetMinutes(day: string, timeZone: string): number {
  const key = `${timeZone} ${day}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    offset = -new TZDate(y, m - 1, d, 12, 0, timeZone).getTimezoneOffset();
    offsets.set(key, offset);
  }
  return offset;
}
