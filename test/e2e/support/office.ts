import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '../../../shared/events.js';
import type { OfficeConfig } from '../../../shared/office.js';
import { demoOffice } from '../../../server/office/demo.js';
import { OfficeStore } from '../../../server/store/store.js';
import { freePort, spawnServer, type ServerProcess } from '../../helpers/process.js';

const ROOT = join(import.meta.dirname, '../../..');
export const RENDERER = join(ROOT, 'dist/renderer');
export const SHOTS = join(ROOT, 'test-results/screens');

/**
 * A real office server in its own process, serving the built screens, over a fresh database:
 * the demo office with a short recall pause so that recall → no show takes seconds, not minutes.
 */
export class E2eOffice {
  /** What the server wrote to stderr (it logs only errors there), for a failing test's report. */
  readonly errors: string[] = [];

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly officeFile: string,
    public server: ServerProcess,
  ) {
    this.watch(server);
  }

  private watch(server: ServerProcess): void {
    server.process.stderr?.on('data', (chunk: Buffer) => this.errors.push(chunk.toString()));
    server.process.on('exit', (code, signal) => {
      if (signal !== 'SIGTERM' && signal !== 'SIGKILL') this.errors.push(`server exited: ${code ?? signal}`);
    });
  }

  static async start(
    overrides: Partial<OfficeConfig> = {},
    options: { history?: boolean } = {},
  ): Promise<E2eOffice> {
    const dir = mkdtempSync(join(tmpdir(), 'motesplats-e2e-'));
    if (options.history)
      execFileSync(
        process.execPath,
        ['--import', 'tsx', join(ROOT, 'test/e2e/support/seedHistory.ts'), join(dir, 'data')],
        {
          cwd: ROOT,
          stdio: 'inherit',
        },
      );
    const officeFile = join(dir, 'office.json');
    writeFileSync(officeFile, JSON.stringify({ ...demoOffice(), recallPauseSeconds: 1, ...overrides }));
    const port = await freePort();
    const server = await spawnServer(join(dir, 'data'), port, E2eOffice.args(officeFile, port));
    return new E2eOffice(dir, port, officeFile, server);
  }

  private static args(officeFile: string, port: number): string[] {
    return ['--office', officeFile, '--renderer', RENDERER, '--public-url', `http://127.0.0.1:${port}`];
  }

  get url(): string {
    return this.server.url;
  }

  /** A one-time pairing code for a new device of a role (and desk), as the admin or the CLI makes one. */
  pairingCode(role: Role, deskId: string | null = null, name: string = role): string {
    const store = OfficeStore.open(join(this.dir, 'data', 'motesplats.sqlite'));
    try {
      return store.devices.create({ name, role, deskId }, Date.now()).code;
    } finally {
      store.close();
    }
  }

  /** The status-page token of today's ticket, as its QR code carries it. */
  statusToken(ticket: string): string {
    const store = OfficeStore.open(join(this.dir, 'data', 'motesplats.sqlite'));
    try {
      return store.db
        .prepare(
          `SELECT p.status_token FROM visit_private p JOIN visits v ON v.id = p.visit_id
           WHERE v.ticket = ? ORDER BY v.created_at DESC LIMIT 1`,
        )
        .pluck()
        .get(ticket) as string;
    } finally {
      store.close();
    }
  }

  async stop(): Promise<void> {
    await this.server.kill('SIGTERM');
  }

  async restart(): Promise<void> {
    await this.server.kill('SIGTERM');
    this.server = await spawnServer(
      join(this.dir, 'data'),
      this.port,
      E2eOffice.args(this.officeFile, this.port),
    );
  }

  async dispose(): Promise<void> {
    if (this.errors.length > 0) console.error(`office server errors:\n${this.errors.join('')}`);
    await this.server.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface Device {
  readonly context: BrowserContext;
  readonly page: Page;
}

/**
 * A browser context per device, paired through the real pairing page: it stores the device's
 * token and opens the role's screen. Staff screens run in `staffLanguage` (English by default,
 * the language of the accessible names that the tests rely on).
 */
export async function pairDevice(
  browser: Browser,
  office: E2eOffice,
  role: Role,
  options: {
    deskId?: string;
    staffLanguage?: 'sv' | 'en';
    viewport?: { width: number; height: number };
  } = {},
): Promise<Device> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1366, height: 768 } });
  const language = options.staffLanguage ?? 'en';
  await context.addInitScript((lang) => {
    if (!localStorage.getItem('motesplats.staffLanguage'))
      localStorage.setItem('motesplats.staffLanguage', lang);
  }, language);
  const page = await context.newPage();
  const code = office.pairingCode(role, options.deskId ?? null, options.deskId ?? role);
  await page.goto(`${office.url}/pair?code=${code}`);
  await page.waitForURL(`**/${role}`);
  return { context, page };
}

/** A screenshot of a screen in a language, under test-results/screens/<language>/. */
export async function shot(page: Page, language: string, name: string): Promise<void> {
  mkdirSync(join(SHOTS, language), { recursive: true });
  await page.screenshot({ path: join(SHOTS, language, `${name}.png`), fullPage: true });
}

/** axe-core over the page as it is: no serious or critical violation. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `${what} has accessibility violations`,
  ).toEqual([]);
}
