import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../server/store/migrations/index.js';
import { connectDevice } from '../helpers/client.js';
import { freePort, spawnServer, type ServerProcess } from '../helpers/process.js';

const run = promisify(execFile);

describe('a new office', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motesplats-start-'));
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts, prints where to go next and answers /health; the device CLI prints a pairing link that works', async () => {
    const port = await freePort();
    server = await spawnServer(dir, port, ['--public-url', `http://127.0.0.1:${port}`]);
    expect(server.output()).toContain(`Listening on ${server.url}`);
    expect(server.output()).toMatch(/Admin\s+http:\/\/127\.0\.0\.1:\d+\/pair\?code=[A-Z0-9]{4}-[A-Z0-9]{4}/);
    const health = (await (await fetch(`${server.url}/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ok', schemaVersion: SCHEMA_VERSION, head: 0 });

    const { stdout } = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/cli.ts',
        'device',
        'add',
        '--role',
        'desk',
        '--desk',
        'AF 1',
        '--data',
        dir,
        '--public-url',
        server.url,
      ],
      { cwd: join(import.meta.dirname, '../..') },
    );
    expect(stdout).toMatch(/Device "Arbetsförmedlingen 1" \(desk\) created/);
    const link = /(http:\/\/\S+\/pair\?code=(\S+))/.exec(stdout);
    expect(link).not.toBeNull();
    const code = decodeURIComponent(link![2]!);
    const paired = await fetch(`${server.url}/api/pair`, { method: 'POST', body: JSON.stringify({ code }) });
    expect(paired.status).toBe(200);
    const { token, device } = (await paired.json()) as {
      token: string;
      device: { role: string; deskId: string };
    };
    expect(device).toMatchObject({ role: 'desk', deskId: 'af-1' });
    const desk = await connectDevice(server.url, token);
    expect(desk.state?.config.name).toMatch(/demo/);
    desk.close();
    // The code was spent.
    const again = await fetch(`${server.url}/api/pair`, { method: 'POST', body: JSON.stringify({ code }) });
    expect(again.status).toBe(404);
  });
});
