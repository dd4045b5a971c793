import { resolve } from 'node:path';
import { createOfficeServer } from './app.js';
import { systemClock } from './clock.js';
import { createLogger, loggableError, type Logger } from './log.js';
import { pairingInvites, pairingUrl } from './office/bootstrap.js';
import {
  databaseFile,
  publicUrl,
  readOfficeFile,
  readSettings,
  SettingsError,
  type Settings,
} from './settings.js';
import { isPgStorageFault } from './store/postgres/faults.js';
import { PostgresOfficeStore, UnknownOfficeError, withoutPassword } from './store/postgres/officeStore.js';
import type { OfficeData } from './store/seam.js';
import { OfficeStore } from './store/store.js';
import { appVersion } from './version.js';

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
  const store = await openStore(settings, log);
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
    `  Listening on ${base}  (this machine: http://localhost:${port})`,
    `  Health:      ${base}/health`,
    '',
  ];
  if (invites.length > 0) {
    lines.push('  Pair each device by opening its link on it (each link works once, for 24 hours):');
    const width = Math.max(...invites.map((i) => i.name.length));
    for (const invite of invites)
      lines.push(`    ${invite.name.padEnd(width)}  ${pairingUrl(base, invite.code)}`);
  } else {
    lines.push(
      '  Every device is paired. Add one with: npm run office -- device add --role desk --desk "AF 1"',
    );
  }
  lines.push('', '  Screens: /kiosk  /desk  /display  /admin  (a paired device opens its own)', '');
  process.stdout.write(lines.join('\n') + '\n');

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

/** The region's PostgreSQL when a database URL is set, else the office's own SQLite file. */
async function openStore(settings: Settings, log: Logger): Promise<OfficeData> {
  if (settings.databaseUrl === undefined) return OfficeStore.open(databaseFile(settings));
  try {
    return await PostgresOfficeStore.connectOffice(settings.databaseUrl, settings.officeId!, {
      onIdleError: (error) => log.warn({ error: error.message }, 'an idle database connection was lost'),
    });
  } catch (error) {
    if (error instanceof UnknownOfficeError) throw new SettingsError(error.message);
    if (isPgStorageFault(error))
      throw new SettingsError(
        `cannot reach the database ${withoutPassword(settings.databaseUrl)}: ${(error as Error).message}`,
      );
    throw error;
  }
}

main().catch((error: unknown) => {
  const message = error instanceof SettingsError ? error.message : ((error as Error).stack ?? String(error));
  process.stderr.write(`Mötesplats could not start: ${message}\n`);
  process.exit(1);
});
