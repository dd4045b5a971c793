import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyOfDesk, type Agency } from '../../../shared/office.js';
import { PublicViewSchema, StatusViewSchema, type VisitDetails } from '../../../shared/views.js';
import { connectDevice, connectStatusPage, type TestClient } from '../../helpers/client.js';
import { DAY } from '../../helpers/domain.js';
import { scaled, testSeed } from '../../helpers/long.js';
import { rng } from '../../helpers/rng.js';
import { connectOffice, ok, type DeskId, type Devices } from '../../helpers/office.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';

const VISITS = scaled(24, 150);
const SEED = testSeed();
const CHAIN: { station: string; desks: readonly DeskId[] }[] = [
  { station: 'mv', desks: ['mv-1', 'mv-2'] },
  { station: 'af', desks: ['af-1', 'af-2'] },
  { station: 'skv-fk', desks: ['skv-fk-1', 'skv-fk-2'] },
  { station: 'kommun', desks: ['kommun-1', 'kommun-2'] },
];

interface Household {
  visitId: string;
  ticket: string;
  consent: boolean;
  status: TestClient;
  /** The personal data planted for this household, to be found nowhere it should not be. */
  secrets: string[];
  /** Note texts by the agency that wrote them, and whether shared. */
  notes: { agency: Agency; shared: boolean; text: string }[];
}

/**
 * A whole day at the office over real sockets: households check in (booked and walk-in), have
 * their members recorded, get shared and agency-only notes at every agency, and pass the chain;
 * each one's status page is open on its phone. Every message each screen receives is kept, and
 * checked against what its role may see (docs/ARCHITECTURE.md §9, offentlighets- och sekretesslagen):
 * displays and kiosks nothing personal; status pages only their own ticket; staff streams no
 * personal data at all; and what each desk reads with visit:open only its own agency's notes and
 * the shared notes of households that consented.
 */
