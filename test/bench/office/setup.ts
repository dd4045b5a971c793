import { PgAudit } from '../../../server/store/postgres/audit.js';
import { connect } from '../../../server/store/postgres/connect.js';
import { PgDevices } from '../../../server/store/postgres/devices.js';
import { OfficeStore } from '../../../server/store/store.js';
import type { BenchDatabase } from './serverMain.js';
import type { Role } from '../../../shared/events.js';
import type { OfficeConfig } from '../../../shared/office.js';
import type { ClientMix } from '../config.js';
import { OfficeConnection } from './connection.js';

export interface PairedDevice {
  readonly role: Role;
  readonly deskId: string | null;
  readonly token: string;
}

export interface Visitor {
  readonly visitId: string;
  readonly statusToken: string;
  readonly ticket: string;
}

/** Runs `work` over `items`, at most `width` at a time, keeping the order of the results. */
export async function inParallel<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>) {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!);
      }
    }),
  );
  return results;
}

/** The devices of a client mix: desks spread over the stations (mv-1, af-1, …, mv-2, …). */
export function devicesOf(mix: ClientMix, config: OfficeConfig): { role: Role; deskId: string | null }[] {
  const perStation = config.chain.map((s) => config.desks.filter((d) => d.stationId === s));
  const desks: string[] = [];
  for (let i = 0; desks.length < mix.desks && i < config.desks.length; i++)
    for (const station of perStation) if (desks.length < mix.desks && station[i]) desks.push(station[i]!.id);
  const many = (role: Role, n: number) => Array.from({ length: n }, () => ({ role, deskId: null }));
  return [
    ...desks.map((deskId) => ({ role: 'desk' as const, deskId })),
    ...many('display', mix.displays),
    ...many('kiosk', mix.kiosks),
    ...many('reception', mix.reception),
    ...many('admin', mix.admin),
  ];
}

/**
 * Creates the devices in the server's database from beside it (as `npm run office -- device add`
 * does; WAL lets a second process write) and pairs each through the real HTTP endpoint.
 */
export async function pairDevices(
  url: string,
  dbFile: string,
  wanted: readonly { role: Role; deskId: string | null }[],
  now: number,
  database?: BenchDatabase,
): Promise<PairedDevice[]> {
  const codes: string[] = [];
  if (database) {
    const pool = connect(database.url, { max: 1 });
    try {
      const devices = new PgDevices(pool, database.officeId, new PgAudit(pool, database.officeId));
      for (const [i, w] of wanted.entries())
        codes.push((await devices.create({ name: `${w.deskId ?? w.role} ${i + 1}`, ...w }, now)).code);
    } finally {
      await pool.end();
    }
  } else {
    const store = OfficeStore.open(dbFile);
    try {
      for (const [i, w] of wanted.entries())
        codes.push(store.devices.create({ name: `${w.deskId ?? w.role} ${i + 1}`, ...w }, now).code);
    } finally {
      store.close();
    }
  }
  return inParallel(
    wanted.map((w, i) => ({ ...w, code: codes[i]! })),
    8,
    async ({ code, ...w }) => {
      const response = await fetch(`${url}/api/pair`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code }),
      });
      if (!response.ok) throw new Error(`pairing failed: ${response.status} ${await response.text()}`);
      const { token } = (await response.json()) as { token: string };
      return { ...w, token };
    },
  );
}

/** An officer signs in at each desk (once per desk, whichever of its devices does it). */
export async function signIn(url: string, desks: readonly PairedDevice[]): Promise<void> {
  const once = [...new Map(desks.filter((d) => d.deskId).map((d) => [d.deskId, d])).values()];
  await inParallel(once, 8, async (desk) => {
    const connection = await OfficeConnection.open(url, { token: desk.token });
    try {
      await connection.command('desk:sign_in', { officer: `Officer ${desk.deskId}` });
    } finally {
      connection.close();
    }
  });
}

const LANGUAGES = ['ar', 'fa', 'prs', 'ti', 'so', 'uk', 'en', 'sv'] as const;

/** The `i`th walk-in's check-in at the kiosk: households of one to two adults, in turn. */
export function walkIn(i: number) {
  const language = LANGUAGES[i % LANGUAGES.length]!;
  return {
    arrival: { kind: 'walk_in' as const, adults: 1 + (i % 2), children: i % 3 },
    language,
    interpreterLanguage: language === 'sv' ? null : language,
    consent: i % 3 !== 0,
  };
}

/** Walk-ins checked in at a kiosk, one after another (a few in flight), in queue order. */
export async function checkIn(url: string, kioskToken: string, count: number): Promise<Visitor[]> {
  const connection = await OfficeConnection.open(url, { token: kioskToken });
  try {
    return await inParallel(
      Array.from({ length: count }, (_, i) => i),
      4,
      async (i) => {
        const ack = await connection.command('visit:check_in', walkIn(i));
        return { visitId: ack.visitId, statusToken: ack.statusToken, ticket: ack.ticket };
      },
    );
  } finally {
    connection.close();
  }
}
