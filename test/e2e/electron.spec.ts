import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import type { DesktopApi } from '../../shared/desktop.js';
import { freePort, spawnServer, type ServerProcess } from '../helpers/process.js';

/**
 * The desktop app against a real office server: pair it as a desk through its setup page, see
 * the desk screen, start it again straight into the screen, and watch it wait for the server
 * and come back by itself.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const nodeRequire = createRequire(import.meta.url);

/** What a test reads of a page's window (this project's tests have no DOM types). */
interface PageGlobals {
  motesplats?: DesktopApi;
  require?: unknown;
  process?: unknown;
  open(url: string): unknown;
  location: { href: string };
}

function findElectron(): { path: string } | { reason: string } {
  let path: string;
  try {
    path = nodeRequire('electron') as string;
  } catch {
    return { reason: 'the Electron binary is not installed' };
  }
  if (!existsSync(path)) return { reason: `the Electron binary is not at ${path}` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return { reason: 'there is no display to open windows on (run under xvfb-run)' };
  return { path };
}

const found = findElectron();
const skipReason = 'reason' in found ? found.reason : null;
const skipMessage =
  `Skipped: ${skipReason}. With internet access, ` +
  '`npm run desktop:fetch` (or a normal `npm ci`) installs it.';
// Reporters list a skipped test without its reason; say it once where people look.
if (skipReason !== null && !process.env.TEST_WORKER_INDEX) console.log(`[electron.spec] ${skipMessage}`);

function run(args: string[], what: string): string {
  const result = spawnSync(args[0]!, args.slice(1), { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  if (result.status !== 0) throw new Error(`${what} failed: ${result.stderr || result.stdout}`);
  return result.stdout;
}

test.describe.serial('the desktop app', () => {
  test.skip(skipReason !== null, skipMessage);

  let work: string;
  let appDir: string;
  let dataDir: string;
  let userData: string;
  let port: number;
  let server: ServerProcess | null = null;
  const rendererDir = join(ROOT, 'dist/renderer');

  function launch(): Promise<ElectronApplication> {
    return electron.launch({
      executablePath: (found as { path: string }).path,
      args: [
        appDir,
        `--user-data-dir=${userData}`,
        // Chromium refuses its OS sandbox to root (CI containers); the renderer stays sandboxed by Electron.
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ],
    });
  }

  async function startServer(): Promise<ServerProcess> {
    server = await spawnServer(dataDir, port, ['--renderer', rendererDir]);
    return server;
  }

  test.beforeAll(async () => {
    if (!existsSync(join(rendererDir, 'index.html')))
      run(['npm', 'run', 'build:renderer', '--silent'], 'building the screens');
    work = mkdtempSync(join(tmpdir(), 'motesplats-e2e-desktop-'));
    appDir = join(work, 'app');
    dataDir = join(work, 'data');
    userData = join(work, 'user-data');
    run([process.execPath, 'electron/scripts/bundle.mjs', '--out', appDir], 'bundling the app');
    port = await freePort();
    await startServer();
  });

  test.afterAll(async () => {
    await server?.kill('SIGTERM');
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('pairs as a desk through the setup page and opens the desk screen', async () => {
    const url = server!.url;
    const output = run(
      [
        process.execPath,
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
        dataDir,
        '--public-url',
        url,
      ],
      'adding a desk device',
    );
    const link = /(https?:\/\/\S+\/pair\?code=[A-Z0-9-]+)/.exec(output)?.[1];
    expect(link, output).toBeTruthy();

    const app = await launch();
    try {
      const setup = await app.firstWindow();
      await expect(setup).toHaveURL(/^motesplats-app:\/\/local\/setup\.html/);
      await setup.getByLabel('Office server address or pairing link').fill(link!);
      await setup.getByLabel('PIN', { exact: true }).fill('2468');
      await setup.getByLabel('Repeat the PIN').fill('2468');
      await setup.getByLabel('Start Mötesplats when this computer starts').uncheck();
      const nextWindow = app.waitForEvent('window');
      await setup.getByRole('button', { name: 'Pair this device' }).click();
      await expect(setup.getByRole('status')).toContainText('Paired as desk');

      const desk = await nextWindow;
      await expect(desk).toHaveURL(`${url}/desk`);
      await desk.waitForLoadState('domcontentloaded');
      await expect(desk).toHaveTitle(/Mötesplats/);

      const bridge = await desk.evaluate(async () => {
        const page = globalThis as unknown as PageGlobals;
        return {
          token: await page.motesplats?.deviceToken(),
          info: await page.motesplats?.appInfo(),
          local: 'motesplatsLocal' in page,
          require: typeof page.require,
          process: typeof page.process,
        };
      });
      const saved = JSON.parse(readFileSync(join(userData, 'device.json'), 'utf8'));
      expect(saved).toMatchObject({ serverUrl: url, device: { role: 'desk', deskId: 'af-1' } });
      expect(bridge).toEqual({
        token: saved.token,
        info: expect.objectContaining({ role: 'desk', serverUrl: url }),
        local: false,
        require: 'undefined',
        process: 'undefined',
      });
      if (process.platform !== 'win32')
        expect(statSync(join(userData, 'device.json')).mode & 0o777).toBe(0o600);

      // No new windows, and no way off the server's origin.
      expect(
        await desk.evaluate(() => (globalThis as unknown as PageGlobals).open('https://example.com/')),
      ).toBe(null);
      await desk.evaluate(() => {
        (globalThis as unknown as PageGlobals).location.href = 'https://example.com/';
      });
      await desk.waitForTimeout(1_000);
      expect(new URL(desk.url()).origin).toBe(url);
    } finally {
      await app.close();
    }
  });

  test('starts straight into the desk screen, and waits for the server to come back', async () => {
    const url = server!.url;
    await server!.kill('SIGTERM');
    server = null;

    const app = await launch();
    try {
      const page = await app.firstWindow();
      await expect(page.getByText(`Reconnecting to ${url}…`)).toBeVisible();
      await expect(page).toHaveURL(/^motesplats-app:\/\/local\/offline\.html/);

      await startServer();
      await expect(page).toHaveURL(`${url}/desk`, { timeout: 45_000 });
      await expect(page).toHaveTitle(/Mötesplats/);
    } finally {
      await app.close();
    }
  });
});