describe(`secrecy over a whole day (${VISITS} households, seed ${SEED})`, () => {
  let server: TestServer;
  let office: Devices;
  let display2: TestClient;
  const households: Household[] = [];
  const opened: { deskId: DeskId; visitId: string; details: VisitDetails }[] = [];

  beforeAll(
    async () => {
      const r = rng(SEED);
      server = await startTestServer();
      office = await connectOffice(server);
      display2 = await connectDevice(server.url, await server.pair('display'));
      const refs = Array.from(
        { length: Math.ceil(VISITS / 3) },
        (_, i) => `SQ${String(i).padStart(3, '0')}-${r.int(1000, 9999)}X`,
      );
      const csv = ['tid;referens;språk;vuxna;barn', ...refs.map((ref) => `09:00;${ref};ar;2;1`)].join('\n');
      ok(await office.admin.command('appointments:import', { day: DAY, csv, dryRun: false }));
      ok(
        await office.admin.command('interpreter:add', {
          language: 'ar',
          mode: 'onsite',
          name: 'Tolk Sentinelsson',
        }),
      );

      for (let i = 0; i < VISITS; i++) {
        const ref = i % 3 === 0 ? refs[i / 3] : undefined;
        const consent = r.chance(0.6);
        const checkIn = ok(
          await office.kiosk.command('visit:check_in', {
            arrival: ref ? { kind: 'booked', bookingRef: ref } : { kind: 'walk_in', adults: 2, children: 1 },
            language: r.pick(['ar', 'fa', 'so', 'ti'] as const),
            interpreterLanguage: null,
            consent,
          }),
        );
        const status = await connectStatusPage(server.url, checkIn.statusToken);
        const secrets = [
          `Sentinelname${i}Qx`,
          `Sentinelchild${i}Qx`,
          `19${70 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`, // 26 to 56: Arbetsförmedlingen applies
          checkIn.statusToken,
          ...(ref ? [ref, ref.replace(/-/g, '')] : []),
        ];
        households.push({
          visitId: checkIn.visitId,
          ticket: checkIn.ticket,
          consent,
          status,
          secrets,
          notes: [],
        });
      }

      // Every household through the chain, at a desk chosen at random at each station.
      for (const [n, h] of households.entries()) {
        for (const [k, { desks }] of CHAIN.entries()) {
          const deskId = r.pick(desks);
          const desk = office.desks[deskId];
          await desk.until(
            () => desk.state?.visits.get(h.visitId)?.current === k,
            'the visit at this station',
          );
          ok(await desk.command('visit:call', { visitId: h.visitId }));
          ok(await desk.command('visit:start', { visitId: h.visitId }));
          const agency = agencyOfDesk(server.server.engine.state.config, deskId)!;
          if (k === 0)
            ok(
              await desk.command('visit:set_household', {
                visitId: h.visitId,
                adults: 2,
                children: 1,
                members: [
                  { name: h.secrets[0]!, birthDate: h.secrets[2]!, kind: 'adult' },
                  { name: h.secrets[1]!, birthDate: '2019-05-05', kind: 'child' },
                ],
              }),
            );
          for (const shared of h.consent ? [true, false] : [false]) {
            const text = `Secret ${agency} ${shared ? 'shared' : 'only'} note ${n}Zq`;
            ok(
              await desk.command('visit:add_note', {
                visitId: h.visitId,
                note: { text, visibility: shared ? 'shared' : 'agency' },
              }),
            );
            h.notes.push({ agency, shared, text });
          }
          opened.push({
            deskId,
            visitId: h.visitId,
            details: ok(await desk.query('visit:open', { visitId: h.visitId })),
          });
          if (k < CHAIN.length - 1)
            ok(
              await desk.command('visit:hand_over', {
                visitId: h.visitId,
                to: { kind: 'next' },
                outcome: 'done',
              }),
            );
          else ok(await desk.command('visit:complete', { visitId: h.visitId, outcome: 'done' }));
        }
        // Reception looks a household up now and then: it sees the household, never the notes.
        if (n % 5 === 0) {
          const atReception = ok(await office.reception.query('visit:open', { visitId: h.visitId }));
          expect(atReception.notes).toEqual([]);
          expect(atReception.private?.statusToken).toBe('');
        }
      }
      const head = server.server.engine.head;
      for (const client of office.all().filter((c) => c.state))
        await client.until(() => client.lastSeq === head, 'caught up');
      await households
        .at(-1)!
        .status.until(
          () => households.at(-1)!.status.statusView?.status === 'registered',
          'the last one registered',
        );
    },
    scaled(120_000, 900_000),
  );

  afterAll(async () => {
    households.forEach((h) => h.status.close());
    display2.close();
    office.close();
    await server.cleanup();
  });

  const wire = (client: TestClient) => JSON.stringify(client.received);
  const everySecret = () => households.flatMap((h) => [...h.secrets, ...h.notes.map((n) => n.text)]);
  const leaks = (client: TestClient, secrets: readonly string[]) => {
    const text = wire(client);
    return secrets.filter((s) => text.includes(s));
  };

  it('the displays and the kiosk: calls and queues, nothing personal, no officer, no interpreter', () => {
    for (const client of [office.display, display2, office.kiosk]) {
      expect(leaks(client, [...everySecret(), 'Officer ', 'Tolk Sentinelsson'])).toEqual([]);
      const views = client.received.filter((m) => m.event === 'public:view');
      expect(views.length).toBeGreaterThan(VISITS);
      for (const m of client.received) {
        expect(['session:ready', 'public:view']).toContain(m.event);
        if (m.event === 'public:view') PublicViewSchema.parse(m.args[0]);
      }
    }
    // They did see the day: the tickets called.
    expect(wire(office.display)).toContain(households.at(-1)!.ticket);
  });

  it('each status page: its own ticket only, nothing personal', () => {
    const tickets = households.map((h) => h.ticket);
    for (const h of households) {
      expect(leaks(h.status, [...everySecret(), 'Officer ', 'Tolk Sentinelsson'])).toEqual([]);
      for (const m of h.status.received) {
        expect(m.event).toBe('status:view');
        const view = StatusViewSchema.parse(m.args[0]);
        expect(view.ticket).toBe(h.ticket);
      }
      const text = wire(h.status);
      expect(tickets.filter((t) => t !== h.ticket && new RegExp(`"${t}"`).test(text))).toEqual([]);
      expect(h.status.statusView?.status).toBe('registered');
    }
  });

  it('the staff streams (every desk, reception, admin): no personal data, no status token', () => {
    for (const client of [office.reception, office.admin, ...Object.values(office.desks)])
      expect(leaks(client, everySecret())).toEqual([]);
  });

  it('visit:open at each desk: its own agency’s notes, and shared ones only with consent', async () => {
    const byVisit = new Map(households.map((h) => [h.visitId, h]));
    let sharedSeenAcross = 0;
    for (const { deskId, visitId, details } of opened) {
      const h = byVisit.get(visitId)!;
      const agency = agencyOfDesk(server.server.engine.state.config, deskId)!;
      const written = h.notes.slice(0, h.notes.findIndex((n) => n.agency === agency && !n.shared) + 1);
      const expected = written
        .filter((n) => n.agency === agency || (n.shared && h.consent))
        .map((n) => n.text);
      expect(
        details.notes.map((n) => n.text),
        `${deskId} opens ${h.ticket}`,
      ).toEqual(expected);
      for (const note of details.notes) {
        expect(note.agency === agency || (note.visibility === 'shared' && h.consent)).toBe(true);
        if (note.agency !== agency) sharedSeenAcross++;
      }
      expect(details.private?.statusToken).toBe('');
      expect(details.private?.members.map((m) => m.name) ?? []).toEqual(h.secrets.slice(0, 2));
    }
    expect(sharedSeenAcross).toBeGreaterThan(0);
    // Every read of a visit is in the audit trail, with the desk that read it.
    const [row] = await server.rows<{ n: number }>(
      `SELECT count(*) AS n FROM audit WHERE action = 'visit:open'`,
    );
    const audited = row!.n;
    expect(audited).toBeGreaterThanOrEqual(opened.length);
  });
});
