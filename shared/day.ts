import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';

/** The office day (`YYYY-MM-DD`) that an instant falls on, in the office's time zone. */
export function officeDay(at: number, timeZone: string): string {
  return format(new TZDate(at, timeZone), 'yyyy-MM-dd');
}

/** The instant of a wall-clock time (`HH:MM`) on an office day, in the office's time zone. */
export function officeInstant(day: string, time: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new TZDate(y, m - 1, d, hh, mm, timeZone).getTime();
}

/** A time zone name that the platform's Intl knows, such as `Europe/Stockholm`. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
