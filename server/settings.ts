import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { OfficeConfigSchema, type OfficeConfig } from '../shared/office.js';
import { isTimeZone } from '../shared/day.js';
import { demoOffice } from './office/demo.js';

export const DEFAULT_PORT = 8420;

export const SettingsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  dataDir: z.string().min(1),
  /** The office config that seeds a new database; the demo office when not given. */
  officeFile: z.string().min(1).optional(),
  /** A region's PostgreSQL database; without it, the office's SQLite file under `dataDir`. */
  databaseUrl: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** On PostgreSQL: the one office of the database this server runs; without it, all of them. */
  officeId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'an office id is lower-case letters, digits and dashes')
    .optional(),
  /** How devices reach this server (pairing URLs, QR codes); guessed from the network when not given. */
  publicUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Origins besides the server's own that may open a socket (a development server, say). */
  allowedOrigins: z.array(z.url({ protocol: /^https?$/ })),
  /**
   * The balancers in front of this server (their addresses as this server sees them), whose
   * X-Forwarded-For is believed for what is counted per client address; without one, a client
   * could name any address it liked there.
   */
  trustProxy: z.array(
    z.string().refine((a) => isIP(a) !== 0, 'an IP address, as the balancer connects from'),
  ),
  /** The built screens; `dist/renderer` beside the server when not given. */
  rendererDir: z.string().min(1).optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
});
export type Settings = z.infer<typeof SettingsSchema>;

export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** Settings from the command line, then the environment, then the defaults. */
export function readSettings(argv: readonly string[], env: NodeJS.ProcessEnv): Settings {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        office: { type: 'string' },
        database: { type: 'string' },
        'public-url': { type: 'string' },
        'allowed-origin': { type: 'string', multiple: true },
        'trust-proxy': { type: 'string', multiple: true },
        'log-level': { type: 'string' },
        renderer: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new SettingsError((error as Error).message);
  }
  const databaseUrl = values.database ?? env.MOTESPLATS_DATABASE_URL;
  const office = values.office ?? env.MOTESPLATS_OFFICE;
  // On PostgreSQL the offices' configs are in the database already (`office add`): a server
  // serves them all, or the one --office names.
  const parsed = SettingsSchema.safeParse({
    port: values.port ?? env.PORT ?? DEFAULT_PORT,
    host: values.host ?? env.HOST ?? '0.0.0.0',
    dataDir: resolve(values.data ?? env.MOTESPLATS_DATA ?? 'data'),
    ...(databaseUrl === undefined ? { officeFile: office } : { databaseUrl, officeId: office }),
    publicUrl: values['public-url'] ?? env.MOTESPLATS_PUBLIC_URL,
    allowedOrigins:
      values['allowed-origin'] ?? env.MOTESPLATS_ALLOWED_ORIGINS?.split(',').filter(Boolean) ?? [],
    trustProxy:
      values['trust-proxy'] ??
      env.MOTESPLATS_TRUST_PROXY?.split(',')
        .map((a) => a.trim())
        .filter(Boolean) ??
      [],
    logLevel: values['log-level'] ?? env.LOG_LEVEL ?? 'info',
    rendererDir: values.renderer ?? env.MOTESPLATS_RENDERER,
  });
  if (!parsed.success)
    throw new SettingsError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

/** The office config that seeds a new database: the given file, checked, or the demo office. */
export function readOfficeFile(file: string | undefined): OfficeConfig {
  if (file === undefined) return demoOffice();
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SettingsError(`cannot read the office file ${file}: ${(error as Error).message}`);
  }
  const parsed = OfficeConfigSchema.safeParse(json);
  if (!parsed.success)
    throw new SettingsError(
      `the office file ${file} is not valid: ` +
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  if (!isTimeZone(parsed.data.timeZone))
    throw new SettingsError(`unknown time zone "${parsed.data.timeZone}"`);
  return parsed.data;
}

export function databaseFile(settings: Settings): string {
  return resolve(settings.dataDir, 'motesplats.sqlite');
}

/** The address other machines on the office network reach this server at. */
export function publicUrl(settings: Settings, port: number): string {
  if (settings.publicUrl) return settings.publicUrl.replace(/\/$/, '');
  const host = settings.host === '0.0.0.0' || settings.host === '::' ? lanAddress() : settings.host;
  return `http://${host}:${port}`;
}

function lanAddress(): string {
  for (const addresses of Object.values(networkInterfaces()))
    for (const a of addresses ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return 'localhost';
}
