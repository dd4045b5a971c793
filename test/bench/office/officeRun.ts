import { join } from 'node:path';
import type { OfficeConfig } from '../../../shared/office.js';
import type { ClientMix } from '../config.js';
import type { ClientSpec } from '../load/protocol.js';
import { benchOffice } from './benchOffice.js';
import { OfficeServerProcess } from './server.js';
import type { BenchDatabase, ServerArgs } from './serverMain.js';
import { connect, migrate } from '../../../server/store/postgres/connect.js';
import { PostgresOfficeStore } from '../../../server/store/postgres/officeStore.js';
import { officeDay } from '../../../shared/day.js';
import { checkIn, devicesOf, pairDevices, signIn, type PairedDevice, type Visitor } from './setup.js';

export interface OfficeRun {
  readonly server: OfficeServerProcess;
  readonly config: OfficeConfig;
  readonly dataFile: string;
  readonly devices: PairedDevice[];
  readonly visitors: Visitor[];
}

/**
 * An office server in its own process over a folder, with the devices of a client mix paired,
 * an officer at every desk, and `visits` households checked in and waiting at the first station.
 */
export async function startOffice(options: {
  dir: string;
  mix: ClientMix;
  visits: number;
  config?: OfficeConfig;
  dataFile?: string;
  clock?: ServerArgs['clock'];
  rendererDir?: string;
  /** The time the devices are created at: the server's clock, if anchored. */
  now?: number;
  /** A day under way, written before the server opens the database. */
  today?: ServerArgs['today'];
  /** On PostgreSQL: a database (migrated or not) that the office is added to, as `officeId`. */
  database?: BenchDatabase;
}): Promise<OfficeRun> {
  const config = options.config ?? benchOffice();
  const dataFile = options.dataFile ?? join(options.dir, 'motesplats.sqlite');
  if (options.database) await addBenchOffice(options.database, config, options.now ?? Date.now());
  const server = await OfficeServerProcess.start({
    dataFile,
    port: 0,
    seed: config,
    logLevel: 'info',
    ...(options.clock && { clock: options.clock }),
    ...(options.rendererDir && { rendererDir: options.rendererDir }),
    ...(options.today && { today: options.today }),
    ...(options.database && { database: options.database }),
  });
  const devices = await pairDevices(
    server.url,
    dataFile,
    devicesOf(options.mix, config),
    options.now ?? Date.now(),
    options.database,
  );
  await signIn(
    server.url,
    devices.filter((d) => d.role === 'desk'),
  );
  const kiosk = devices.find((d) => d.role === 'kiosk');
  const visitors = options.visits > 0 && kiosk ? await checkIn(server.url, kiosk.token, options.visits) : [];
  return { server, config, dataFile, devices, visitors };
}

/** Adds the office to a region's database (migrating it first), as `office add` does. */
export async function addBenchOffice(
  database: BenchDatabase,
  config: OfficeConfig,
  now: number,
): Promise<void> {
  const pool = connect(database.url, { max: 1 });
  try {
    await migrate(pool);
    await PostgresOfficeStore.addOffice(
      pool,
      database.officeId,
      config,
      officeDay(now, config.timeZone),
      now,
    );
  } finally {
    await pool.end();
  }
}

export const deskClient = (deskId: string) => `desk:${deskId}`;

/**
 * The office's clients as load-generator specs: desks and kiosks send (the drivers); displays,
 * reception, admin and the status pages (spread over `visitors`) only listen. `prefix` sets
 * apart the clients of several offices connected at once.
 */
export function officeClients(
  devices: readonly PairedDevice[],
  visitors: readonly Visitor[],
  statusPages: number,
  prefix = '',
): { drivers: ClientSpec[]; listeners: ClientSpec[] } {
  const drivers: ClientSpec[] = [];
  const listeners: ClientSpec[] = [];
  devices.forEach((d, k) => {
    if (d.role === 'desk')
      drivers.push({ id: `${prefix}${deskClient(d.deskId!)}`, role: 'desk', token: d.token });
    else if (d.role === 'kiosk') drivers.push({ id: `${prefix}kiosk:${k}`, role: 'kiosk', token: d.token });
    else listeners.push({ id: `${prefix}${d.role}:${k}`, role: d.role, token: d.token });
  });
  for (let k = 0; k < statusPages && visitors.length > 0; k++) {
    const visitor = visitors[k % visitors.length]!;
    listeners.push({
      id: `${prefix}status:${k}`,
      role: 'status',
      statusToken: visitor.statusToken,
      visitId: visitor.visitId,
    });
  }
  return { drivers, listeners };
}
