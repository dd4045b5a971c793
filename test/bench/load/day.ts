import { rng } from '../../helpers/rng.js';
import type { PlannedCommand } from './protocol.js';

const MINUTE = 60_000;

export interface DayPlanInput {
  readonly stations: readonly { readonly stationId: string; readonly desks: readonly string[] }[];
  readonly kiosk: string;
  /** Households already waiting when the doors open (checked in beforehand). */
  readonly waiting: readonly string[];
  /** Households that check in at the kiosk during the day. */
  readonly arrivals: number;
  /** The office day, in office (virtual) milliseconds. */
  readonly dayMs: number;
  /** Virtual milliseconds per real millisecond. */
  readonly speed: number;
  readonly seed: number;
}

/**
 * An office day as an open-loop schedule, from a simple queueing simulation: households arrive
 * through the day, each station's desks call them first come first served, meet them for 4 to
 * 10 minutes and hand them over; the last station completes the visit. Times are the office's,
 * then divided by `speed` into the real milliseconds the generator keeps.
 */
export function dayPlan(input: DayPlanInput): PlannedCommand[] {
  const r = rng(7);
  const out: {
    t: number;
    client: string;
    name: string;
    payload: Record<string, unknown>;
    ref?: number;
    visitRef?: number;
  }[] = [];
  type Who = { visitId: string } | { ref: number };
  const visits: { who: Who; ready: number }[] = input.waiting
    .map((visitId) => ({ visitId, ready: 0 }))
    .map((v) => ({
      who: { visitId: v.visitId },
      ready: v.ready,
    }));
  for (let i = 0; i < input.arrivals; i++) {
    const t = Math.floor(r.next() * (input.dayMs - 60 * MINUTE));
    out.push({
      t,
      client: input.kiosk,
      name: 'visit:check_in',
      payload: {
        arrival: { kind: 'walk_in', adults: r.int(1, 2), children: r.int(0, 3) },
        language: r.pick(['ar', 'fa', 'ti', 'so', 'uk', 'en', 'sv']),
        interpreterLanguage: null,
        consent: r.chance(0.7),
      },
      ref: i,
    });
    visits.push({ who: { ref: i }, ready: t });
  }
  const target = (who: Who) =>
    'ref' in who ? { visitRef: who.ref, payload: {} } : { payload: { visitId: who.visitId } };
  const last = input.stations.length - 1;
  input.stations.forEach((station, s) => {
    const freeAt = new Map(station.desks.map((d) => [d, 0]));
    for (const visit of [...visits].sort((a, b) => a.ready - b.ready)) {
      if (visit.ready > input.dayMs) continue;
      const [desk, free] = [...freeAt].sort((a, b) => a[1] - b[1])[0]!;
      const called = Math.max(visit.ready, free) + r.int(60, 120) * 1000;
      const started = called + r.int(30, 90) * 1000;
      const ended = started + r.int(4, 10) * MINUTE;
      freeAt.set(desk, ended);
      const { payload, ...ref } = target(visit.who);
      const at = (t: number, name: string, extra: Record<string, unknown> = {}) =>
        out.push({ t, client: desk, name, payload: { ...payload, ...extra }, ...ref });
      at(called, 'visit:call');
      at(started, 'visit:start');
      if (s < last) at(ended, 'visit:hand_over', { to: { kind: 'next' }, outcome: 'done' });
      else at(ended, 'visit:complete', { outcome: 'done' });
      visit.ready = ended;
    }
  });
  return out
    .filter((c) => c.t <= input.dayMs)
    .sort((a, b) => a.t - b.t)
    .map((c, i) => ({
      i,
      at: c.t / input.speed,
      client: c.client,
      name: c.name,
      payload: c.payload,
      ...(c.ref !== undefined && c.name === 'visit:check_in' && { ref: c.ref }),
      ...(c.visitRef !== undefined && { visitRef: c.visitRef }),
    }));
}
