import type { OfficeConfig } from '../../shared/office.js';
import type { StationStats, Statistics, StatsRange } from '../../shared/stats.js';
import { utcOffsetMinutes } from './days.js';
import type { DayFigures } from './rollupStore.js';
import { summarizeSorted } from './summary.js';

interface StationSums {
  arrivals: number;
  served: number;
  noShows: number;
  skipped: number;
  wait: Float64Array[];
  service: Float64Array[];
}

/** Check-ins per hour of the office's day, from each day's UTC minutes and that day's offset. */
function arrivalsByHour(days: readonly DayFigures[], timeZone: string): number[] {
  const byHour = new Array<number>(24).fill(0);
  for (const d of days) {
    if (d.arrivalMinutes.length === 0) continue;
    const offset = utcOffsetMinutes(d.day, timeZone);
    for (const minute of d.arrivalMinutes) byHour[Math.floor(((minute + offset + 1440) % 1440) / 60)]! += 1;
  }
  return byHour;
}

/**
 * A range's statistics from its days' figures, one for each day of the range, with the office
 * config of now: the same figures as the full computation over the visits and steps
 * (compute.ts), which a test holds this to.
 */
export function combineDays(
  range: StatsRange,
  days: readonly DayFigures[],
  config: OfficeConfig,
): Statistics {
  const visits = { arrivals: 0, booked: 0, walkIn: 0, registered: 0, cancelled: 0, open: 0 };
  const languages = new Map<
    string,
    { visits: number; interpreterNeeded: number; interpreterOnSite: number }
  >();
  const byStation = new Map<string, StationSums>();
  for (const d of days) {
    visits.arrivals += d.arrivals;
    visits.booked += d.booked;
    visits.walkIn += d.arrivals - d.booked;
    visits.registered += d.registered;
    visits.cancelled += d.cancelled;
    visits.open += d.arrivals - d.registered - d.cancelled;
    for (const l of d.languages) {
      const sums = languages.get(l.language) ?? { visits: 0, interpreterNeeded: 0, interpreterOnSite: 0 };
      sums.visits += l.visits;
      sums.interpreterNeeded += l.interpreterNeeded;
      sums.interpreterOnSite += l.interpreterOnSite;
      languages.set(l.language, sums);
    }
    for (const s of d.stations) {
      const sums = byStation.get(s.stationId) ?? {
        arrivals: 0,
        served: 0,
        noShows: 0,
        skipped: 0,
        wait: [],
        service: [],
      };
      sums.arrivals += s.arrivals;
      sums.served += s.served;
      sums.noShows += s.noShows;
      sums.skipped += s.skipped;
      sums.wait.push(s.waitMs);
      sums.service.push(s.serviceMs);
      byStation.set(s.stationId, sums);
    }
  }

  const stationName = (id: string) => config.stations.find((s) => s.id === id)?.name ?? id;
  // Stations in chain order, then any others that visits of the range passed (since removed, say):
  // a station is in a day's figures only if a step of that day was at it.
  const order = [...config.chain, ...[...byStation.keys()].filter((id) => !config.chain.includes(id)).sort()];
  const stations: StationStats[] = order.map((stationId) => {
    const s = byStation.get(stationId);
    return {
      stationId,
      name: stationName(stationId),
      arrivals: s?.arrivals ?? 0,
      served: s?.served ?? 0,
      noShows: s?.noShows ?? 0,
      skipped: s?.skipped ?? 0,
      waitMinutes: summarizeSorted(s?.wait ?? []),
      serviceMinutes: summarizeSorted(s?.service ?? []),
    };
  });

  return {
    range,
    visits,
    visitMinutes: summarizeSorted(days.map((d) => d.visitMs)),
    stations,
    funnel: stations
      .filter((s) => config.chain.includes(s.stationId))
      .map((s) => ({ stationId: s.stationId, reached: s.arrivals, done: s.served, skipped: s.skipped })),
    languages: [...languages]
      .map(([language, l]) => ({ language, ...l }))
      .sort((a, b) => b.visits - a.visits || a.language.localeCompare(b.language)),
    arrivalsByHour: arrivalsByHour(days, config.timeZone),
  };
}
