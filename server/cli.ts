import { parseArgs } from 'node:util';
import { ROLES, RoleSchema } from '../shared/events.js';
import type { OfficeConfig } from '../shared/office.js';
import { pairingUrl } from './office/bootstrap.js';
import { REGION_USAGE, RegionUsageError, runRegionCommand } from './regionCli.js';
import { demoOffice } from './office/demo.js';
import {
  databaseFile,
  DEFAULT_PORT,
  publicUrl,
  readSettings,
  SettingsError,
  type Settings,
} from './settings.js';
import { PostgresOfficeStore } from './store/postgres/officeStore.js';
import type { OfficeData } from './store/seam.js';
import { OfficeStore } from './store/store.js';

const USAGE = `Mötesplats office administration

  npm run office -- device add --role <${ROLES.join('|')}> [--desk "AF 1"] [--name "Kiosk entrance"]
  npm run office -- device list
  npm run office -- device code <device-id>      a new pairing code for a device
  npm run office -- device revoke <device-id>    its token stops working (a running server
                                                 drops its connection from the admin screen)
  npm run office -- officer pin --name "Anna Berg" --pin 1234
  npm run office -- config example > office.json   the demo office's config, to start your own from
  npm run office -- backup <file.sqlite>            a consistent copy, safe while the server runs

Each of these works on an office of a region's PostgreSQL database with --database <postgres://…>
--office <id> (a region's backups: pg_dump).

A region's offices on PostgreSQL:
${REGION_USAGE}

Options as for the server: --data <folder>, --port <n>, --public-url <url> (or PORT, MOTESPLATS_DATA,
MOTESPLATS_PUBLIC_URL), so that printed pairing links point at the running server.
`;

class UsageError extends Error {}

/** A desk by id ("af-1"), by name ("Arbetsförmedlingen 1") or by a short form ("AF 1"). */
function findDesk(config: OfficeConfig, wanted: string) {
  const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, '-');
  return config.desks.find((d) => d.id === norm(wanted) || norm(d.name) === norm(wanted));
}

