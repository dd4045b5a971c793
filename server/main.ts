import { resolve } from 'node:path';
import { createOfficeServer } from './app.js';
import { systemClock } from './clock.js';
import { createLogger, loggableError, type Logger } from './log.js';
import { pairingInvites, pairingUrl, type PairingInvite } from './office/bootstrap.js';
import { createRegionNode } from './node/regionNode.js';
import type { OfficeConfig } from '../shared/office.js';
import {
  databaseFile,
  publicUrl,
  readOfficeFile,
  readSettings,
  SettingsError,
  type Settings,
} from './settings.js';
import { isPgStorageFault } from './store/postgres/faults.js';
import { UnknownOfficeError, withoutPassword } from './store/postgres/officeStore.js';
import { OfficeStore } from './store/store.js';
import { appVersion } from './version.js';

/** How long a stop (SIGTERM, SIGINT) may take before the process exits all the same. */
const SHUTDOWN_DEADLINE_MS = 15_000;

async function main(): Promise<void> {
  const settings = readSettings(process.argv.slice(2), process.env);
  const seed = readOfficeFile(settings.officeFile);
  const log = createLogger(settings.logLevel);
  // Every request and timer is guarded; what still escapes leaves the process in an unknown
  // state: say so in the log and exit, for the service manager to start a clean one (the event
  // log keeps every acked command).
  process.on('uncaughtException', (error) => {
    log.fatal(loggableError(error), 'unexpected fault; exiting to be restarted');
    log.flush();
    process.exit(70);
  });
  const server =
    settings.databaseUrl === undefined
      ? await startOffice(settings, seed, log)
      : await startNode(settings, settings.databaseUrl, log);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    // A database that stopped answering must not keep a node from going: what is acked is on
    // the disk already, and the service manager starts a fresh one.
    setTimeout(() => {
      log.warn('the shutdown took too long; exiting');
      log.flush();
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

/** One office on its own SQLite file: the pairing links of its devices not yet paired. */
async function startOffice(
  settings: Settings,
  seed: OfficeConfig,
  log: Logger,
): Promise<{ close(): Promise<void> }> {
  const store = OfficeStore.open(databaseFile(settings));
  const isNew = store.config() === undefined;
  const server = createOfficeServer({
    store,
    clock: systemClock,
    log,
    seed,
    allowedOrigins: settings.allowedOrigins,
    trustedProxies: settings.trustProxy,
    ...(settings.rendererDir && { rendererDir: resolve(settings.rendererDir) }),
    version: appVersion(),
  });
  const config = server.engine.state.config;
  // Before listening: once /health answers, the pairing links are there to print.
  const invites = await pairingInvites(
    store,
    config,
    isNew && settings.officeFile === undefined,
    systemClock.now(),
  );
  const port = await server.listen(settings.port, settings.host);
  const base = publicUrl(settings, port);
  const lines = [
    '',
    `  Mötesplats office server — ${config.name}`,
    `  ${isNew ? 'New database' : 'Database'}: ${store.location}`,
    ...listening(base, port),
    ...invitesLines(base, invites),
    '',
    '  Screens: /kiosk  /desk  /display  /admin  (a paired device opens its own)',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return server;
}

/**
 * A node of a region: every office of the database, or the one `--office` names. A node of one
 * office prints the pairing links of its devices not yet paired, as an office's server does; a
 * node of all of them leaves pairing to the CLI, for its codes would replace those another node
 * printed.
 */
async function startNode(settings: Settings, url: string, log: Logger): Promise<{ close(): Promise<void> }> {
  let node;
  try {
    node = await createRegionNode({
      url,
      clock: systemClock,
      log,
      ...(settings.officeId && { officeIds: [settings.officeId] }),
      allowedOrigins: settings.allowedOrigins,
      trustedProxies: settings.trustProxy,
      ...(settings.rendererDir && { rendererDir: resolve(settings.rendererDir) }),
      version: appVersion(),
    });
  } catch (error) {
    if (error instanceof UnknownOfficeError) throw new SettingsError(error.message);
    if (isPgStorageFault(error))
      throw new SettingsError(
        `cannot reach the database ${withoutPassword(url)}: ${(error as Error).message}`,
      );
    throw error;
  }
  const offices = [...node.offices.entries()];
  const one = settings.officeId === undefined ? undefined : offices[0];
  const invites = one
    ? await pairingInvites(node.store(one[0])!, one[1].engine.state.config, false, systemClock.now())
    : [];
  const port = await node.listen(settings.port, settings.host);
  const base = publicUrl(settings, port);
  const lines = [
    '',
    one
      ? `  Mötesplats office server — ${one[1].engine.state.config.name}`
      : `  Mötesplats region node — ${offices.length} ${offices.length === 1 ? 'office' : 'offices'}`,
    `  Database: ${withoutPassword(url)}${one ? `, office ${one[0]}` : ''}`,
    ...listening(base, port),
  ];
  if (one) lines.push(...invitesLines(base, invites));
  else {
    for (const [id, office] of offices) lines.push(`    ${id.padEnd(20)} ${office.engine.state.config.name}`);
    lines.push(
      '',
      '  Offices added to the database later are served as they come. Pair a device with:',
      '    npm run office -- --database <url> --office <id> device add --role desk --desk "AF 1"',
    );
  }
  lines.push('', '  Screens: /kiosk  /desk  /display  /admin  (a paired device opens its own)', '');
  process.stdout.write(lines.join('\n') + '\n');
  return node;
}

function listening(base: string, port: number): string[] {
  return [
    `  Listening on ${base}  (this machine: http://localhost:${port})`,
    `  Health:      ${base}/health`,
    '',
  ];
}

function invitesLines(base: string, invites: readonly PairingInvite[]): string[] {
  if (invites.length === 0)
    return ['  Every device is paired. Add one with: npm run office -- device add --role desk --desk "AF 1"'];
  const width = Math.max(...invites.map((i) => i.name.length));
  return [
    '  Pair each device by opening its link on it (each link works once, for 24 hours):',
    ...invites.map((invite) => `    ${invite.name.padEnd(width)}  ${pairingUrl(base, invite.code)}`),
  ];
}

main().catch((error: unknown) => {
  const message = error instanceof SettingsError ? error.message : ((error as Error).stack ?? String(error));
  process.stderr.write(`Mötesplats could not start: ${message}\n`);
  process.exit(1);
});
