import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_NAMES, type CommandName } from '../../../shared/commands.js';
import { QUERY_NAMES, type QueryName } from '../../../shared/protocol.js';
import type { RegionFigures, RegionNow } from '../../../shared/region.js';
import type { Summary } from '../../../shared/stats.js';
import { TestClient } from '../../helpers/client.js';

/** A region screen's connection: it is sent who it is, and nothing else. */
async function connectRegion(url: string, token: string): Promise<TestClient> {
  const client = new TestClient(url, { token });
  await client.connected();
  await client.until(() => client.received.some((m) => m.event === 'session:ready'), 'session');
  return client;
}
import { DAY, T0, testConfig } from '../../helpers/domain.js';
import { connectOffice, DESKS, ok, type Devices } from '../../helpers/office.js';
import { startTestServer, ManualClock, type TestServer } from '../../helpers/server.js';
import { CHAIN, ludvika } from '../../helpers/region.js';
import { TEST_STORE } from '../../helpers/testStore.js';

const MINUTE = 60_000;
const DAY_MS = 86_400_000;
const DAY2 = '2026-11-24';

/** What the test did, by its own clock: the ground truth the region's figures are held to. */
interface LedgerStep {
  station: string;
  queuedAt: number | null;
  calledAt: number | null;
  startedAt: number | null;
  endedAt: number | null;
  status: 'done' | 'no_show' | 'pending';
}
interface LedgerVisit {
  office: string;
  day: string;
  checkedInAt: number;
  persons: number;
  interpreterNeeded: boolean;
  interpreterUsed: boolean;
  registeredAt: number | null;
  steps: LedgerStep[];
}

/** Medians, nearest-rank 90th percentiles and maxima in tenths of minutes, written out here again. */
function expectedSummary(ms: number[]): Summary {
  const sorted = [...ms].sort((x, y) => x - y);
  const n = sorted.length;
  if (n === 0) return { count: 0, median: null, p90: null, max: null };
  const tenth = (v: number) => Math.round((v / MINUTE) * 10) / 10;
  const median = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  return {
    count: n,
    median: tenth(median),
    p90: tenth(sorted[Math.ceil(0.9 * n) - 1]!),
    max: tenth(sorted[n - 1]!),
  };
}

function expectedFigures(ledger: LedgerVisit[], office: string, from: string, to: string) {
  const visits = ledger.filter((v) => v.office === office && v.day >= from && v.day <= to);
  const registered = visits.filter((v) => v.registeredAt !== null);
  const steps = visits.flatMap((v) => v.steps);
  return {
    arrivals: visits.length,
    households: registered.length,
    persons: registered.reduce((sum, v) => sum + v.persons, 0),
    leadMinutes: expectedSummary(registered.map((v) => v.registeredAt! - v.checkedInAt)),
    noShows: steps.filter((s) => s.status === 'no_show').length,
    interpreterNeeded: visits.filter((v) => v.interpreterNeeded).length,
    interpreterUsed: visits.filter((v) => v.interpreterUsed).length,
    stations: CHAIN.map(([, station]) => {
      const here = steps.filter((s) => s.station === station);
      return {
        stationId: station,
        arrivals: here.filter((s) => s.queuedAt !== null).length,
        served: here.filter((s) => s.status === 'done').length,
        noShows: here.filter((s) => s.status === 'no_show').length,
        waitMinutes: expectedSummary(
          here.filter((s) => s.calledAt !== null).map((s) => s.calledAt! - s.queuedAt!),
        ),
        serviceMinutes: expectedSummary(
          here.filter((s) => s.status === 'done').map((s) => s.endedAt! - s.startedAt!),
        ),
      };
    }),
  };
}

/** The region's figures without the names from the configs, to compare with the ledger's. */
function measured(figures: RegionFigures, office: string) {
  const f = figures.offices.find((o) => o.officeId === office)!;
  return {
    arrivals: f.arrivals,
    households: f.households,
    persons: f.persons,
    leadMinutes: f.leadMinutes,
    noShows: f.noShows,
    interpreterNeeded: f.interpreterNeeded,
    interpreterUsed: f.interpreterUsed,
    stations: f.stations.map(({ name: _name, ...rest }) => rest),
  };
}

const PLANTED = {
  names: ['Sentinelia Borlängesdotter', 'Sentinel Ludvikason'],
  refs: ['MV4711', 'MV4712'],
  notes: ['Sentinel note Borlänge', 'Sentinel note Ludvika'],
  interpreter: 'Tolk Sentinelsson',
};

