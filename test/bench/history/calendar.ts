import { officeDay, officeInstant } from '../../../shared/day.js';

/**
 * The history's calendar is fixed, so that a cached history stays valid whatever the date: a
 * year of office days up to a Friday, and the servers that open it run on the Monday after,
 * on a clock anchored there.
 */
export const LAST_DAY = '2026-05-29';
export const TODAY = '2026-06-01';
export const TIME_ZONE = 'Europe/Stockholm';

const DAY_MS = 86_400_000;

/** The day `n` calendar days after `day`. */
export function addDays(day: string, n: number): string {
  return officeDay(Date.parse(`${day}T12:00:00Z`) + n * DAY_MS, 'UTC');
}

export const isWeekday = (day: string) => {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  return weekday >= 1 && weekday <= 5;
};

/** The last `count` weekdays up to and with `last`, oldest first. */
export function officeDays(count: number, last = LAST_DAY): string[] {
  const days: string[] = [];
  for (let day = last; days.length < count; day = addDays(day, -1)) if (isWeekday(day)) days.unshift(day);
  return days;
}

/** An instant on an office day, in the office's time zone. */
export const at = (day: string, time: string) => officeInstant(day, time, TIME_ZONE);
