import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bundled } from '../../helpers/bundle.js';
import { connectDevice } from '../../helpers/client.js';
import { testConfig } from '../../helpers/domain.js';
import { ok } from '../../helpers/office.js';
import { freePort, spawnServer, type ServerProcess } from '../../helpers/process.js';
import { TEST_STORE } from '../../helpers/testStore.js';
import { TEMPLATE_DATABASE } from '../../setup/postgres.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const exec = promisify(execFile);
const cli = (...args: string[]) =>
  exec(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { cwd: ROOT, encoding: 'utf8' });

/** The README's way: `office add`, then the server with `--database` and `--office`. */
describe.runIf(TEST_STORE === 'postgres')('the server on a region’s PostgreSQL database', () => {
  let url: string;
  let dir: string;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    const database = `cli_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const admin = new pg.Client({ connectionString: `${inject('postgresServer')}/postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database} TEMPLATE ${TEMPLATE_DATABASE}`);
    await admin.end();
    // The tests' server trusts every login, so the password is ignored; it must not be printed.
    url = `${inject('postgresServer')}/${database}`.replace('postgres@', 'postgres:Sentinel-s3cret@');
    dir = mkdtempSync(join(tmpdir(), 'motesplats-region-'));
  });
  afterAll(async () => {
    await server?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts with --database and --office, refuses an unknown office, prints the admin’s pairing link, and the CLI manages its devices', async () => {
    const config = join(dir, 'borlange.json');
    writeFileSync(config, JSON.stringify({ ...testConfig(), name: 'Mötesplats Borlänge' }));
    await cli('--database', url, 'office', 'add', '--id', 'borlange', '--config', config);

    const unknown = await exec(
      process.execPath,
      ['--import', 'tsx', 'server/main.ts', '--database', url, '--office', 'falun', '--port', '0'],
      { cwd: ROOT, timeout: 30_000 },
    ).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ stderr: expect.stringContaining('no office "falun" in this database') });

    const port = await freePort();
    server = await spawnServer(
      dir,
      port,
      ['--database', url, '--office', 'borlange'],
      await bundled('server/main.ts'),
    );
    const health = (await (await fetch(`${server.url}/health`)).json()) as {
      status: string;
      schemaVersion: number;
    };
    expect(health.status).toBe('ok');
    // The start-up lines come through a pipe, the health answer through a socket: either first.
    await expect.poll(() => server!.output(), { timeout: 10_000 }).toContain('/pair?code=');
    const printed = server.output();
    expect(printed).toContain('Mötesplats Borlänge');
    expect(printed).toContain('office borlange');
    expect(printed).not.toContain('Sentinel-s3cret');
    expect(printed).toContain('postgres:***@');
    const link = /\/pair\?code=([^\s]+)/.exec(printed)?.[1];
    expect(link).toBeDefined();
    const paired = await fetch(`${server.url}/api/pair`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: decodeURIComponent(link!) }),
    });
    expect(paired.status).toBe(200);
    const adminToken = ((await paired.json()) as { token: string }).token;

    // The CLI, beside the running server, on the same office.
    const office = ['--database', url, '--office', 'borlange'];
    const added = await cli(...office, 'device', 'add', '--role', 'desk', '--desk', 'MV 1');
    expect(added.stdout).toMatch(/Device "[^"]+" \(desk\) created/);
    const deskCode = decodeURIComponent(/\/pair\?code=([^\s]+)/.exec(added.stdout)![1]!);
    const deskPaired = await fetch(`${server.url}/api/pair`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: deskCode }),
    });
    const deskToken = ((await deskPaired.json()) as { token: string; device: { id: string } }).token;
    const desk = await connectDevice(server.url, deskToken);
    ok(await desk.command('desk:sign_in', { officer: 'Anna' }));
    const list = await cli(...office, 'device', 'list');
    expect(list.stdout).toMatch(/desk\s+.+paired/);
    const deskId = /^(\S+)\s+desk/m.exec(list.stdout)![1]!;

    // A revocation from the CLI reaches the running server at once (LISTEN/NOTIFY), not at its
    // next look: the desk is told and cut off.
    await cli(...office, 'device', 'revoke', deskId);
    await desk.until(
      () =>
        desk.received.some(
          (m) => m.event === 'server:notice' && (m.args[0] as { code: string }).code === 'device_revoked',
        ),
      'the desk cut off',
    );
    await expect.poll(() => desk.socket.connected).toBe(false);
    desk.close();

    await cli(...office, 'officer', 'pin', '--name', 'Anna Berg', '--pin', '2468');
    const admin = await connectDevice(server.url, adminToken);
    expect(ok(await admin.query('officer:list', {})).names).toEqual(['Anna Berg']);
    admin.close();
    const backup = await cli(...office, 'backup', join(dir, 'copy.sqlite')).catch((e: unknown) => e);
    expect(backup).toMatchObject({ stderr: expect.stringContaining('pg_dump') });
  }, 90_000);
});
