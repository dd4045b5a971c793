import { officeDay } from '../shared/day.js';
import { nameText } from '../shared/text.js';
import { pairingUrl } from './office/bootstrap.js';
import { Region } from './region/region.js';
import { readOfficeFile } from './settings.js';
import { connect, migrate } from './store/postgres/connect.js';
import { copyOfficeFromSqlite } from './store/postgres/copyFromSqlite.js';
import { isPgStorageFault } from './store/postgres/faults.js';
import { PostgresOfficeStore } from './store/postgres/officeStore.js';

export const REGION_USAGE = `  npm run office -- --database <postgres://…> office add --id borlange --config office.json
  npm run office -- --database <postgres://…> office list
  npm run office -- migrate --from <data/motesplats.sqlite> --to <postgres://…> --office <id>
                                                 copies a SQLite office's whole history into
                                                 the region's PostgreSQL database as <id>
  npm run office -- --database <postgres://…> region device add --name "Region Dalarna"
                                                 a device of the region's view (/region): every
                                                 office's figures side by side, nobody's data
  npm run office -- --database <postgres://…> region device list
  npm run office -- --database <postgres://…> region device code --id <device-id>
  npm run office -- --database <postgres://…> region device revoke --id <device-id>
  (--database may also come from MOTESPLATS_DATABASE_URL)`;

export class RegionUsageError extends Error {}

export interface RegionArgs {
  readonly verb: string | undefined;
  readonly database: string | undefined;
  readonly id: string | undefined;
  readonly config: string | undefined;
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly office: string | undefined;
  /** `region device <action>`: add, list, code, revoke. */
  readonly action?: string | undefined;
  readonly name?: string | undefined;
  /** Where printed pairing links point: the public URL of an office's server. */
  readonly base?: string;
}

/** `office add`, `office list` and `migrate`: the commands of a region's PostgreSQL database. */
export async function runRegionCommand(
  subject: 'office' | 'migrate' | 'region',
  args: RegionArgs,
): Promise<string> {
  const url = subject === 'migrate' ? args.to : args.database;
  if (!url)
    throw new RegionUsageError(
      subject === 'migrate' ? 'give --to <postgres://…>' : 'give --database <postgres://…>',
    );
  const pool = connect(url, { max: 2 });
  try {
    await migrate(pool).catch((error: unknown) => {
      // Unreachable, refused, no such database: the administrator's to fix, said plainly.
      if (isPgStorageFault(error) || /^(28|3D)/.test(String((error as { code?: unknown }).code)))
        throw new RegionUsageError(`cannot use the database: ${(error as Error).message}`);
      throw error;
    });
    if (subject === 'migrate') {
      if (!args.from || !args.office)
        throw new RegionUsageError('give --from <sqlite file> and --office <id>');
      const report = await copyOfficeFromSqlite(args.from, pool, args.office);
      const counts = Object.entries(report.rows)
        .map(([table, n]) => `${table} ${n}`)
        .join(', ');
      return `Office ${args.office} copied in ${(report.ms / 1000).toFixed(1)} s, at sequence ${report.head}: ${counts}.`;
    }
    if (subject === 'region') return await regionDeviceCommand(new Region(pool), args);
    if (args.verb === 'add') {
      if (!args.id || !args.config)
        throw new RegionUsageError('give --id <office id> and --config <office.json>');
      const config = readOfficeFile(args.config);
      const now = Date.now();
      await PostgresOfficeStore.addOffice(pool, args.id, config, officeDay(now, config.timeZone), now);
      return `Office ${args.id} ("${config.name}") added.`;
    }
    if (args.verb === 'list') {
      const offices = await PostgresOfficeStore.listOffices(pool);
      if (offices.length === 0) return 'No offices yet.';
      return offices
        .map((o) => `${o.id.padEnd(16)} ${o.name.padEnd(40)} day ${o.day}, sequence ${o.head}`)
        .join('\n');
    }
    throw new RegionUsageError(`unknown command: office ${args.verb ?? ''}\n\n${REGION_USAGE}`);
  } finally {
    await pool.end();
  }
}

/** `region device add|list|code|revoke`: the region's own devices, in no office. */
async function regionDeviceCommand(region: Region, args: RegionArgs): Promise<string> {
  if (args.verb !== 'device')
    throw new RegionUsageError(`unknown command: region ${args.verb ?? ''}\n\n${REGION_USAGE}`);
  const now = Date.now();
  const link = (code: string) =>
    `  ${pairingUrl(args.base ?? 'http://localhost:8080', code)}\nThe link works once, for 24 hours, on any office's server of the region (or type the code ${code} on its /pair page).`;
  switch (args.action) {
    case 'add': {
      const name = nameText(60).safeParse(args.name ?? '');
      if (!name.success) throw new RegionUsageError('give --name "Region Dalarna" (1 to 60 characters)');
      const { device, code } = await region.devices.create(name.data, now);
      return `Region device "${device.name}" created: ${device.id}\nPair it by opening, on the device:\n${link(code)}`;
    }
    case 'list': {
      const devices = await region.devices.list();
      if (devices.length === 0) return 'No region devices yet.';
      return devices
        .map((d) => {
          const state = d.revokedAt ? 'revoked' : d.pairedAt ? 'paired' : 'waiting for pairing';
          return `${d.id}  ${d.name.padEnd(28)} ${state}`;
        })
        .join('\n');
    }
    case 'code': {
      if (!args.id) throw new RegionUsageError('which device? give --id (see: region device list)');
      const code = await region.devices.renewCode(args.id, now);
      if (!code) throw new RegionUsageError(`no active region device ${args.id}`);
      return `New pairing link:\n${link(code)}`;
    }
    case 'revoke': {
      if (!args.id) throw new RegionUsageError('which device? give --id (see: region device list)');
      if (!(await region.devices.revoke(args.id, now)))
        throw new RegionUsageError(`no active region device ${args.id}`);
      return `Region device ${args.id} revoked; its screen is cut off at its next request.`;
    }
    default:
      throw new RegionUsageError(`unknown command: region device ${args.action ?? ''}\n\n${REGION_USAGE}`);
  }
}
