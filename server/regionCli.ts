import { officeDay } from '../shared/day.js';
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
}

/** `office add`, `office list` and `migrate`: the commands of a region's PostgreSQL database. */
export async function runRegionCommand(subject: 'office' | 'migrate', args: RegionArgs): Promise<string> {
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
