import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Statistics, Summary } from '../../shared/stats.js';
import { connectDevice } from '../helpers/client.js';
import { testConfig } from '../helpers/domain.js';
import { simulateMonth, type Planted, type VisitLedger } from '../helpers/month.js';
import { ok } from '../helpers/office.js';
import { ManualClock, startTestServer, type TestServer } from '../helpers/server.js';
import { storedBytes } from '../helpers/storedBytes.js';

/** Median (mean of the middle two), nearest-rank 90th percentile and max, in minutes to 0.1. */
function expectedSummary(ms: number[]): Summary {
  if (ms.length === 0) return { count: 0, median: null, p90: null, max: null };
  const s = [...ms].sort((a, b) => a - b);
  const n = s.length;
  const minutes = (x: number) => Math.round((x / 60_000) * 10) / 10;
  const median = n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
  return {
    count: n,
    median: minutes(median),
    p90: minutes(s[Math.ceil(0.9 * n) - 1]!),
    max: minutes(s[n - 1]!),
  };
}

/** The month's figures from the simulation's own ledger, not from anything the server computed. */
function expectedStatistics(ledger: VisitLedger[], from: string, to: string): Statistics {
  const stations = ['mv', 'af', 'skv-fk', 'kommun'];
  const names: Record<string, string> = Object.fromEntries(testConfig().stations.map((s) => [s.id, s.name]));
  const steps = ledger.flatMap((v) => v.steps);
  const perStation = stations.map((stationId) => {
    const mine = steps.filter((s) => s.stationId === stationId);
    return {
      stationId,
      name: names[stationId]!,
      arrivals: mine.filter((s) => s.queuedAt !== null).length,
      served: mine.filter((s) => s.status === 'done').length,
      noShows: mine.filter((s) => s.status === 'no_show').length,
      skipped: mine.filter((s) => s.status === 'skipped').length,
      waitMinutes: expectedSummary(
        mine.filter((s) => s.queuedAt !== null && s.calledAt !== null).map((s) => s.calledAt! - s.queuedAt!),
      ),
      serviceMinutes: expectedSummary(
        mine.filter((s) => s.status === 'done').map((s) => s.endedAt! - s.startedAt!),
      ),
    };
  });
  const languages = new Map<
    string,
    { visits: number; interpreterNeeded: number; interpreterOnSite: number }
  >();
  for (const v of ledger) {
    const l = languages.get(v.language) ?? { visits: 0, interpreterNeeded: 0, interpreterOnSite: 0 };
    l.visits++;
    if (v.interpreterLanguage) l.interpreterNeeded++;
    if (v.interpreterOnSite) l.interpreterOnSite++;
    languages.set(v.language, l);
  }
  const byHour = new Array<number>(24).fill(0);
  // Stockholm is UTC+1 all of this month (no daylight saving between late November and late December).
  for (const v of ledger) byHour[new Date(v.createdAt + 3_600_000).getUTCHours()]! += 1;
  const registered = ledger.filter((v) => v.status === 'registered');
  return {
    range: { from, to },
    visits: {
      arrivals: ledger.length,
      booked: ledger.filter((v) => v.kind === 'booked').length,
      walkIn: ledger.filter((v) => v.kind === 'walk_in').length,
      registered: registered.length,
      cancelled: ledger.length - registered.length,
      open: 0,
    },
    visitMinutes: expectedSummary(registered.map((v) => v.endedAt! - v.createdAt)),
    stations: perStation,
    funnel: perStation.map((s) => ({
      stationId: s.stationId,
      reached: s.arrivals,
      done: s.served,
      skipped: s.skipped,
    })),
    languages: [...languages]
      .map(([language, l]) => ({ language, ...l }))
      .sort((a, b) => b.visits - a.visits || a.language.localeCompare(b.language)),
    arrivalsByHour: byHour,
  };
}