describe.runIf(TEST_STORE === 'postgres')('the region’s view of two offices in one database', () => {
  const database = `region_view_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const clock = new ManualClock();
  const ledger: LedgerVisit[] = [];
  const statusTokens: string[] = [];
  const visitIds: string[] = [];
  let borlange: TestServer;
  let ludvikaServer: TestServer;
  let offices: Record<string, { server: TestServer; devices: Devices }>;
  let region: TestClient;
  let regionToken: string;

  /** A household through the chain: waits and meetings of the given minutes at each station. */
  async function journey(
    officeId: string,
    minutes: readonly (readonly [wait: number, service: number])[],
    options: { booked?: string; adults?: number; children?: number; interpreter?: string } = {},
  ) {
    const { server, devices } = offices[officeId]!;
    const ack = ok(
      await devices.kiosk.command('visit:check_in', {
        arrival: options.booked
          ? { kind: 'booked', bookingRef: options.booked }
          : { kind: 'walk_in', adults: options.adults ?? 1, children: options.children ?? 0 },
        language: 'ar',
        interpreterLanguage: options.interpreter === undefined ? null : 'ar',
        consent: true,
      }),
    );
    const { visitId } = ack;
    visitIds.push(visitId);
    statusTokens.push(ack.statusToken);
    const visit: LedgerVisit = {
      office: officeId,
      day: server.server.engine.state.day,
      checkedInAt: clock.now(),
      persons: options.booked ? 3 : (options.adults ?? 1) + (options.children ?? 0),
      interpreterNeeded: options.interpreter !== undefined,
      interpreterUsed: false,
      registeredAt: null,
      steps: CHAIN.map(([, station]) => ({
        station,
        queuedAt: null,
        calledAt: null,
        startedAt: null,
        endedAt: null,
        status: 'pending',
      })),
    };
    ledger.push(visit);
    visit.steps[0]!.queuedAt = clock.now();
    if (options.interpreter) {
      ok(
        await devices.reception.command('interpreter:attach', {
          interpreterId: options.interpreter,
          visitId,
        }),
      );
      visit.interpreterUsed = true;
    }
    ok(
      await devices.reception.command('visit:set_household', {
        visitId,
        adults: options.booked ? 2 : (options.adults ?? 1),
        children: options.booked ? 1 : (options.children ?? 0),
        members: [
          {
            name: PLANTED.names[officeId === 'borlange' ? 0 : 1]!,
            birthDate: '1984-04-04',
            kind: 'adult',
            parentsInSweden: null,
          },
        ],
      }),
    );
    for (const [i, [deskId]] of CHAIN.entries()) {
      const step = visit.steps[i]!;
      const [wait, service] = minutes[i]!;
      const desk = devices.desks[deskId];
      clock.advance(wait * MINUTE);
      expect(ok(await desk.command('queue:call_next', {})).visitId).toBe(visitId);
      step.calledAt = clock.now();
      ok(await desk.command('visit:start', { visitId }));
      step.startedAt = clock.now();
      ok(
        await desk.command('visit:add_note', {
          visitId,
          note: { text: `${PLANTED.notes[officeId === 'borlange' ? 0 : 1]} ${deskId}`, visibility: 'shared' },
        }),
      );
      clock.advance(service * MINUTE);
      if (i < CHAIN.length - 1)
        ok(await desk.command('visit:hand_over', { visitId, to: { kind: 'next' }, outcome: 'done' }));
      else ok(await desk.command('visit:complete', { visitId, outcome: 'done' }));
      step.endedAt = clock.now();
      step.status = 'done';
      if (i < CHAIN.length - 1) visit.steps[i + 1]!.queuedAt = clock.now();
    }
    visit.registeredAt = clock.now();
    return visitId;
  }

  /** A household called at the first station that never comes: recalled, then marked a no-show. */
  async function noShow(officeId: string, wait: number) {
    const { server, devices } = offices[officeId]!;
    const { visitId } = ok(
      await devices.kiosk.command('visit:check_in', {
        arrival: { kind: 'walk_in', adults: 2, children: 2 },
        language: 'so',
        interpreterLanguage: null,
        consent: false,
      }),
    );
    const visit: LedgerVisit = {
      office: officeId,
      day: server.server.engine.state.day,
      checkedInAt: clock.now(),
      persons: 4,
      interpreterNeeded: false,
      interpreterUsed: false,
      registeredAt: null,
      steps: CHAIN.map(([, station], i) => ({
        station,
        queuedAt: i === 0 ? clock.now() : null,
        calledAt: null,
        startedAt: null,
        endedAt: null,
        status: 'pending',
      })),
    };
    ledger.push(visit);
    const desk = devices.desks['mv-2'];
    clock.advance(wait * MINUTE);
    expect(ok(await desk.command('queue:call_next', {})).visitId).toBe(visitId);
    visit.steps[0]!.calledAt = clock.now();
    for (let i = 0; i < 2; i++) {
      clock.advance(16_000);
      ok(await desk.command('visit:recall', { visitId }));
    }
    clock.advance(16_000);
    ok(await desk.command('visit:no_show', { visitId }));
    visit.steps[0]!.status = 'no_show';
  }

  async function signInAll(devices: Devices) {
    for (const id of DESKS) ok(await devices.desks[id].command('desk:sign_in', { officer: `Officer ${id}` }));
  }

  beforeAll(async () => {
    borlange = await startTestServer({ clock, region: { database, officeId: 'borlange' } });
    ludvikaServer = await startTestServer({
      clock,
      config: ludvika(),
      region: { database, officeId: 'ludvika' },
    });
    const [a, b] = await Promise.all([connectOffice(borlange), connectOffice(ludvikaServer)]);
    offices = { borlange: { server: borlange, devices: a }, ludvika: { server: ludvikaServer, devices: b } };

    // Day 1: booked households with references, members with names, notes, an interpreter.
    for (const [office, ref] of [
      ['borlange', PLANTED.refs[0]!],
      ['ludvika', PLANTED.refs[1]!],
    ] as const)
      ok(
        await offices[office]!.devices.admin.command('appointments:import', {
          day: DAY,
          csv: `Tid;Referens;Språk;Vuxna;Barn\n09:00;${ref};arabiska;2;1\n`,
          dryRun: false,
        }),
      );
    const { interpreterId } = ok(
      await a.admin.command('interpreter:add', { language: 'ar', mode: 'onsite', name: PLANTED.interpreter }),
    );
    await journey(
      'borlange',
      [
        [3, 10],
        [7, 15],
        [2, 8],
        [12, 20],
      ],
      { booked: PLANTED.refs[0], interpreter: interpreterId },
    );
    await journey(
      'borlange',
      [
        [5, 12],
        [1, 9],
        [4, 30],
        [6, 11],
      ],
      { adults: 1, children: 3 },
    );
    await noShow('borlange', 9);
    await journey(
      'borlange',
      [
        [8, 14],
        [3, 10],
        [10, 7],
        [2, 16],
      ],
      { adults: 2 },
    );
    await journey(
      'ludvika',
      [
        [20, 25],
        [15, 30],
        [25, 12],
        [9, 40],
      ],
      { booked: PLANTED.refs[1] },
    );
    await journey(
      'ludvika',
      [
        [11, 18],
        [6, 22],
        [14, 9],
        [3, 17],
      ],
      { adults: 1, children: 1 },
    );

    // Day 2: the turn at the first command; Borlänge's admin asks for day 1, which its server keeps.
    clock.advance(T0 + DAY_MS - clock.now());
    await signInAll(a);
    await signInAll(b);
    expect(borlange.server.engine.state.day).toBe(DAY2);
    ok(await a.admin.query('stats:compute', { from: DAY, to: DAY }));
    for (let tries = 0; ; tries++) {
      const kept = await borlange.rows(`SELECT day FROM stats_days WHERE office_id = 'borlange'`);
      if (kept.length === 1) break;
      if (tries > 100) throw new Error('Borlänge’s server kept no day');
      await new Promise((r) => setTimeout(r, 50));
    }
    await journey(
      'borlange',
      [
        [4, 6],
        [2, 5],
        [1, 4],
        [3, 9],
      ],
      { adults: 3, interpreter: undefined },
    );
    await journey(
      'ludvika',
      [
        [30, 10],
        [12, 14],
        [5, 5],
        [8, 21],
      ],
      { adults: 2, children: 2 },
    );
    await noShow('ludvika', 4);

    const { code } = await borlange.region!.devices.create('Region Dalarna', clock.now());
    const paired = await fetch(`${ludvikaServer.url}/api/pair`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect(paired.status).toBe(200);
    const body = (await paired.json()) as { token: string; device: { role: string; deskId: null } };
    expect(body.device).toMatchObject({ role: 'region', name: 'Region Dalarna', deskId: null });
    regionToken = body.token;
    region = await connectRegion(borlange.url, regionToken);
  }, 120_000);

  afterAll(async () => {
    region?.close();
    for (const office of Object.values(offices ?? {})) office.devices.close();
    await borlange?.cleanup();
    await ludvikaServer?.cleanup();
  });

  const ask = <T>(client: TestClient, name: string, payload: unknown) =>
    client.raw(name, payload) as Promise<
      { ok: true; value: T } | { ok: false; error: { code: string; message: string } }
    >;

  it('answers each office’s figures for a range as the ledger of what the desks did says', async () => {
    for (const [from, to] of [
      [DAY, DAY],
      [DAY2, DAY2],
      [DAY, DAY2],
      ['2026-11-01', '2026-11-30'],
    ] as const) {
      const figures = ok(await ask<RegionFigures>(region, 'region:figures', { from, to }));
      expect(figures.range).toEqual({ from, to });
      expect(figures.offices.map((o) => [o.officeId, o.name])).toEqual([
        ['borlange', testConfig().name],
        ['ludvika', 'Ludvika servicekontor'],
      ]);
      for (const office of ['borlange', 'ludvika'])
        expect(measured(figures, office), `${office} ${from}–${to}`).toEqual(
          expectedFigures(ledger, office, from, to),
        );
    }
    // The checks above can fail: the two offices differ, and the range holds them all.
    const all = ok(await ask<RegionFigures>(region, 'region:figures', { from: DAY, to: DAY2 }));
    expect(all.offices[0]!.households).toBe(4);
    expect(all.offices[1]!.households).toBe(3);
    expect(all.offices[0]!.noShows).toBe(1);
    expect(all.offices[0]!.interpreterUsed).toBe(1);
  });

  it('gives the same figures as each office’s own statistics for its admin', async () => {
    const figures = ok(await ask<RegionFigures>(region, 'region:figures', { from: DAY, to: DAY2 }));
    for (const [office, devices] of [
      ['borlange', offices.borlange!.devices],
      ['ludvika', offices.ludvika!.devices],
    ] as const) {
      const stats = ok(await devices.admin.query('stats:compute', { from: DAY, to: DAY2 }));
      const f = figures.offices.find((o) => o.officeId === office)!;
      expect(f.leadMinutes).toEqual(stats.visitMinutes);
      expect(f.households).toBe(stats.visits.registered);
      expect(f.stations.map((s) => [s.waitMinutes, s.serviceMinutes])).toEqual(
        stats.stations.map((s) => [s.waitMinutes, s.serviceMinutes]),
      );
    }
  });

  it('answers each office’s queues now, from the database, whichever office’s server it asks', async () => {
    const { devices } = offices.borlange!;
    const start = clock.now();
    for (const adults of [1, 2])
      ok(
        await devices.kiosk.command('visit:check_in', {
          arrival: { kind: 'walk_in', adults, children: 0 },
          language: 'sv',
          interpreterLanguage: null,
          consent: true,
        }),
      );
    clock.advance(7 * MINUTE + 30_000);
    ok(await offices.ludvika!.devices.desks['af-2'].command('desk:sign_out', {}));
    ok(await offices.ludvika!.devices.desks['kommun-2'].command('desk:sign_out', {}));

    const other = await connectRegion(ludvikaServer.url, regionToken);
    try {
      for (const client of [region, other]) {
        const now = ok(await ask<RegionNow>(client, 'region:now', {}));
        expect(now.at).toBe(clock.now());
        const [b, l] = now.offices;
        expect(b).toMatchObject({ officeId: 'borlange', waiting: 2, longestWaitMinutes: 7, desksOpen: 8 });
        expect(b!.stations.find((s) => s.stationId === 'mv')).toMatchObject({
          waiting: 2,
          longestWaitMinutes: Math.floor((clock.now() - start) / MINUTE),
          desksOpen: 2,
        });
        expect(l).toMatchObject({ officeId: 'ludvika', waiting: 0, longestWaitMinutes: null, desksOpen: 6 });
        expect(l!.stations.map((s) => [s.stationId, s.desksOpen])).toEqual([
          ['mv', 2],
          ['af', 1],
          ['skv-fk', 2],
          ['kommun', 1],
        ]);
      }
    } finally {
      other.close();
    }
  });

  it('refuses a range that is no range, changing nothing', async () => {
    for (const bad of [
      { from: '2026-11-24', to: '2026-11-23' },
      { from: '2026-02-30', to: '2026-03-01' },
      { from: '2025-01-01', to: '2026-11-23' },
      { from: '2026-11-23' },
      { from: '2026-11-23', to: '2026-11-23', office: 'borlange' },
      'yesterday',
      undefined,
    ]) {
      const ack = await ask(region, 'region:figures', bad);
      expect(ack.ok, JSON.stringify(bad)).toBe(false);
      if (!ack.ok) expect(ack.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await ask(region, 'region:now', { office: 'x' })).ok).toBe(false);
  });

  it('refuses the region’s queries to every office device', async () => {
    for (const client of [...offices.borlange!.devices.all(), ...offices.ludvika!.devices.all()])
      for (const name of ['region:now', 'region:figures']) {
        const ack = await ask(client, name, name === 'region:now' ? {} : { from: DAY, to: DAY });
        expect(ack.ok).toBe(false);
        if (!ack.ok) expect(ack.error.code).toBe('FORBIDDEN');
      }
  });

  it('refuses the region device every office command and query, changing nothing', async () => {
    const before = { head: borlange.server.engine.head, state: borlange.server.engine.state };
    const names: (CommandName | QueryName)[] = [...COMMAND_NAMES, ...QUERY_NAMES];
    for (const name of names) {
      const ack = await ask(region, name, {
        commandId: randomUUID(),
        visitId: visitIds[0],
        from: DAY,
        to: DAY,
      });
      expect(ack.ok, name).toBe(false);
      if (!ack.ok) expect(ack.error.code, name).toBe('FORBIDDEN');
    }
    expect(borlange.server.engine.head).toBe(before.head);
    expect(borlange.server.engine.state).toBe(before.state);
  });

  it('sends the region device no office’s events, state or views, and nothing personal', async () => {
    const events = new Set(region.received.map((m) => m.event));
    expect([...events].sort()).toEqual(['session:ready']);
    const text = JSON.stringify(region.received);
    const forbidden = [
      ...PLANTED.names,
      ...PLANTED.refs,
      ...PLANTED.notes,
      PLANTED.interpreter,
      ...visitIds,
      ...statusTokens,
      'Officer ',
    ];
    // Its answers are frames too: ask both once more and look at every byte.
    const answers = JSON.stringify([
      await ask(region, 'region:now', {}),
      await ask(region, 'region:figures', { from: DAY, to: DAY2 }),
    ]);
    for (const needle of forbidden) {
      expect(text.includes(needle), needle).toBe(false);
      expect(answers.includes(needle), needle).toBe(false);
    }
    // The planted data is there to find: in the offices' tables, which the region reads beside.
    const stored = JSON.stringify(
      await borlange.rows(
        `SELECT (SELECT string_agg(text, ' ') FROM notes) AS notes,
                (SELECT string_agg(members || ' ' || coalesce(booking_ref, ''), ' ') FROM visit_private) AS private,
                (SELECT string_agg(ref, ' ') FROM appointments) AS refs,
                (SELECT string_agg(name, ' ') FROM interpreters) AS interpreters`,
      ),
    );
    for (const needle of [...PLANTED.names, ...PLANTED.refs, ...PLANTED.notes, PLANTED.interpreter])
      expect(stored).toContain(needle);
    expect(answers).toContain('Ludvika servicekontor');
  });

  it('cuts off a revoked region device at once, on every server', async () => {
    const devices = await borlange.region!.devices.list();
    const id = devices.find((d) => d.name === 'Region Dalarna')!.id;
    const other = await connectRegion(ludvikaServer.url, regionToken);
    expect(await borlange.region!.devices.revoke(id, clock.now())).toBe(true);
    for (const client of [region, other]) {
      const ack = await ask(client, 'region:now', {});
      expect(ack.ok).toBe(false);
      if (!ack.ok) expect(ack.error.code).toBe('FORBIDDEN');
      await expect.poll(() => client.socket.connected).toBe(false);
    }
    other.close();
    const again = new TestClient(borlange.url, { token: regionToken });
    try {
      expect((await again.refused()).data?.code).toBe('UNAUTHORIZED');
    } finally {
      again.close();
    }
  });
});
