import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { DESKTOP_ROLES, parseServerUrl } from './urls.js';

/** The paired device's settings, in the app's user-data folder. */
export const CONFIG_FILE_NAME = 'device.json';

export function configFilePath(userDataDir: string): string {
  return join(userDataDir, CONFIG_FILE_NAME);
}

const ServerUrlSchema = z.string().transform((value, ctx) => {
  const parsed = parseServerUrl(value);
  if (parsed.ok) return parsed.origin;
  ctx.addIssue({ code: 'custom', message: parsed.message });
  return z.NEVER;
});

export const DeviceConfigSchema = z.strictObject({
  version: z.literal(1),
  serverUrl: ServerUrlSchema,
  token: z.string().regex(/^[A-Za-z0-9_-]{20,200}$/, 'must be the device token the server gave at pairing'),
  device: z.strictObject({
    id: z.string().min(1).max(100),
    role: z.enum(DESKTOP_ROLES, {
      error: (issue) =>
        `must be one of ${DESKTOP_ROLES.join(', ')} (got ${JSON.stringify(issue.input)}); ` +
        'admin runs in a browser',
    }),
    name: z.string().min(1).max(200),
    deskId: z.string().min(1).max(100).nullable(),
  }),
  /** Set at setup; asked before a kiosk's or display's settings open (see pin.ts). */
  adminPinHash: z.string().regex(/^scrypt:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/, 'must be a hashed PIN'),
  /** The receipt printer for tickets; null shows the print dialog. */
  printerName: z.string().min(1).max(200).nullable(),
  startAtLogin: z.boolean(),
});

export type DeviceConfig = z.output<typeof DeviceConfigSchema>;

export type ConfigLoad =
  { kind: 'ok'; config: DeviceConfig } | { kind: 'missing' } | { kind: 'invalid'; message: string };

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(top level)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Reads the settings; a missing file means a first run, anything wrong with it is described so
 * that the setup page can say why it is shown. It never throws.
 */
export function loadConfig(file: string): ConfigLoad {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return {
      kind: 'invalid',
      message: `The device settings in ${file} could not be read: ${reason(error)}.`,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      kind: 'invalid',
      message: `The device settings in ${file} are not valid JSON (${reason(error)}).`,
    };
  }
  const parsed = DeviceConfigSchema.safeParse(json);
  if (!parsed.success)
    return {
      kind: 'invalid',
      message: `The device settings in ${file} are not valid: ${describeIssues(parsed.error)}.`,
    };
  return { kind: 'ok', config: parsed.data };
}

/**
 * Writes the settings readable by this user only (they hold the device token), replacing the
 * old file in one rename so that a crash never leaves half a file.
 */
export function saveConfig(file: string, config: DeviceConfig): void {
  const checked = DeviceConfigSchema.parse(config);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  rmSync(temp, { force: true });
  writeFileSync(temp, JSON.stringify(checked, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  renameSync(temp, file);
  chmodSync(file, 0o600);
}

export function deleteConfig(file: string): void {
  rmSync(file, { force: true });
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