function survivors(bytes: Buffer, planted: Planted): string[] {
  const values = [
    ...planted.names,
    ...planted.birthDates,
    ...planted.bookingRefs,
    ...planted.bookingRefs.map((r) => r.replace('-', '')),
    ...planted.notes,
    ...planted.statusTokens,
  ];
  return values.filter((v) => bytes.includes(Buffer.from(v, 'utf8')));
}

describe('a month of the office', () => {
  // tmpfs where there is one: the month is thousands of durable commits.
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'motesplats-month-'));
  const clock = new ManualClock();
  // No age rules: the simulation decides itself which steps are skipped.
  const base = testConfig();
  const config = {
    ...base,
    stations: base.stations.map((s) => ({ ...s, rule: null })),
    noShowRecallLimit: 0,
    recallPauseSeconds: 0,
  };
  let server: TestServer;
  let month: Awaited<ReturnType<typeof simulateMonth>>;

  beforeAll(async () => {
    server = await startTestServer({ dir, clock, config });
    month = await simulateMonth(server, { days: 30, visitsPerDay: 10, seed: 4711 });
  }, 120_000);
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function monthStatistics() {
    const admin = await connectDevice(server.url, await server.pair('admin'));
    try {
      return ok(await admin.query('stats:compute', { from: month.firstDay, to: month.lastDay }));
    } finally {
      admin.close();
    }
  }

  it('has statistics that match figures computed independently from what happened', async () => {
    expect(month.ledger.length).toBeGreaterThan(250);
    const stats = await monthStatistics();
    expect(stats).toEqual(expectedStatistics(month.ledger, month.firstDay, month.lastDay));
    // The month was eventful enough for every figure to mean something.
    expect(stats.visits.registered).toBeGreaterThan(200);
    expect(stats.stations.find((s) => s.stationId === 'af')?.skipped).toBeGreaterThan(10);
    expect(stats.stations.reduce((n, s) => n + s.noShows, 0)).toBeGreaterThan(3);
    expect(stats.languages.reduce((n, l) => n + l.interpreterOnSite, 0)).toBeGreaterThan(10);
  });

  it('after the retention job, no personal data of the month is left anywhere in the store’s files, and the statistics are the same', async () => {
    const before = await monthStatistics();
    expect(survivors(await storedBytes(server), month.planted).length).toBeGreaterThan(1000);

    // Seventy days on, the server starts again, and the retention job runs at start.
    await server.close();
    clock.advance(70 * 86_400_000);
    // What the retention job says of its waits, for a failure to name what held it up.
    const said: string[] = [];
    const log = pino({ level: 'debug' }, { write: (line: string) => void said.push(line) });
    server = await startTestServer({ dir, clock, config, log });

    // The rewrite waits while any query older than the erasure could see the old rows (the
    // server's own first reads at start, a busy test machine's), and is tried again after 0.25,
    // 1, 4 and 15 s (retentionJob.ts): the data is gone once it ran.
    let left: string[] = [];
    await expect
      .poll(async () => (left = survivors(await storedBytes(server), month.planted)).length, {
        timeout: 30_000,
        interval: 1_000,
      })
      .toBe(0)
      // Said below, with what the job said of its waits.
      .catch(() => undefined);
    const waits = said.filter((line) => line.includes('retention'));
    expect(left, `still in the file: ${left.slice(0, 5).join(' | ')}\n${waits.join('')}`).toEqual([]);
    expect(await monthStatistics()).toEqual(before);

    const admin = await connectDevice(server.url, await server.pair('admin'));
    const { erasures } = ok(await admin.query('retention:list', {}));
    admin.close();
    const classes = erasures.map((e) => `${e.dataClass}:${e.agency ?? '*'}`).sort();
    expect(classes).toEqual([
      'booking_refs:*',
      'household:*',
      'notes:AF',
      'notes:KOMMUN',
      'notes:MV',
      'notes:SKV_FK',
    ]);
    expect(erasures.find((e) => e.dataClass === 'household')?.visits).toBeGreaterThan(250);
    expect(JSON.stringify(erasures)).not.toContain('Sentinel');
  }, 60_000);
});