async function run(argv: string[]): Promise<string> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      role: { type: 'string' },
      desk: { type: 'string' },
      name: { type: 'string' },
      pin: { type: 'string' },
      data: { type: 'string' },
      port: { type: 'string' },
      'public-url': { type: 'string' },
      database: { type: 'string' },
      id: { type: 'string' },
      config: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      office: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  });
  const [subject, verb, arg] = positionals;
  if (values.help || !subject) return USAGE;
  const serverArgs = [
    ...(values.data ? ['--data', values.data] : []),
    ...(values.port ? ['--port', values.port] : []),
    ...(values['public-url'] ? ['--public-url', values['public-url']] : []),
  ];
  if (subject === 'config' && verb === 'example') return JSON.stringify(demoOffice(), null, 2);
  if (subject === 'office' || subject === 'migrate' || subject === 'region')
    return runRegionCommand(subject, {
      verb,
      database: values.database ?? process.env.MOTESPLATS_DATABASE_URL,
      id: values.id,
      config: values.config,
      from: values.from,
      to: values.to ?? values.database ?? process.env.MOTESPLATS_DATABASE_URL,
      office: values.office,
      action: arg,
      name: values.name,
      base: linkBase(readSettings(serverArgs, process.env)),
    });
  const database = values.database ?? process.env.MOTESPLATS_DATABASE_URL;
  const settings = readSettings(
    database === undefined
      ? serverArgs
      : [...serverArgs, '--database', database, ...officeArg(values.office)],
    process.env,
  );
  const store = await openOffice(settings);
  try {
    const config = store.config();
    if (!config) throw new UsageError('no office here yet: start the server once (npm start) to create it');
    const now = Date.now();
    const base = linkBase(settings);
    if (subject === 'device' && verb === 'add') {
      const role = RoleSchema.safeParse(values.role);
      if (!role.success) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
      let deskId: string | null = null;
      let name = values.name;
      if (role.data === 'desk') {
        if (!values.desk) throw new UsageError('a desk device needs --desk (a desk id or name)');
        const desk = findDesk(config, values.desk);
        if (!desk)
          throw new UsageError(
            `no desk "${values.desk}"; desks: ${config.desks.map((d) => d.name).join(', ')}`,
          );
        deskId = desk.id;
        name ??= desk.name;
      }
      name ??= role.data[0]!.toUpperCase() + role.data.slice(1);
      const { device, code } = await store.devices.create({ name, role: role.data, deskId }, now);
      return `Device "${device.name}" (${device.role}) created: ${device.id}\nPair it by opening, on the device:\n  ${pairingUrl(base, code)}\nThe link works once, for 24 hours.`;
    }
    if (subject === 'device' && verb === 'list') {
      const rows = (await store.devices.list()).map((d) => {
        const state = d.revokedAt ? 'revoked' : d.pairedAt ? 'paired' : 'waiting for pairing';
        return `${d.id}  ${d.role.padEnd(9)} ${d.name.padEnd(28)} ${state}`;
      });
      return rows.length ? rows.join('\n') : 'No devices yet.';
    }
    if (subject === 'device' && verb === 'code') {
      if (!arg) throw new UsageError('which device? give its id (see: device list)');
      const code = await store.devices.renewCode(arg, now);
      if (!code) throw new UsageError(`no active device ${arg}`);
      return `New pairing link (works once, for 24 hours):\n  ${pairingUrl(base, code)}`;
    }
    if (subject === 'device' && verb === 'revoke') {
      if (!arg) throw new UsageError('which device? give its id (see: device list)');
      if (!(await store.devices.revoke(arg, now))) throw new UsageError(`no active device ${arg}`);
      return `Device ${arg} revoked.`;
    }
    if (subject === 'backup' && verb) {
      if (!(store instanceof OfficeStore))
        throw new UsageError(
          'a region database is backed up with PostgreSQL\'s own tools: pg_dump --format=custom (see README, "Running a region")',
        );
      // SQLite's online backup: consistent even while the server writes, WAL included.
      await store.db.backup(verb);
      return `Backed up to ${verb}.`;
    }
    if (subject === 'officer' && verb === 'pin') {
      if (!values.name || !values.pin || !/^\d{4,8}$/.test(values.pin))
        throw new UsageError('give --name and a --pin of 4 to 8 digits');
      await store.officers.setPin(values.name.trim(), values.pin, now);
      return `PIN set for ${values.name.trim()}.`;
    }
    throw new UsageError(`unknown command: ${positionals.join(' ')}\n\n${USAGE}`);
  } finally {
    await store.close();
  }
}

/** Where printed pairing links point: the server's public URL. */
const linkBase = (settings: Settings) => publicUrl(settings, settings.port || DEFAULT_PORT);

/** `--office <id>` for the settings, which refuse a database without one with a clear message. */
const officeArg = (office: string | undefined) => (office === undefined ? [] : ['--office', office]);

/** The office the command is about: a region's on PostgreSQL (`--database`, `--office`), else the SQLite file. */
async function openOffice(settings: Settings): Promise<OfficeData> {
  if (settings.databaseUrl === undefined) return OfficeStore.open(databaseFile(settings));
  return PostgresOfficeStore.connectOffice(settings.databaseUrl, settings.officeId!);
}

run(process.argv.slice(2)).then(
  (output) => process.stdout.write(output + '\n'),
  (error: unknown) => {
    const known =
      error instanceof UsageError ||
      error instanceof RegionUsageError ||
      error instanceof SettingsError ||
      ['TypeError', 'OfficeExistsError', 'UnknownOfficeError', 'DatabaseFromTheFutureError'].includes(
        (error as Error).name,
      );
    process.stderr.write(`${known ? (error as Error).message : ((error as Error).stack ?? String(error))}\n`);
    process.exit(1);
  },
);
